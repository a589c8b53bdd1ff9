"""Status comes from today's local date in Vietnam, and never outlives the day it was computed on."""

import re

import pytest
import time_machine
from django.conf import settings
from django.http import HttpResponse
from django.test import override_settings
from django.utils.cache import get_max_age

from tests.factories import make_hub, make_plan
from thidua_wagtail.models.base import cap_cache_lifetime

pytestmark = pytest.mark.django_db

# Phase "Đợt 1" of the factory plan runs 1/1/2021 – 1/7/2023 (2 phases over 2021–2025).


@pytest.fixture
def plan():
    return make_plan(make_hub(), phases=2)


def status_of_first_phase(client, plan):
    html = client.get(plan.url).content.decode()
    first = html.split('class="thidua-phase ', 2)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", first.split("</li>")[0]))


def test_status_turns_at_vietnamese_midnight_not_utc(client, plan):
    end = plan.phases.order_by("sort_order", "start_date").first().end_date
    assert end.isoformat() == "2023-07-01"
    with time_machine.travel("2023-07-01 23:59:00 +0700", tick=False):
        assert "Đang diễn ra: ngày cuối cùng" in status_of_first_phase(client, plan)
    # 17:00 UTC on 1/7 is already 2/7 in Hanoi: the phase has ended there.
    with time_machine.travel("2023-07-01 17:00:00 +0000", tick=False):
        assert "Đã kết thúc" in status_of_first_phase(client, plan)


@override_settings(THIDUA_TIME_ZONE="UTC")
def test_the_time_zone_is_a_setting(client, plan):
    with time_machine.travel("2023-07-01 17:00:00 +0000", tick=False):
        assert "Đang diễn ra: ngày cuối cùng" in status_of_first_phase(client, plan)


def test_no_caching_is_added_where_the_host_set_none(client, plan):
    with time_machine.travel("2023-07-01 08:00:00 +0700", tick=False):
        response = client.get(plan.url)
    assert get_max_age(response) is None


def test_near_midnight_the_default_cache_timeout_is_shortened(client, plan):
    # Django's cache middleware would keep a page without max-age for CACHE_MIDDLEWARE_SECONDS (600).
    with time_machine.travel("2023-07-01 23:55:00 +0700", tick=False):
        response = client.get(plan.url)
    assert get_max_age(response) == 300


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("max-age=3600", "max-age=1800"),
        ("public, max-age=3600, s-maxage=86400", "public, max-age=1800, s-maxage=1800"),
        ("max-age=60", "max-age=60"),
        ("s-maxage=7200", "s-maxage=1800"),
    ],
)
def test_host_cache_lifetimes_are_lowered_to_local_midnight(header, expected):
    response = HttpResponse()
    response["Cache-Control"] = header
    cap_cache_lifetime(response, 1800)
    assert sorted(response["Cache-Control"].split(", ")) == sorted(expected.split(", "))


@override_settings(
    MIDDLEWARE=[
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ],
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thidua-today"}},
    CACHE_MIDDLEWARE_SECONDS=600,
)
def test_whole_page_cache_does_not_serve_yesterdays_status(client, plan):
    with time_machine.travel("2023-07-01 23:58:00 +0700", tick=False):
        assert "Đang diễn ra: ngày cuối cùng" in status_of_first_phase(client, plan)
    type(plan).objects.filter(pk=plan.pk).update(title="Tiêu đề mới")
    with time_machine.travel("2023-07-01 23:59:30 +0700", tick=False):
        # The cache is on: the page is served from it, with the old title.
        assert "Tiêu đề mới" not in client.get(plan.url).content.decode()
    with time_machine.travel("2023-07-02 00:00:30 +0700", tick=False):
        assert "Đã kết thúc" in status_of_first_phase(client, plan)
        assert "Tiêu đề mới" in client.get(plan.url).content.decode()


def test_page_cache_key_changes_with_the_local_day(plan):
    with time_machine.travel("2023-07-01 08:00:00 +0700", tick=False):
        morning_key = plan.cache_key
    with time_machine.travel("2023-07-01 23:59:00 +0700", tick=False):
        today_key = plan.cache_key
        assert today_key == morning_key
    with time_machine.travel("2023-07-02 00:00:01 +0700", tick=False):
        assert plan.cache_key != today_key
