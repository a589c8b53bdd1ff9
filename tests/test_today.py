"""Status comes from today's local date in Vietnam, and never outlives the day it was computed on."""

import re

import pytest
import time_machine
from django.test import override_settings
from django.utils.cache import get_max_age

from tests.factories import make_hub, make_plan

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
    end = plan.phases.order_by("sort_order").first().end_date
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


def test_response_is_not_cacheable_past_local_midnight(client, plan):
    with time_machine.travel("2023-07-01 23:59:00 +0700", tick=False):
        response = client.get(plan.url)
    assert get_max_age(response) == 60


def test_max_age_counts_down_to_local_midnight(client, plan):
    with time_machine.travel("2023-07-01 08:00:00 +0700", tick=False):
        response = client.get(plan.url)
    assert get_max_age(response) == 16 * 3600


def test_page_cache_key_changes_with_the_local_day(plan):
    with time_machine.travel("2023-07-01 23:59:00 +0700", tick=False):
        today_key = plan.cache_key
        assert plan.cache_key == today_key
    with time_machine.travel("2023-07-02 00:00:01 +0700", tick=False):
        assert plan.cache_key != today_key
