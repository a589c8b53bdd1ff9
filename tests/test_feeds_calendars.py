"""Issue 13, items 2 and 3: the section's feeds (RSS and Atom, read by a feed parser) and the calendars of phases and
reviews (iCalendar, read by the icalendar package), as a feed reader and a calendar application fetch them."""

import datetime
import re

import feedparser
import pytest
from icalendar import Calendar
from wagtail.models import Locale, PageViewRestriction

from tests.factories import make_decision, make_hub, make_plan
from thidua_wagtail.models import HonourRollPage, PlanPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    hub = make_hub()
    hub.add_child(instance=HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach"))
    plan = make_plan(hub, phases=3, summary="Kế hoạch phát động phong trào thi đua giai đoạn 2021 – 2025.")
    plan.reviews.filter(kind="interim").update(place="Hội trường Sở Tư pháp")
    make_decision(
        number="45/QĐ-STP",
        date=datetime.date(2024, 8, 28),
        reason="vì đã có thành tích xuất sắc",
        honours=[{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": "giay-khen"}],
    )
    make_decision(number="9/TTr-STP", status="proposed", authority="province")
    return hub


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def fetch_feed(client, section, fmt):
    response = client.get(f"{section.url}feed/{fmt}/")
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


class TestFeeds:
    @pytest.mark.parametrize(
        ("fmt", "version", "content_type"),
        [("rss", "rss20", "application/rss+xml"), ("atom", "atom10", "application/atom+xml")],
    )
    def test_a_feed_reader_gets_the_decisions_plans_and_reviews_newest_first_and_every_link_answers(
        self, client, section, fmt, version, content_type
    ):
        response, feed = fetch_feed(client, section, fmt)
        assert response["Content-Type"].startswith(content_type)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        titles = [entry.title for entry in feed.entries]
        assert "Quyết định số 45/QĐ-STP ngày 28/8/2024" in titles
        assert "Kế hoạch số 599/KH-STP: Kế hoạch thi đua 2021 – 2025" in titles
        assert sum(title.startswith("Sơ kết") for title in titles) == 2
        assert sum(title.startswith("Tổng kết") for title in titles) == 1
        assert not any("9/TTr-STP" in title for title in titles)  # a proposal never
        days = [entry.published_parsed[:3] for entry in feed.entries]
        assert days == sorted(days, reverse=True)
        decision = next(e for e in feed.entries if e.title.startswith("Quyết định"))
        assert "vì đã có thành tích xuất sắc" in decision.summary
        # Published at the start of its day where the agency is (UTC+7), not the server's midnight.
        assert decision.published.startswith(("Wed, 28 Aug 2024 00:00:00 +0700", "2024-08-28T00:00:00+07:00"))
        assert len({entry.link for entry in feed.entries}) == len(feed.entries)
        for entry in feed.entries:
            assert entry.link.startswith("http://testserver/vi/")
            assert client.get(path_of(entry.link)).status_code == 200, entry.link
            if "#review-" in entry.link:
                page = client.get(path_of(entry.link)).content.decode()
                assert f'id="{entry.link.split("#")[1]}"' in page

    def test_the_section_page_announces_its_feeds_and_calendar(self, client, section):
        html = client.get(section.url).content.decode()
        head = html.split("</head>")[0]
        rss = f'type="application/rss+xml" title="{section.title} (RSS)" href="{section.url}feed/rss/">'
        assert f'<link rel="alternate" {rss}' in head
        assert 'type="application/atom+xml"' in head and f'href="{section.url}feed/atom/"' in head
        assert 'type="text/calendar"' in head and f'href="{section.url}calendar/"' in head
        body = html.split("</head>")[1]
        assert f'href="webcal://testserver{section.url}calendar/"' in body

    def test_a_restricted_plan_is_not_in_the_feed_nor_the_calendar(self, client, section):
        plan = PlanPage.objects.get()
        PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.LOGIN)
        _response, feed = fetch_feed(client, section, "rss")
        assert not any("599/KH-STP" in entry.title or "Sơ kết" in entry.title for entry in feed.entries)
        calendar = Calendar.from_ical(client.get(f"{section.url}calendar/").content)
        assert calendar.walk("VEVENT") == []

    def test_an_unknown_format_is_not_found(self, client, section):
        assert client.get(f"{section.url}feed/json/").status_code == 404

    def test_the_english_feed_is_in_english(self, client, section):
        english = Locale.objects.get_or_create(language_code="en")[0]
        for page in (*section.get_ancestors().filter(depth__gt=1), section, *section.get_children()):
            page.specific.copy_for_translation(english).save_revision().publish()
        english_section = section.get_translation(english)
        _response, feed = fetch_feed(client, english_section, "atom")
        titles = [entry.title for entry in feed.entries]
        assert "Decision No. 45/QĐ-STP of 28 August 2024" in titles
        assert any(title.startswith("Interim review") for title in titles)
        for entry in feed.entries:
            assert entry.link.startswith("http://testserver/en/")
            assert client.get(path_of(entry.link)).status_code == 200, entry.link


class TestCalendars:
    def events(self, client, url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        return Calendar.from_ical(response.content)

    def test_a_calendar_application_reads_every_phase_and_review_on_the_plan_s_dates(self, client, section):
        plan = PlanPage.objects.get()
        calendar = self.events(client, f"{plan.url}calendar/")
        (timezone,) = calendar.walk("VTIMEZONE")
        assert timezone["TZID"] == "Asia/Ho_Chi_Minh"
        assert calendar["X-WR-TIMEZONE"] == "Asia/Ho_Chi_Minh"
        events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
        for phase in plan.phases.all():
            event = events[f"{phase.name} – {plan.title}"]
            # All-day: dates, not times; the end is the day after the last (RFC 5545).
            assert event.decoded("DTSTART") == phase.start_date
            assert event.decoded("DTEND") == phase.end_date + datetime.timedelta(days=1)
            assert event["DTSTART"].params.get("VALUE") == "DATE"
        interim = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Sơ kết")]
        assert len(interim) == 2 and all(str(e["LOCATION"]) == "Hội trường Sở Tư pháp" for e in interim)
        for review in plan.reviews.all():
            (event,) = [e for e in calendar.walk("VEVENT") if e.get("URL", "").endswith(f"#review-{review.pk}")]
            assert event.decoded("DTSTART") == review.date
        # The dates the plan's page shows are the calendar's.
        page = client.get(plan.url).content.decode()
        for review in plan.reviews.all():
            assert f"{review.date.day}/{review.date.month}/{review.date.year}" in page

    def test_uids_stay_the_same_through_an_edit_and_in_every_language(self, client, section):
        plan = PlanPage.objects.get()
        before = {str(e["UID"]) for e in self.events(client, f"{plan.url}calendar/").walk("VEVENT")}
        assert len(before) == 6 and all(
            re.fullmatch(r"thidua-(phase|review)-[0-9a-f-]{36}@testserver", u) for u in before
        )
        revision = plan.get_latest_revision_as_object()
        revision.phases.first().name = "Đợt 1 (sửa)"
        revision.save_revision().publish()
        after = {str(e["UID"]) for e in self.events(client, f"{plan.url}calendar/").walk("VEVENT")}
        assert after == before
        english = Locale.objects.get_or_create(language_code="en")[0]
        for page in (*section.get_ancestors().filter(depth__gt=1), section, plan):
            page.specific.copy_for_translation(english).save_revision().publish()
        english_plan = plan.get_translation(english)
        calendar = self.events(client, f"{english_plan.url}calendar/")
        assert {str(e["UID"]) for e in calendar.walk("VEVENT")} == before
        assert any(str(e["SUMMARY"]).startswith("Interim review") for e in calendar.walk("VEVENT"))

    def test_the_section_calendar_holds_every_plan_and_the_pages_offer_a_subscription(self, client, section):
        second = make_plan(section, number="12/KH-STP", slug="ke-hoach-2", phases=1, movements=0)
        calendar = self.events(client, f"{section.url}calendar/")
        summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
        assert len(summaries) == 6 + 2 and any(second.title in s for s in summaries)
        plan_page = client.get(second.url).content.decode()
        assert f'href="webcal://testserver{second.url}calendar/"' in plan_page
        assert '<link rel="alternate" type="text/calendar"' in plan_page.split("</head>")[0]


def test_with_the_cache_on_a_feed_and_a_calendar_cost_no_query_until_something_changes(client, section, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.THIDUA_CACHE = "default"
    plan = PlanPage.objects.get()
    urls = [f"{section.url}feed/rss/", f"{section.url}calendar/", f"{plan.url}calendar/"]
    first = [client.get(url).content for url in urls]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    # The page's own routing reads the page tree; the feed's and calendar's content costs nothing more.
    with CaptureQueriesContext(connection) as baseline:
        client.get(section.url + "feed/unknown/")
    assert all(n <= len(baseline) + 1 for n in counts), (counts, len(baseline))
    # A new decision shows at once: the cache is invalidated by the change.
    make_decision(number="77/QĐ-STP", date=datetime.date(2026, 1, 2))
    assert b"77/Q" in client.get(urls[0]).content and client.get(urls[0]).content != first[0]
