"""Exports of the public roll and imports of a decision's honours, as a visitor and an editor use them."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import make_decision, make_hub, make_unit
from thidua_wagtail.models import Honour, HonourRollPage
from thidua_wagtail.spreadsheets import neutralise

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.fixture
def roll():
    hub = make_hub()
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=page)
    make_decision(
        honours=[
            {"recipient_kind": "individual", "person_name": name, "position": "=1+1", "award": "lao-dong-tien-tien"}
            for name in HOSTILE
        ]
        + [{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": "lao-dong-tien-tien"}]
    )
    return page


def test_neutralise():
    assert [neutralise(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert neutralise("Nguyễn Văn An") == "Nguyễn Văn An"
    assert neutralise(42) == 42


def test_csv_export_is_streamed_and_neutralised(client, roll):
    response = client.get(roll.url + "export/csv/")
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == sorted(["'" + v for v in HOSTILE] + ["Nguyễn Văn An"])
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_xlsx_export_has_no_formula(client, roll):
    response = client.get(roll.url + "export/xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    assert '\'=HYPERLINK("http://x","y")' in values and "Nguyễn Văn An" in values


def test_export_follows_the_filters(client, roll):
    response = client.get(roll.url + "export/csv/", {"q": "nguyen"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Nguyễn Văn An" in text and "HYPERLINK" not in text


def test_unknown_export_format_is_404(client, roll):
    assert client.get(roll.url + "export/pdf/").status_code == 404


# Imports ---------------------------------------------------------------------------------------


@pytest.fixture
def decision():
    make_unit("Phòng Hành chính tư pháp")
    return make_decision(number="15/QĐ-STP")


def xlsx_file(rows, name="danh-sach.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng", "Thành tích", "Truy tặng"]
    )
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


GOOD_ROWS = [
    ["Cá nhân", "Nguyễn Văn An", "Chuyên viên", "Phòng Hành chính tư pháp", "Lao động tiên tiến", "", ""],
    ["Tập thể", "", "", "Phòng Hành chính tư pháp", "Tập thể lao động tiên tiến", "", ""],
    ["Cá nhân", "Lê Thị Hoa", "Phó Trưởng phòng", "Phòng Hành chính tư pháp", "giay-khen", "Hoàn thành xuất sắc", "x"],
]


def upload(client, decision, file):
    return client.post(reverse("thidua_import_honours", args=(decision.pk,)), {"file": file})


def test_import_adds_the_honours_and_a_second_import_adds_nothing(editor, decision):
    response = upload(editor, decision, xlsx_file(GOOD_ROWS))
    assert response.status_code == 302
    assert decision.honours.count() == 3
    hoa = Honour.objects.get(person_name="Lê Thị Hoa")
    assert hoa.posthumous and hoa.unit_name == "Phòng Hành chính tư pháp" and hoa.search_name == "le thi hoa"
    response = upload(editor, decision, xlsx_file(GOOD_ROWS))
    assert response.status_code == 302
    assert decision.honours.count() == 3


def test_an_imported_honour_is_stored_as_the_same_honour_saved_in_the_form(editor, decision):
    """The import inserts its rows without save(): each must hold what save() would have written, and be found
    by a visitor's name search (the names' index is kept by the database, not by save())."""
    from thidua_wagtail.models import Unit

    hub = make_hub()
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=roll)
    assert upload(editor, decision, xlsx_file(GOOD_ROWS)).status_code == 302
    unit = Unit.objects.get(name="Phòng Hành chính tư pháp")
    written = {
        "Nguyễn Văn An": dict(recipient_kind="individual", person_name="Nguyễn Văn An", position="Chuyên viên"),
        "Phòng Hành chính tư pháp": dict(recipient_kind="collective"),
        "Lê Thị Hoa": dict(
            recipient_kind="individual",
            person_name="Lê Thị Hoa",
            position="Phó Trưởng phòng",
            achievement="Hoàn thành xuất sắc",
            posthumous=True,
        ),
    }
    other = make_decision(number="16/QĐ-STP", date=decision.date)
    columns = [f.attname for f in Honour._meta.concrete_fields if f.attname not in ("id", "decision_id", "sort_order")]
    for imported in decision.honours.order_by("sort_order"):
        saved = Honour.objects.create(
            decision=other, unit=unit, award=imported.award, **written[imported.recipient_name]
        )
        saved.refresh_from_db()
        assert {c: getattr(imported, c) for c in columns} == {c: getattr(saved, c) for c in columns}
    assert list(decision.honours.order_by("sort_order").values_list("sort_order", flat=True)) == [1, 2, 3]
    found = editor.get(roll.url, {"q": "le thi hoa"}).context["honours"]
    assert sorted(row["decision__number"] for row in found) == ["15/QĐ-STP", "16/QĐ-STP"]


def test_a_row_repeated_in_the_file_is_named_with_the_row_it_repeats_and_nothing_is_written(editor, decision):
    make_unit("Phòng Phổ biến giáo dục pháp luật")
    rows = [
        ["Cá nhân", "Nguyễn Văn An", "", "Phòng Hành chính tư pháp", "Lao động tiên tiến", "", ""],  # row 2
        ["Tập thể", "", "", "Phòng Hành chính tư pháp", "Tập thể lao động tiên tiến", "", ""],  # row 3
        ["Tập thể", "", "", "Tổ hòa giải ấp 3", "giay-khen", "", ""],  # row 4: a collective named in text
        ["Cá nhân", "NGUYỄN  VĂN AN", "", "Phòng Hành chính tư pháp", "Lao động tiên tiến", "", ""],  # same as 2
        ["Tập thể", "", "", "Phòng Hành chính tư pháp", "Tập thể lao động tiên tiến", "", ""],  # same as 3
        ["Tập thể", "", "", "Tổ  hòa giải ấp 3", "giay-khen", "", ""],  # same as 4
        # Not repeats: another award, another unit, another collective in text.
        ["Cá nhân", "Nguyễn Văn An", "", "Phòng Hành chính tư pháp", "giay-khen", "", ""],
        ["Cá nhân", "Nguyễn Văn An", "", "Phòng Phổ biến giáo dục pháp luật", "Lao động tiên tiến", "", ""],
        ["Tập thể", "", "", "Tổ hòa giải ấp 4", "giay-khen", "", ""],
    ]
    response = upload(editor, decision, xlsx_file(rows))
    assert response.status_code == 200
    errors = [(e.row, e.column, str(e.message)) for e in response.context["row_errors"]]
    assert errors == [
        (5, "Họ và tên", "Trùng với lượt khen thưởng ở dòng 2."),
        (6, "Họ và tên", "Trùng với lượt khen thưởng ở dòng 3."),
        (7, "Họ và tên", "Trùng với lượt khen thưởng ở dòng 4."),
    ]
    assert not decision.honours.exists()


def test_the_import_s_writer_refuses_what_it_cannot_write_and_writes_nothing(decision):
    """insert_all writes like bulk_create or refuses: an unsaved unit on either database; on SQLite, where it
    writes the statements itself, a key already set or a value that is an expression."""
    from django.db import connection, transaction
    from django.db.models.functions import Upper

    from thidua_wagtail.models import AwardType, Unit
    from thidua_wagtail.models.bulk import insert_all

    award = AwardType.objects.get(code="giay-khen")

    def honour(**fields):
        new = Honour(decision=decision, person_name="Trần Văn Bình", award=award, **fields)
        new.fill_copies(decision)
        return new

    # Each refusal in its own transaction, as the import's: the test's own goes on.
    with pytest.raises(ValueError), transaction.atomic():
        insert_all(Honour, [honour(), honour(unit=Unit(name="Chưa lưu"))])
    if connection.vendor == "sqlite":
        with pytest.raises(ValueError), transaction.atomic():
            insert_all(Honour, [honour(), honour(pk=99_999)])
        with pytest.raises(ValueError), transaction.atomic():
            insert_all(Honour, [honour(), honour(position=Upper("person_name"))])
    assert not decision.honours.exists()
    assert insert_all(Honour, [honour(), honour(position="Chuyên viên")]) == 2
    assert sorted(decision.honours.values_list("position", flat=True)) == ["", "Chuyên viên"]


def test_csv_import(editor, decision):
    text = "Loại;Họ và tên;Đơn vị;Danh hiệu, hình thức khen thưởng\nCá nhân;Trần Văn Bình;;Lao động tiên tiến\n"
    assert upload(editor, decision, SimpleUploadedFile("ds.csv", text.encode("utf-8"))).status_code == 302
    assert decision.honours.get().person_name == "Trần Văn Bình"


def test_one_bad_row_blocks_the_whole_file_and_is_named(editor, decision):
    rows = [
        *GOOD_ROWS,
        ["Tập thể", "", "", "Phòng Hành chính tư pháp", "Lao động tiên tiến", "", ""],
        ["Người lạ", "Ai đó", "", "", "Lao động tiên tiến", "", ""],
        ["Cá nhân", "Người khác", "", "", "Bằng khen của Bộ, ban, ngành, tỉnh", "", ""],
    ]
    response = upload(editor, decision, xlsx_file(rows))
    assert response.status_code == 200
    errors = {(e.row, e.column) for e in response.context["row_errors"]}
    assert errors == {
        (5, "Danh hiệu, hình thức khen thưởng"),
        (6, "Loại"),
        (7, "Danh hiệu, hình thức khen thưởng"),
    }
    assert not decision.honours.exists()


def test_a_file_that_is_not_a_spreadsheet(editor, decision):
    png = SimpleUploadedFile("anh.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response = upload(editor, decision, png)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not decision.honours.exists()


def test_a_file_too_large(editor, decision, settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 1000
    response = upload(editor, decision, SimpleUploadedFile("lon.csv", b"a" * 5000))
    assert response.context["form"].errors["file"]
    assert not decision.honours.exists()


def test_only_editors_of_decisions_may_import(client, django_user_model, decision):
    user = django_user_model.objects.create_user("xem", "xem@example.vn", "x")
    group = Group.objects.create(name="Chỉ xem")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    response = upload(client, decision, xlsx_file(GOOD_ROWS))
    assert response.status_code in (302, 403)
    assert not decision.honours.exists()
    group.permissions.add(Permission.objects.get(codename="change_decision"))
    assert upload(client, decision, xlsx_file(GOOD_ROWS)).status_code == 302
    assert decision.honours.count() == 3


def test_template_download(editor):
    response = editor.get(reverse("thidua_import_template", args=("xlsx",)))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in next(workbook.active.iter_rows())][:2] == ["Loại", "Họ và tên"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cr.csv", "Loại,Họ và tên,Danh hiệu, hình thức khen thưởng\rCá nhân,A,Lao động tiên tiến\r".encode()),
        ("rows.csv", ("Loại,Họ và tên,Danh hiệu\n" + "Cá nhân,A,giay-khen\n" * 20_001).encode()),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        ("header-only.csv", "Loại,Họ và tên,Danh hiệu\n".encode()),
        ("latin1.csv", "Loại,Họ và tên,Danh hiệu\nCá nhân,Nguyễn,giay-khen\n".encode("utf-16")),
    ],
)
def test_unreadable_files_get_a_message_never_an_error(editor, decision, name, content):
    response = upload(editor, decision, SimpleUploadedFile(name, content))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors.get("file") or response.context["row_errors"]
    if name != "cr.csv":
        assert not decision.honours.exists()


def test_a_name_longer_than_the_field_is_named_not_crashed(editor, decision):
    rows = [["Cá nhân", "A" * 300, "", "", "Lao động tiên tiến", "", ""]]
    response = upload(editor, decision, xlsx_file(rows))
    assert [(e.row, e.column) for e in response.context["row_errors"]] == [(2, "Họ và tên")]
    assert not decision.honours.exists()


def test_import_of_an_unknown_decision_by_a_user_without_permission_reveals_nothing(client, django_user_model):
    user = django_user_model.objects.create_user("xem2", "xem2@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("thidua_import_honours", args=(987654,))).status_code in (302, 403)
