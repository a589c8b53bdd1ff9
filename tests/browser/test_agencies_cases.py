"""Real agencies' cases, in Chromium (issue 11): reviews per movement and with a national day's anniversary, a
partial revocation chosen in a decision's honours, and a merger of units recorded in one action."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_editor_flows import (
    SNIPPETS,
    add_honour,
    add_movement,
    add_phase,
    choose,
    field_error,
    fill_plan,
    new_decision,
    publish,
    type_into,
)


def add_review(page, index, kind, date, movement=None, commemoration=None, celebrates=False, name=""):
    page.get_by_role("button", name="Thêm Hội nghị sơ kết, tổng kết").click()
    row = page.locator(f"#inline_child_reviews-{index}")
    page.select_option(f"[name=reviews-{index}-kind]", kind)
    type_into(page, f"reviews-{index}-date", date)
    if name:
        page.fill(f"[name=reviews-{index}-name]", name)
    if movement:
        row.get_by_role("button", name=re.compile("Chọn một trang")).click()
        modal = page.locator(".modal-dialog")
        modal.locator("input[name=q]").fill(movement[0])
        choice = modal.locator("a.choose-page").filter(has_text=movement[1])
        expect(choice).to_be_visible()
        choice.click()
        expect(modal).to_have_count(0)
    if celebrates:
        page.check(f"[name=reviews-{index}-celebrates_anniversary]")
    if commemoration:
        row.get_by_role("button", name="Chọn ngày kỷ niệm").click()
        modal = page.locator(".modal-dialog")
        modal.locator("input[name=q]").fill(commemoration[0])
        choice = modal.locator("a[data-chooser-modal-choice]").filter(has_text=commemoration[1])
        expect(choice.first).to_be_visible()
        choice.first.click()
        expect(modal).to_have_count(0)


def test_an_editor_adds_a_review_per_movement_and_one_held_with_a_national_day_and_visitors_read_them(editor, ids):
    page = editor.page
    editor.goto(f"/admin/pages/add/thidua_wagtail/planpage/{ids['hub']}/")
    fill_plan(page, title="Kế hoạch thi đua năm 2028", number="28/KH-STP", issue_date="10/01/2028",
              start_year="2028", end_year="2028")  # fmt: skip
    add_phase(page, 0, "Đợt 1", "01/02/2028", "30/06/2028")
    add_phase(page, 1, "Đợt 2", "01/07/2028", "31/12/2028")
    add_movement(page, 0, "nong thon moi", "nông thôn mới")
    add_movement(page, 1, "van hoa cong so", "văn hóa công sở")
    add_review(page, 0, "interim", "20/06/2028", movement=("nong thon moi", "nông thôn mới"))
    add_review(page, 1, "interim", "25/06/2028", movement=("van hoa cong so", "văn hóa công sở"))
    add_review(
        page, 2, "interim", "11/06/2028", name="Hội nghị sơ kết Đợt 1", celebrates=True,
        commemoration=("keu goi thi dua", "Lời kêu gọi thi đua ái quốc"),
    )  # fmt: skip
    # Held in January, after Đợt 2 has ended.
    add_review(page, 3, "final", "15/01/2029", name="Hội nghị tổng kết")
    publish(page)
    expect(page.locator(".messages")).to_contain_text(re.compile("Đã (tạo và )?xuất bản trang"))

    editor.goto("/vi/thi-dua-khen-thuong/ke-hoach-thi-dua-nam-2028/")
    body = page.locator("main")
    expect(body).to_contain_text("Sơ kết phong trào “Ngành Tư pháp chung sức góp phần xây dựng nông thôn mới”")
    expect(body).to_contain_text(
        "Hội nghị sơ kết Đợt 1 (11/6/2028) cùng với kỷ niệm 80 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua"
    )
    expect(body).to_contain_text("Hội nghị tổng kết (15/1/2029)")
    # The movement's own page lists its review.
    editor.goto("/vi/thi-dua-khen-thuong/chung-suc-gop-phan-xay-dung-nong-thon-moi/")
    expect(page.locator("main")).to_contain_text("Kế hoạch thi đua năm 2028")


def test_a_day_chosen_without_ticking_the_anniversary_is_refused_on_the_field_and_nothing_is_published(editor, ids):
    page = editor.page
    editor.goto(f"/admin/pages/add/thidua_wagtail/planpage/{ids['hub']}/")
    fill_plan(page, title="Kế hoạch thử nghiệm ngày kỷ niệm", number="29/KH-STP", issue_date="10/01/2028",
              start_year="2028", end_year="2028")  # fmt: skip
    add_review(page, 0, "final", "06/01/2028", commemoration=("tong tuyen cu", "Tổng tuyển cử"))
    publish(page)
    # Refused whether Wagtail's autosave had already made the page a draft ("lưu") or not ("tạo").
    expect(page.locator(".messages")).to_contain_text(re.compile("Không thể (tạo|lưu) trang"))
    assert "hãy đánh dấu ô này" in field_error(page, "reviews-0-celebrates_anniversary")
    assert page.locator("[name=title]").input_value() == "Kế hoạch thử nghiệm ngày kỷ niệm"
    assert editor.goto("/vi/thi-dua-khen-thuong/ke-hoach-thu-nghiem-ngay-ky-niem/").status == 404


def test_an_editor_revokes_one_honour_of_a_decision_and_it_leaves_the_public_roll(editor):
    page = editor.page
    earlier = new_decision(page, editor, "401/QĐ-STP")
    for name in ("Trịnh Thị Mỹ Duyên", "Lâm Quốc Trung"):
        add_honour(page, editor, earlier, "individual", name, "giay khen", "Giấy khen", "van phong so", "Văn phòng Sở")
    later = new_decision(page, editor, "402/QĐ-STP")
    editor.goto(f"{SNIPPETS}/decision/edit/{later}/")
    page.select_option("[name=amendment]", "revokes")
    page.select_option("[name=amendment_scope]", "some")
    choose(page, "Chọn quyết định khen thưởng", "401", "401/QĐ-STP (20/11/2026)")
    page.fill("[name=amendment_text]", "Thu hồi Giấy khen đã tặng ông Lâm Quốc Trung.")
    page.locator("button[type=submit]").filter(has_text="Lưu").first.click()
    expect(page.locator(".messages")).to_contain_text("402/QĐ-STP")
    editor.goto(f"{SNIPPETS}/decision/edit/{later}/")
    expect(page.locator("main")).to_contain_text("Quyết định này thu hồi quyết định 401/QĐ-STP")

    # In the earlier decision's honours: tick the one concerned, "Thu hồi hoặc đính chính", the later decision.
    editor.goto(f"{SNIPPETS}/honour/?decision={earlier}")
    row = page.locator("table.listing tbody tr").filter(has_text="Lâm Quốc Trung")
    row.locator("input[type=checkbox]").check()
    page.get_by_role("link", name=re.compile("Thu hồi hoặc đính chính")).click()
    expect(page.locator("main")).to_contain_text("Lâm Quốc Trung")
    option = page.locator("[name=amending] option").filter(has_text="402/QĐ-STP")
    page.select_option("[name=amending]", option.get_attribute("value"))
    page.get_by_role("button", name="Đồng ý, ghi nhận").click()
    expect(page.locator(".messages")).to_contain_text("1 khen thưởng bị thu hồi theo quyết định 402/QĐ-STP")

    editor.goto("/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?decision=401")
    expect(page.locator("main")).to_contain_text("Trịnh Thị Mỹ Duyên")
    expect(page.locator("main tbody")).not_to_contain_text("Lâm Quốc Trung")
    # The earlier decision's form says it was partly revoked, and links to the later one.
    editor.goto(f"{SNIPPETS}/decision/edit/{earlier}/")
    expect(page.locator("main")).to_contain_text("Bị thu hồi bởi quyết định 402/QĐ-STP")


def test_an_editor_records_a_merger_of_two_units_in_one_action(editor, portal):
    page = editor.page
    portal.shell(
        "from thidua_wagtail.models import Unit\n"
        "for name in ('Phòng Tư pháp thử nghiệm A', 'Phòng Tư pháp thử nghiệm B'):\n"
        "    Unit.objects.create(name=name, kind='local_office')"
    )
    editor.goto(f"{SNIPPETS}/unit/")
    page.get_by_role("link", name="Ghi nhận sáp nhập, giải thể").click()
    page.select_option("[name=predecessors]", label=["Phòng Tư pháp thử nghiệm A", "Phòng Tư pháp thử nghiệm B"])
    type_into(page, "day", "01/07/2025")
    page.fill("[name=new_name]", "Phòng Tư pháp thử nghiệm hợp nhất")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        "Phòng Tư pháp thử nghiệm A, Phòng Tư pháp thử nghiệm B trở thành Phòng Tư pháp thử nghiệm hợp nhất "
        "từ ngày 1/7/2025"
    )
    editor.goto(f"{SNIPPETS}/unit/?q=thu+nghiem")
    # Both units end on the eve of the merger, and the new unit begins that day.
    expect(page.locator("table.listing")).to_contain_text(re.compile(r"30 tháng 6 năm 2025"))
    expect(page.locator("table.listing")).to_contain_text(re.compile(r"0?1 tháng 7 năm 2025"))
