"""Every public page type, as visitors' browsers show it: WCAG 2.1 AA by axe-core, and no page wider
than the screen, on a desktop (1280 px) and a phone (390 px) (issue 10, item 12)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Visitor, keep_screenshots

PAGES = {
    "home page with the package's panels": "/vi/",
    "article embedding the package's blocks": "/vi/tin-tuc/phat-dong-phong-trao-thi-dua-2021-2025/",
    "hub": "/vi/thi-dua-khen-thuong/",
    "plan": "/vi/thi-dua-khen-thuong/ke-hoach-599-kh-stp/",
    "plan under way (sample)": "/vi/thi-dua-khen-thuong/ke-hoach-thi-dua-minh-hoa/",
    "movement": "/vi/thi-dua-khen-thuong/ke-hoach-599-kh-stp/doan-ket-ky-cuong-hanh-dong-sang-tao/",
    "roll": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/",
    "roll searched": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q=nguyen",
    "roll with nothing found": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q=khong+co+ai",
    "roll by type and decision number": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/"
    "?commendation_type=phase_or_theme&decision=15",
    "sample article with a decision's honours": "/vi/tin-tuc/khen-thuong-dot-1-minh-hoa/",
    "roll of a unit with the units it came from": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/"
    "?unit=1&with_predecessors=on",
    "roll found with a correction": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?q=minh+thu",
    "plan under way (sample) in English": "/en/emulation-and-commendation/ke-hoach-thi-dua-minh-hoa/",
    "hub in English": "/en/emulation-and-commendation/",
    "plan in English": "/en/emulation-and-commendation/plan-599-kh-stp/",
    "roll in English": "/en/emulation-and-commendation/honour-roll/",
    "decisions": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/decisions/",
    "decisions found by a name": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/decisions/?q=nguyen",
    "decisions with a bad year": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/decisions/?year=abc",
    "decisions in English": "/en/emulation-and-commendation/honour-roll/decisions/?authority=province",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def visitors(browser, portal):
    opened = {name: Visitor.open(browser, portal, width=w, height=h) for name, (w, h) in WIDTHS.items()}
    yield opened
    for visitor in opened.values():
        visitor.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_public_page_passes_axe_and_fits_the_screen(visitors, axe_source, path, width, request):
    visitor = visitors[width]
    response = visitor.goto(path, wait_until="networkidle")
    assert response.status == 200
    try:
        page = visitor.page
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_21_AA,
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert violations == []
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than the {width}'s screen"
        assert not visitor.errors
    except AssertionError:
        keep_screenshots(request.node.name, [visitor])
        raise


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_goes_from_the_roll_to_a_decision_and_finds_another_by_a_name(visitors, axe_source, width, request):
    """Issue 13, item 1: from an honour on the roll to its decision's page, then to the listing, searched by a name
    without diacritics, and to the decision found; each page axe-clean and no wider than the screen."""
    visitor = visitors[width]
    page = visitor.page
    try:
        visitor.goto("/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/?decision=15%2FQĐ-STP-MH")
        # The honour with an achievement: in its award's cell, under the award, as text a visitor reads (it once
        # showed the row's own markup as text instead).
        achievement = page.locator(".thidua-roll__table tbody td p.thidua-achievement")
        assert achievement.count() == 1 and achievement.first.is_visible()
        assert "Hoàn thành xuất sắc việc rà soát văn bản" in achievement.first.inner_text()
        assert "<th" not in page.inner_text("main") and "data-label=" not in page.inner_text("main")
        page.locator(".thidua-roll__table tbody a", has_text="15/QĐ-STP-MH").first.click()
        page.wait_for_url(re.compile(r".*/decisions/\d+/$"))
        heading = page.locator("h1").inner_text()
        assert heading.startswith("Quyết định số 15/QĐ-STP-MH ngày")
        assert "Vì đã có thành tích xuất sắc trong Đợt 1" in page.inner_text("main")
        assert page.locator(".thidua-roll__table tbody tr, table.thidua-table tbody tr").count() == 10
        assert axe_violations(page, axe_source) == []
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0

        page.get_by_role("link", name="Tất cả quyết định khen thưởng").click()
        page.get_by_label("Số quyết định hoặc tên").fill("tro giup phap ly")
        page.get_by_role("button", name="Lọc").click()
        page.wait_for_url(re.compile(r".*decisions/\?q=tro"))
        assert page.locator(".thidua-decision-list li").count() >= 1
        page.locator(".thidua-decision-list a", has_text="210/QĐ-UBND-MH").click()
        assert "UBND tỉnh Đồng Tháp" in page.inner_text("main")
        assert axe_violations(page, axe_source) == []
        assert not visitor.errors
    except AssertionError:
        keep_screenshots(request.node.name, [visitor])
        raise


def test_a_visitor_subscribes_to_the_section_s_feed_and_a_plan_s_calendar(visitors):
    """Issue 13, items 2 and 3: the links a visitor follows from the section and a plan answer with a feed and a
    calendar that a reader and a calendar application take."""
    visitor = visitors["phone"]
    page = visitor.page
    visitor.goto("/vi/thi-dua-khen-thuong/")
    rss = page.get_by_role("link", name="Quyết định, kế hoạch và hội nghị sơ kết, tổng kết mới (RSS)")
    answer = page.request.get(visitor.portal.url + rss.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"].startswith("application/rss+xml")
    assert "<rss" in answer.text() and "Kế hoạch số 599/KH-STP" in answer.text()
    assert page.locator('head link[rel="alternate"][type="application/atom+xml"]').count() == 1
    visitor.goto("/vi/thi-dua-khen-thuong/ke-hoach-599-kh-stp/")
    webcal = page.get_by_role(
        "link", name="Thêm các đợt thi đua và hội nghị sơ kết, tổng kết vào ứng dụng lịch của bạn"
    )
    href = webcal.get_attribute("href")
    assert href.startswith("webcal://") and href.endswith("/ke-hoach-599-kh-stp/calendar/")
    calendar = page.request.get("http://" + href.split("://", 1)[1])
    assert calendar.ok and calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VTIMEZONE" in calendar.text() and "TZID:Asia/Ho_Chi_Minh" in calendar.text()
    assert not visitor.errors


def test_an_aggregator_reads_the_api_and_a_reader_follows_it_to_the_decision_s_page(visitors, axe_source, request):
    """Issue 13, item 4: the API as a browser (and any HTTP client) reads it: a decision found by a name without
    diacritics, its honours, and the page it names, in each language."""
    from urllib.parse import urlsplit

    visitor = visitors["desktop"]
    page = visitor.page
    try:
        answer = page.request.get(visitor.portal.url + "/api/thidua/decisions/?q=tro+giup+phap+ly")
        assert answer.ok and answer.headers["content-type"] == "application/json"
        found = [d for d in answer.json()["items"] if d["number"] == "210/QĐ-UBND-MH"]
        assert len(found) == 1
        decision = found[0]
        honours = page.request.get(decision["honours_url"]).json()
        assert honours["meta"]["total_count"] == decision["honour_count"] > 0
        visitor.goto(urlsplit(decision["meta"]["html_url"]).path)
        assert page.locator("h1").inner_text().startswith("Quyết định số 210/QĐ-UBND-MH ngày")
        assert honours["items"][0]["name"] in page.inner_text("main")
        assert axe_violations(page, axe_source) == []

        english = page.request.get(visitor.portal.url + f"/api/thidua/decisions/{decision['id']}/?locale=en").json()
        visitor.goto(urlsplit(english["meta"]["html_url"]).path)
        assert page.locator("h1").inner_text().startswith("Decision No. 210/QĐ-UBND-MH of")
        refused = page.request.get(visitor.portal.url + "/api/thidua/honours/?year_from=abc")
        assert refused.status == 400 and "year_from" in refused.json()["message"]
        assert not visitor.errors
    except AssertionError:
        keep_screenshots(request.node.name, [visitor])
        raise
