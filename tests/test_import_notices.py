"""The import tells the editor what it did (issue 10, item 7)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import PageLogEntry  # noqa: F401  (the log models are loaded with Wagtail)

from tests.factories import make_decision, make_unit
from tests.test_spreadsheets import GOOD_ROWS, xlsx_file
from thidua_wagtail.models import Honour

pytestmark = pytest.mark.django_db

HEADINGS = ["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng", "Thành tích", "Truy tặng"]


@pytest.fixture
def decision():
    make_unit("Phòng Hành chính tư pháp")
    return make_decision(number="15/QĐ-STP")


def upload(client, decision, file, follow=True):
    return client.post(reverse("thidua_import_honours", args=(decision.pk,)), {"file": file}, follow=follow)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def sheet(headings, rows, name="ds.xlsx"):
    workbook = Workbook()
    for row in [headings, *rows]:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def test_unknown_columns_are_named_in_a_notice(editor, decision):
    rows = [[*GOOD_ROWS[0], "ghi chú riêng"]]
    response = upload(editor, decision, sheet([*HEADINGS, "Ghi chú"], rows))
    assert decision.honours.count() == 1
    assert any("“Ghi chú”" in m and "không được đọc" in m for m in messages_of(response))


@pytest.mark.parametrize(
    "heading",
    [
        "Ngày sinh",
        "ngay sinh",
        "Năm sinh",
        "CCCD",
        "Số CCCD",
        "CMND",
        "Số CMND/CCCD",
        "Số điện thoại",
        "SĐT",
        "Điện thoại",
        "Địa chỉ",
        "Địa chỉ thường trú",
        "Quê quán",
        "Email",
    ],
)
def test_a_file_with_personal_data_is_refused_and_nothing_is_written(editor, decision, heading):
    response = upload(editor, decision, sheet([*HEADINGS, heading], [[*GOOD_ROWS[0], "01/01/1980"]]))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert heading in errors and "không bao giờ được lưu" in errors
    assert not Honour.objects.exists()


def test_a_heading_that_only_contains_a_similar_word_is_not_personal_data(editor, decision):
    response = upload(editor, decision, sheet([*HEADINGS, "Đơn vị chủ trì"], [[*GOOD_ROWS[0], ""]]))
    assert decision.honours.count() == 1, response.context["form"].errors if response.context else None


def test_a_formula_cell_is_reported_as_a_formula(editor, decision):
    rows = [["Cá nhân", '=CONCATENATE("Nguyễn ","Văn An")', "", "", "Lao động tiên tiến", "", ""]]
    response = upload(editor, decision, sheet(HEADINGS, rows))
    html = response.content.decode()
    assert "công thức" in html and "CONCATENATE" in html
    assert "Ghi họ và tên" not in html  # not mistaken for an empty name
    assert not Honour.objects.exists()


def test_a_name_without_diacritics_or_capitals_is_imported_with_a_warning(editor, decision):
    rows = [
        ["Cá nhân", "nguyen van an", "", "", "Lao động tiên tiến", "", ""],
        ["Cá nhân", "trần thị bình", "", "", "Lao động tiên tiến", "", ""],
        ["Cá nhân", "Lê Thị Hoa", "", "", "Lao động tiên tiến", "", ""],
    ]
    response = upload(editor, decision, sheet(HEADINGS, rows))
    assert decision.honours.count() == 3
    warning = " ".join(m for m in messages_of(response) if "kiểm tra" in m)
    assert "nguyen van an" in warning and "không dấu" in warning
    assert "trần thị bình" in warning and "Lê Thị Hoa" not in warning


def test_a_file_already_imported_says_so_in_the_message_and_the_history(editor, decision):
    upload(editor, decision, xlsx_file(GOOD_ROWS))
    response = upload(editor, decision, xlsx_file(GOOD_ROWS, name="lan-2.xlsx"))
    assert any("Không có gì mới" in m and "3 dòng" in m for m in messages_of(response))
    history = editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:history", args=(decision.pk,)))
    text = " ".join(history.content.decode().split())
    assert "3 lượt khen thưởng" in text
    assert "Không thêm lượt khen thưởng nào từ “lan-2.xlsx”: cả 3 dòng đều đã có trong quyết định" in text
    assert "0 lượt khen thưởng" not in text


def test_the_template_has_frozen_headings_widths_drop_downs_and_no_example_person(editor):
    response = editor.get(reverse("thidua_import_template", args=("xlsx",)))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    main = workbook["Khen thưởng"]
    assert main.freeze_panes == "A2"
    assert main.max_row == 1  # headings only: nothing to import by mistake
    assert main.column_dimensions["B"].width >= 25
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in main.data_validations.dataValidation}
    assert "Danh mục" in validations["A2"] and "Danh mục" in validations["E2"]
    names = [cell.value for (cell,) in workbook["Danh mục"].iter_rows(min_row=2, max_col=1) if cell.value]
    assert "Lao động tiên tiến" in names and "Giấy khen" in " ".join(names)
    kinds = [cell.value for (cell,) in workbook["Danh mục"].iter_rows(min_row=2, min_col=2, max_col=2) if cell.value]
    assert kinds == ["Cá nhân", "Tập thể", "Hộ gia đình"]
    csv_template = b"".join(editor.get(reverse("thidua_import_template", args=("csv",))).streaming_content).decode()
    assert len(csv_template.strip().splitlines()) == 1


def test_the_filled_in_template_imports(editor, decision):
    response = editor.get(reverse("thidua_import_template", args=("xlsx",)))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    workbook["Khen thưởng"].append(GOOD_ROWS[0])
    output = io.BytesIO()
    workbook.save(output)
    upload(editor, decision, SimpleUploadedFile("mau.xlsx", output.getvalue()))
    assert decision.honours.get().person_name == "Nguyễn Văn An"
