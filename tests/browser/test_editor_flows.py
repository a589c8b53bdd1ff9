"""An editor's day, in Chromium: plans, decisions, honours, an import, searches, an export, two editors
(issue 10, item 12). Each test makes its own records, so they run in any order on one served portal."""

from __future__ import annotations

import csv
import io
import re
import sys
import time
from urllib.parse import quote

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT

SNIPPETS = "/admin/snippets/thidua_wagtail"


# --- what an editor does on a form ---------------------------------------------------------------


def choose(page, button_name, query, pick):
    """Open a chooser with its button, search it as an editor types, and pick the result named ``pick``."""
    page.get_by_role("button", name=button_name).click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(query)
    # The whole name: "Lao động tiên tiến" must not pick "Tập thể lao động tiên tiến".
    exactly = re.compile(rf"^\s*{re.escape(pick)}\s*$")
    choice = modal.locator("a[data-chooser-modal-choice], a.choose-page").filter(has_text=exactly)
    expect(choice.first).to_be_visible()
    choice.first.click()
    expect(modal).to_have_count(0)


def publish(page):
    """Wagtail's "Xuất bản", in the footer's drop-down under "Lưu bản nháp"."""
    close_date_pickers(page)
    button = page.locator("button[name=action-publish]")
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle], .footer [data-w-dropdown-target=toggle]").first.click()
    button.click()


def field_error(page, name):
    """The message shown on the field ``name`` (Wagtail puts it in the field's wrapper)."""
    wrapper = page.locator(f"[data-field-wrapper]:has([name='{name}'])").first
    return wrapper.locator(".error-message").inner_text()


def type_into(page, name, value):
    """Type into a field and leave it with Tab, as an editor does (which closes a date field's picker)."""
    field = page.locator(f"[name='{name}']")
    field.fill(value)
    field.press("Tab")
    close_date_pickers(page)


def close_date_pickers(page):
    """The date picker of Wagtail's date fields stays open over the form after Tab (it opens on focus, a
    moment later): closed without picking a day, as a click elsewhere would."""
    page.wait_for_timeout(150)
    page.evaluate("() => { document.activeElement?.blur(); window.jQuery?.('.xdsoft_datetimepicker').hide(); }")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)


def fill_plan(page, **fields):
    values = {
        "title": "Kế hoạch thi đua chuyên đề chuyển đổi số năm 2027",
        "number": "27/KH-STP",
        "issue_date": "15/01/2027",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_position": "Giám đốc Sở Tư pháp",
        "start_year": "2027",
        "end_year": "2027",
        **fields,
    }
    for name, value in values.items():
        type_into(page, name, value)
    choose(page, "Chọn đơn vị", "so tu phap dong thap", "Sở Tư pháp tỉnh Đồng Tháp")


def add_phase(page, index, name, start, end):
    page.get_by_role("button", name="Thêm Đợt thi đua").click()
    page.fill(f"[name=phases-{index}-name]", name)
    type_into(page, f"phases-{index}-start_date", start)
    type_into(page, f"phases-{index}-end_date", end)


def add_movement(page, index, query, pick):
    page.get_by_role("button", name="Thêm Phong trào").click()
    page.locator(f"#inline_child_movement_links-{index}").get_by_role(
        "button", name="Chọn một trang (Phong trào thi đua)"
    ).click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(query)
    choice = modal.locator("a.choose-page").filter(has_text=pick)
    expect(choice).to_be_visible()
    choice.click()
    expect(modal).to_have_count(0)


# --- plans ----------------------------------------------------------------------------------------


def test_an_editor_makes_a_plan_with_two_phases_and_two_movements_and_visitors_read_it(editor, ids):
    page = editor.page
    editor.goto(f"/admin/pages/add/thidua_wagtail/planpage/{ids['hub']}/")
    fill_plan(page)
    add_phase(page, 0, "Đợt 1: sáu tháng đầu năm", "01/02/2027", "30/06/2027")
    add_phase(page, 1, "Đợt 2: sáu tháng cuối năm", "01/07/2027", "15/12/2027")
    # Typed without diacritics, as editors often do: the page chooser still finds the movements.
    add_movement(page, 0, "nong thon moi", "nông thôn mới")
    add_movement(page, 1, "van hoa cong so", "văn hóa công sở")
    publish(page)
    # Created and published at once, or published after Wagtail's autosave has created it as a draft.
    expect(page.locator(".messages")).to_contain_text(re.compile("Đã (tạo và )?xuất bản trang"))

    visitor = editor.goto("/vi/thi-dua-khen-thuong/ke-hoach-thi-dua-chuyen-de-chuyen-doi-so-nam-2027/")
    assert visitor.status == 200
    body = page.locator("main")
    for fact in (
        "27/KH-STP",
        "Đợt 1: sáu tháng đầu năm",
        "Đợt 2: sáu tháng cuối năm",
        "1/2/2027",
        "15/12/2027",
        "nông thôn mới",
        "văn hóa công sở",
    ):
        expect(body).to_contain_text(fact)


# Wagtail's autosave, its answer held back in the browser as on a busy server: the record is created on
# the server, but the form does not know yet. Counts the autosaves that have reached the server.
SLOW_AUTOSAVE_ANSWERS = """() => {
    const fetch = window.fetch;
    window.autosavesDone = 0;
    window.fetch = async (url, init) => {
        const response = await fetch(url, init);
        if ((init?.method || '').toUpperCase() === 'POST' && init.headers?.Accept === 'application/json') {
            window.autosavesDone += 1;
            await new Promise((resolve) => setTimeout(resolve, 2500));
        }
        return response;
    };
}"""


def test_publishing_while_the_autosave_is_on_its_way_creates_the_plan_once(editor, ids, portal):
    page = editor.page
    editor.goto(f"/admin/pages/add/thidua_wagtail/planpage/{ids['hub']}/")
    page.evaluate(SLOW_AUTOSAVE_ANSWERS)
    title = "Kế hoạch thi đua chào mừng Đại hội Đảng bộ Sở"
    fill_plan(page, title=title, number="31/KH-STP")
    # Wagtail's autosave has created the plan as a draft; its answer is still on the way when the editor
    # clicks Publish (without the package, the form was posted to the create view again: "slug in use").
    page.wait_for_function("() => window.autosavesDone > 0")
    publish(page)
    expect(page.locator(".messages")).to_contain_text(re.compile("Đã (tạo và )?xuất bản trang"))
    expect(page.locator(".error-message")).to_have_count(0)
    count = f"from thidua_wagtail.models import PlanPage; print(PlanPage.objects.filter(title={title!r}).count())"
    assert portal.shell(count).splitlines()[-1] == "1"
    assert editor.goto("/vi/thi-dua-khen-thuong/ke-hoach-thi-dua-chao-mung-dai-hoi-dang-bo-so/").status == 200


# Each autosave as it leaves, and the form's submission as it leaves, noted where the next page can read them.
NOTE_AUTOSAVES_AND_SUBMISSION = """() => {
    const note = (what) => {
        const times = JSON.parse(sessionStorage.getItem(what) || '[]');
        sessionStorage.setItem(what, JSON.stringify([...times, performance.timeOrigin + performance.now()]));
    };
    const fetch = window.fetch;
    window.fetch = (url, init) => {
        const autosave = (init?.method || '').toUpperCase() === 'POST' && init.headers?.Accept === 'application/json';
        if (autosave) note('autosaves');
        return fetch(url, init);
    };
    window.addEventListener('submit', () => note('submissions'));
}"""


def test_a_change_made_just_before_publish_is_not_autosaved_after_it(editor, ids, portal):
    page = editor.page
    editor.goto(f"/admin/pages/add/thidua_wagtail/planpage/{ids['hub']}/")
    title = "Kế hoạch thi đua chuyên đề cải cách hành chính năm 2027"
    fill_plan(page, title=title, number="32/KH-STP")
    # Wagtail's autosave has created the draft and turned the form into the edit view's.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.wait_for_timeout(1500)
    page.evaluate(NOTE_AUTOSAVES_AND_SUBMISSION)

    def slow_server(route):
        # The publish takes the server a while, as on a busy day: long enough for Wagtail to notice the last
        # change and autosave it, unless the package stops autosave once the editor's submission has left.
        if route.request.is_navigation_request() and route.request.method == "POST":
            time.sleep(2.5)
        route.continue_()

    page.route("**/admin/pages/**", slow_server)
    type_into(page, "signer_position", "Phó Giám đốc Sở Tư pháp")
    publish(page)
    expect(page.locator(".messages")).to_contain_text(re.compile("Đã (tạo và )?xuất bản trang"))
    page.unroute("**/admin/pages/**")
    submissions = page.evaluate("() => JSON.parse(sessionStorage.getItem('submissions') || '[]')")
    autosaves = page.evaluate("() => JSON.parse(sessionStorage.getItem('autosaves') || '[]')")
    assert len(submissions) == 1
    assert [at for at in autosaves if at > submissions[0]] == []
    count = f"from thidua_wagtail.models import PlanPage; print(PlanPage.objects.filter(title={title!r}).count())"
    assert portal.shell(count).splitlines()[-1] == "1"


@pytest.mark.parametrize(
    "fields, phases, field, message",
    [
        ({"issue_date": "2027-15-01"}, [], "issue_date", "ngày/tháng/năm"),
        ({"start_year": "2027", "end_year": "2026"}, [], "end_year", "không được trước năm bắt đầu"),
        (
            {},
            [("Đợt 1", "01/02/2027", "30/06/2027"), ("Đợt 2", "01/06/2027", "15/12/2027")],
            "phases-1-start_date",
            "trùng",
        ),
    ],
    ids=["a date that is not a date", "a period that ends before it starts", "two phases that overlap"],
)
def test_the_plan_form_refuses_bad_input_on_the_field_keeps_what_was_typed_and_publishes_nothing(
    editor, ids, fields, phases, field, message
):
    page = editor.page
    editor.goto(f"/admin/pages/add/thidua_wagtail/planpage/{ids['hub']}/")
    title = f"Kế hoạch thử nghiệm {field}"
    fill_plan(page, title=title, **fields)
    for index, (name, start, end) in enumerate(phases):
        add_phase(page, index, name, start, end)
    publish(page)

    expect(page.locator(".messages")).to_contain_text("Không thể tạo trang")
    assert message in field_error(page, field)
    assert page.locator("[name=title]").input_value() == title
    for name, value in fields.items():
        assert page.locator(f"[name={name}]").input_value() == value
    response = editor.goto("/vi/thi-dua-khen-thuong/" + title.lower().replace(" ", "-") + "/")
    assert response.status == 404


# --- decisions and honours ------------------------------------------------------------------------


def new_decision(page, editor, number):
    editor.goto(f"{SNIPPETS}/decision/add/")
    page.fill("[name=number]", number)
    type_into(page, "date", "20/11/2026")
    page.select_option("[name=authority]", "department")
    page.select_option("[name=status]", "awarded")
    page.fill("[name=issuing_body]", "Sở Tư pháp tỉnh Đồng Tháp")
    page.fill("[name=signer_position]", "Giám đốc")
    page.select_option("[name=commendation_type]", "merit")
    page.locator("button[type=submit]").filter(has_text="Lưu").first.click()
    expect(page.locator(".messages")).to_contain_text(number)
    editor.goto(f"{SNIPPETS}/decision/?q=" + number.split("/")[0])
    page.locator("table.listing a").filter(has_text=number).first.click()
    return int(re.search(r"/edit/(\d+)/", page.url).group(1))


def add_honour(page, editor, decision, kind, name, award_query, award, unit_query=None, unit=None):
    editor.goto(f"{SNIPPETS}/honour/add/?decision={decision}")
    page.select_option("[name=recipient_kind]", kind)
    if name:
        page.fill("[name=person_name]", name)
    if unit:
        choose(page, "Chọn đơn vị", unit_query, unit)
    choose(page, re.compile("Chọn danh hiệu|Chọn hình thức"), award_query, award)
    with page.expect_navigation():
        page.locator("button[type=submit]").filter(has_text="Lưu").first.click()
    errors = page.locator(".error-message").all_inner_texts()
    assert not errors, errors
    expect(page.locator(".messages")).to_contain_text("đã được tạo")


def test_a_decision_for_a_collective_and_two_individuals_reaches_the_public_roll(editor):
    page = editor.page
    decision = new_decision(page, editor, "301/QĐ-STP")
    # The decision chooser of an article's block finds it by its number.
    response = editor.goto("/admin/snippets/choose/thidua_wagtail/decision/results/?q=301")
    assert response.status == 200
    expect(page.locator("a[data-chooser-modal-choice]")).to_contain_text("301/QĐ-STP")
    add_honour(
        page,
        editor,
        decision,
        "collective",
        "",
        "tap the lao dong tien tien",
        "Tập thể lao động tiên tiến",
        "phong cong chung so 1",
        "Phòng Công chứng số 1",
    )
    add_honour(
        page,
        editor,
        decision,
        "individual",
        "Đặng Thị Hồng Nhung",
        "lao dong tien tien",
        "Lao động tiên tiến",
        "phong hanh chinh",
        "Phòng Hành chính tư pháp",
    )
    add_honour(
        page,
        editor,
        decision,
        "individual",
        "Võ Minh Khang",
        "giay khen",
        "Giấy khen",
        "phong bo tro",
        "Phòng Bổ trợ tư pháp",
    )

    editor.goto(f"{SNIPPETS}/honour/?decision={decision}")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    # Visitors find each of them on the roll by name, typed without diacritics, with the decision.
    for query, name in (("hong nhung", "Đặng Thị Hồng Nhung"), ("vo minh khang", "Võ Minh Khang")):
        editor.goto(f"/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q={query}")
        expect(page.locator("main")).to_contain_text(name)
        expect(page.locator("main")).to_contain_text("301/QĐ-STP")
    editor.goto("/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q=cong+chung+so+1")
    expect(page.locator("main")).to_contain_text("Tập thể lao động tiên tiến")


def test_an_import_from_the_downloaded_template_lands_on_the_decision_s_honours(editor, tmp_path):
    page = editor.page
    decision = new_decision(page, editor, "302/QĐ-STP")
    editor.goto(f"/admin/thidua/decisions/{decision}/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("XLSX")).first.click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    book = openpyxl.load_workbook(template)
    sheet = book["Khen thưởng"]
    headings = [cell.value for cell in sheet[1]]
    rows = [
        {
            "Loại": "Cá nhân",
            "Họ và tên": "Lý Thị Thu Trang",
            "Đơn vị": "Phòng Bổ trợ tư pháp",
            "Danh hiệu, hình thức khen thưởng": "Giấy khen",
        },
        {
            "Loại": "Cá nhân",
            "Họ và tên": "Huỳnh Văn Tài",
            "Đơn vị": "Phòng Hành chính tư pháp",
            "Danh hiệu, hình thức khen thưởng": "Lao động tiên tiến",
        },
    ]
    for row in rows:
        sheet.append([row.get(heading, "") for heading in headings])
    book.save(template)

    page.set_input_files("input[type=file]", str(template))
    page.locator("button[type=submit]").filter(has_text=re.compile("Nhập")).first.click()
    expect(page.locator(".messages")).to_contain_text("2")
    assert f"decision={decision}" in page.url
    listing = page.locator("table.listing tbody")
    expect(listing).to_contain_text("Lý Thị Thu Trang")
    expect(listing).to_contain_text("Huỳnh Văn Tài")


# --- a large decision ----------------------------------------------------------------------------


def test_a_decision_of_twenty_thousand_honours_opens_and_its_honours_are_paged_searched_and_exported(
    editor, portal, tmp_path, open_browser
):
    # A city's five years, made as bench/decision_form.py makes it (bulk, with the copies an import fills).
    code = (
        f"import random, sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import decision_form; "
        "print(decision_form.big_decision(random.Random(10))[0].pk)"
    )
    decision = int(portal.shell(code).splitlines()[-1])
    page = editor.page
    editor.goto(f"{SNIPPETS}/decision/edit/{decision}/")
    expect(page.locator("[name=number]")).to_have_value("2025/QĐ-UBND")
    expect(page.locator(".thidua-decision-honours")).to_contain_text(re.compile(r"20[.\s]?000"))

    page.get_by_role("link", name="Xem và sửa danh sách khen thưởng").click()
    rows = page.locator("table.listing tbody tr")
    expect(rows.first).to_be_visible()
    assert 0 < rows.count() < 200, "the honours are paged"
    # The decision's 20,000 rows, as XLSX: too many to write in the request, so a worker writes them while the
    # editor follows it, then downloads the file from the export's page.
    page.locator("#w-slim-header-buttons [data-w-dropdown-target=toggle]").click()
    page.get_by_role("link", name="Tải XLSX").click()
    expect(page.locator(".messages")).to_contain_text("tệp đang được tạo trong nền")
    expect(page.get_by_text("Đang chờ đến lượt")).to_be_visible()
    portal.manage("db_worker", "--backend", "thidua", "--batch", "--no-startup-delay")
    # The page refreshes itself until the file is ready.
    link = page.get_by_role("link", name=re.compile(r"Tải về khen-thuong-.*\.xlsx"))
    expect(link).to_be_visible(timeout=15_000)
    expect(page.locator("#thidua-export-progress")).to_have_attribute("value", "100")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "khen-thuong.xlsx"
    download.value.save_as(saved)
    rows_saved = list(openpyxl.load_workbook(saved, read_only=True).active.iter_rows(min_row=2, values_only=True))
    # Only that decision's honours: the demo's other decisions hold honours too.
    assert len(rows_saved) == 20_000 and {row[-2].split(" ")[0] for row in rows_saved} == {"2025/QĐ-UBND"}

    page.get_by_role("link", name="Quay lại danh sách").click()
    page.locator("#id_q").fill("nguyen")
    expect(page).to_have_url(re.compile(r"[?&]q=nguyen"))
    expect(rows.first).to_contain_text("Nguyễn")

    # A visitor on a phone searches the public roll for the commonest family name: more matches than a search
    # reads, so the roll says so, pages through that many, and offers the CSV only.
    visitor = open_browser(width=390, height=800)
    visitor.goto("/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q=nguyen")
    summary = visitor.page.locator(".thidua-roll__summary")
    expect(summary).to_contain_text("Hơn 1.000 lượt khen thưởng: thu hẹp bộ lọc để xem hết")
    expect(summary.get_by_role("link", name="XLSX")).to_have_count(0)
    expect(visitor.page.get_by_text("Trang 1/20")).to_be_visible()
    visitor.goto("/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q=nguyen&page=20")
    expect(visitor.page.get_by_text("Trang 20/20")).to_be_visible()
    expect(visitor.page.locator("table.thidua-table tbody tr")).to_have_count(50)
    assert visitor.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # And a whole name, which the index of the register's distinct names finds among the 20,000.
    code = (
        "from thidua_wagtail.models import Honour; "
        f"print(Honour.objects.filter(decision_id={decision}).exclude(person_name='').order_by('id')[137].person_name)"
    )
    name = portal.shell(code).splitlines()[-1]
    visitor.goto(f"/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q={quote(name)}")
    found = visitor.page.locator("table.thidua-table tbody tr")
    expect(found.first).to_contain_text(name)
    assert visitor.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# --- searches -------------------------------------------------------------------------------------

LISTING_SEARCHES = [
    ("unit", "dong thap", "Sở Tư pháp tỉnh Đồng Tháp"),
    ("awardtype", "bang khen", "Bằng khen"),
    ("decision", "15/QĐ", "15/QĐ-STP-MH"),
    ("honourtally", "2016", "2016–2020"),
    ("exemplarymodel", "hoa giai", "hòa giải"),
    ("emulationzone", "tay nam bo", "Tây Nam Bộ"),
    ("honour", "minh thu", "Nguyễn Thị Minh Thư"),
]


@pytest.mark.parametrize("model, query, found", LISTING_SEARCHES, ids=[m for m, _, _ in LISTING_SEARCHES])
def test_every_listing_finds_its_records_as_the_editor_types_without_diacritics(editor, model, query, found):
    page = editor.page
    editor.goto(f"{SNIPPETS}/{model}/")
    page.locator("#id_q").fill(query)
    # The listing refreshes itself as the editor types, and the address follows.
    expect(page).to_have_url(re.compile(r"[?&]q="))
    results = page.locator("table.listing tbody")
    expect(results).to_contain_text(found)


CHOOSER_SEARCHES = [
    ("unit", "phong cong chung", "Phòng Công chứng số 1"),
    ("awardtype", "chien si thi dua", "Chiến sĩ thi đua"),
    ("decision", "16/QĐ", "16/QĐ-STP-MH"),
    ("honourtally", "2016", "2016–2020"),
    ("exemplarymodel", "hoa giai", "hòa giải"),
    ("emulationzone", "tay nam bo", "Tây Nam Bộ"),
]


@pytest.mark.parametrize("model, query, found", CHOOSER_SEARCHES, ids=[m for m, _, _ in CHOOSER_SEARCHES])
def test_every_chooser_finds_its_records_without_diacritics_in_the_editor_s_language(editor, model, query, found):
    # What the chooser's search box asks for as the editor types (the unit, award and page choosers are
    # also driven through their forms above).
    response = editor.goto(f"/admin/snippets/choose/thidua_wagtail/{model}/results/?q={query}&locale=vi")
    assert response.status == 200
    choices = editor.page.locator("a[data-chooser-modal-choice]")
    expect(choices.filter(has_text=found).first).to_be_visible()
    # In the editor's language only: no English translation of the same record beside it.
    assert choices.count() == len(set(choices.all_inner_texts()))


# --- the roll's export ----------------------------------------------------------------------------


def test_a_visitor_exports_the_roll_as_searched(open_browser, tmp_path):
    visitor = open_browser()
    page = visitor.page
    visitor.goto("/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/")
    page.locator("main input[name=q]").fill("nguyen thi minh thu")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Nguyễn Thị Minh Thư")
    # Found in a few names, the honours are listed by name, and the page says so.
    expect(page.locator("main")).to_contain_text("Kết quả được xếp theo tên; các lượt khen thưởng của mỗi tên")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    assert download.value.suggested_filename.endswith(".csv")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    names = [" ".join(row) for row in rows[1:]]
    assert names and all("Nguyễn Thị Minh Thư" in row for row in names)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# --- two editors ----------------------------------------------------------------------------------


def test_two_editors_saving_one_decision_lose_nothing_and_the_second_is_told(open_browser):
    lan = open_browser().log_in("lan")
    minh = open_browser().log_in("minh")
    decision = new_decision(lan.page, lan, "303/QĐ-STP")
    edit = f"{SNIPPETS}/decision/edit/{decision}/"
    lan.goto(edit)
    minh.goto(edit)

    # With the decision open, each adds an honour in a second tab.
    for editor, name, unit_query, unit in (
        (lan, "Trương Thị Mỹ Lệ", "phong bo tro", "Phòng Bổ trợ tư pháp"),
        (minh, "Phan Quốc Bảo", "phong hanh chinh", "Phòng Hành chính tư pháp"),
    ):
        tab = editor.new_tab()
        add_honour(
            tab.page, tab, decision, "individual", name, "lao dong tien tien", "Lao động tiên tiến", unit_query, unit
        )
        tab.page.close()

    lan.page.fill("[name=signer_name]", "Lê Văn Cường")
    lan.page.locator("button[type=submit]").filter(has_text="Lưu").first.click()
    expect(lan.page.locator(".messages")).to_contain_text("303/QĐ-STP")

    minh.page.fill("[name=signer_name]", "Phạm Thị Dung")
    # Wagtail's editing session asks the server every few seconds who else has the record open. Once it has heard of
    # Lan's save, Wagtail asks Minh, in Vietnamese, before he saves over it; the package then tells him what it kept.
    expect(minh.page.locator("#title-text-w-save-confirmation-dialog")).to_have_text(
        "Lan đã lưu một phiên bản mới", timeout=30_000
    )
    minh.page.locator("button[type=submit]").filter(has_text="Lưu").first.click()
    dialog = minh.page.locator("#w-save-confirmation-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Nếu tiếp tục, những thay đổi của Lan sẽ bị ghi đè.")
    expect(dialog).to_contain_text("Bạn cũng có thể mở phiên bản mới nhất trong một thẻ mới.")
    dialog.get_by_role("button", name="Lưu", exact=True).click()
    expect(minh.page.locator(".messages")).to_contain_text("Một đồng nghiệp đã lưu")
    expect(minh.page.locator(".messages")).to_contain_text("Lan")
    assert minh.page.locator("[name=signer_name]").input_value() == "Phạm Thị Dung"

    minh.goto(f"{SNIPPETS}/honour/?decision={decision}")
    listing = minh.page.locator("table.listing tbody")
    expect(listing).to_contain_text("Trương Thị Mỹ Lệ")
    expect(listing).to_contain_text("Phan Quốc Bảo")
    minh.goto(edit)
    expect(minh.page.locator("[name=signer_name]")).to_have_value("Lê Văn Cường")


# --- Vietnamese everywhere ------------------------------------------------------------------------


def test_no_english_on_the_screens_of_the_flows(editor, portal, ids):
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    import english_on_screens

    found = english_on_screens.count(editor.page, portal.url, ids, english_on_screens.english_sources())
    assert {screen: strings for screen, strings in found.items() if strings} == {}
