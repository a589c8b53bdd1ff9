"""The pure date logic, without a database."""

import datetime

import pytest

from thidua_wagtail import timeline
from thidua_wagtail.timeline import PhaseStatus

D = datetime.date
JUSTICE_DAY = D(1945, 8, 28)


class TestPhaseTiming:
    start, end = D(2021, 1, 1), D(2023, 8, 28)

    @pytest.mark.parametrize(
        ("today", "status", "days_left", "days_until_start"),
        [
            (D(2020, 12, 30), PhaseStatus.UPCOMING, None, 2),
            (D(2020, 12, 31), PhaseStatus.UPCOMING, None, 1),
            (D(2021, 1, 1), PhaseStatus.UNDER_WAY, 969, None),
            (D(2023, 8, 27), PhaseStatus.UNDER_WAY, 1, None),
            (D(2023, 8, 28), PhaseStatus.UNDER_WAY, 0, None),
            (D(2023, 8, 29), PhaseStatus.ENDED, None, None),
        ],
    )
    def test_status_around_boundaries(self, today, status, days_left, days_until_start):
        timing = timeline.phase_timing(self.start, self.end, today)
        assert timing.status == status
        assert timing.days_left == days_left
        assert timing.days_until_start == days_until_start

    def test_one_day_phase(self):
        day = D(2025, 8, 28)
        assert timeline.phase_timing(day, day, day).status == PhaseStatus.UNDER_WAY
        assert timeline.phase_timing(day, day, day + datetime.timedelta(days=1)).status == PhaseStatus.ENDED

    def test_days_left_across_a_leap_day(self):
        assert timeline.phase_timing(D(2024, 2, 1), D(2024, 3, 1), D(2024, 2, 28)).days_left == 2
        assert timeline.phase_timing(D(2023, 2, 1), D(2023, 3, 1), D(2023, 2, 28)).days_left == 1

    def test_reversed_range_is_refused(self):
        with pytest.raises(ValueError):
            timeline.phase_timing(D(2022, 1, 2), D(2022, 1, 1), D(2022, 1, 1))


class TestAnniversaries:
    def test_the_reference_article(self):
        assert timeline.anniversary_number(JUSTICE_DAY, D(2023, 8, 28)) == 78
        assert timeline.anniversary_number(JUSTICE_DAY, D(2025, 8, 28)) == 80

    def test_the_day_before_counts_the_previous_anniversary(self):
        assert timeline.anniversary_number(JUSTICE_DAY, D(2023, 8, 27)) == 77
        assert timeline.anniversary_number(JUSTICE_DAY, D(2024, 8, 27)) == 78

    def test_none_before_the_first_anniversary(self):
        assert timeline.anniversary_number(JUSTICE_DAY, D(1946, 8, 27)) is None
        assert timeline.anniversary_number(JUSTICE_DAY, D(1946, 8, 28)) == 1

    def test_leap_day_founding(self):
        leap = D(1960, 2, 29)
        assert timeline.anniversary_date(leap, 2023) == D(2023, 2, 28)
        assert timeline.anniversary_date(leap, 2024) == D(2024, 2, 29)
        assert timeline.anniversary_number(leap, D(2023, 2, 27)) == 62
        assert timeline.anniversary_number(leap, D(2023, 2, 28)) == 63
        assert timeline.anniversary_number(leap, D(2024, 2, 28)) == 63
        assert timeline.anniversary_number(leap, D(2024, 2, 29)) == 64


class TestOverlap:
    def test_touching_ranges_overlap(self):
        assert timeline.periods_overlap(D(2021, 1, 1), D(2023, 8, 28), D(2023, 8, 28), D(2025, 8, 28))

    def test_consecutive_ranges_do_not(self):
        assert not timeline.periods_overlap(D(2021, 1, 1), D(2023, 8, 28), D(2023, 8, 29), D(2025, 8, 28))

    def test_containment_overlaps(self):
        assert timeline.periods_overlap(D(2021, 1, 1), D(2025, 1, 1), D(2022, 1, 1), D(2022, 2, 1))


@pytest.mark.parametrize(("number", "roman"), [(1, "I"), (4, "IV"), (6, "VI"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman(number, roman):
    assert timeline.to_roman(number) == roman


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_roman_out_of_range(number):
    with pytest.raises(ValueError):
        timeline.to_roman(number)


class TestLocalToday:
    def test_vietnam_is_a_day_ahead_of_utc_in_the_evening(self):
        utc = datetime.UTC
        assert timeline.local_today("Asia/Ho_Chi_Minh", datetime.datetime(2023, 8, 28, 16, 59, tzinfo=utc)) == D(
            2023, 8, 28
        )
        assert timeline.local_today("Asia/Ho_Chi_Minh", datetime.datetime(2023, 8, 28, 17, 0, tzinfo=utc)) == D(
            2023, 8, 29
        )

    def test_seconds_until_midnight(self):
        now = datetime.datetime(2023, 8, 28, 16, 59, 30, tzinfo=datetime.UTC)  # 23:59:30 in Vietnam
        assert timeline.seconds_until_local_midnight("Asia/Ho_Chi_Minh", now) == 30


def test_seconds_until_midnight_on_a_daylight_saving_day():
    # Paris springs forward at 02:00 on 31/3/2024: that day has 23 hours.
    now = datetime.datetime(2024, 3, 30, 23, 30, tzinfo=datetime.UTC)  # 00:30 in Paris
    assert timeline.seconds_until_local_midnight("Europe/Paris", now) == 22 * 3600 + 1800
