"""Pure date logic: phase status, anniversaries, countdowns, ordinals.

Nothing here touches the database or reads settings implicitly, so every rule
can be tested with plain ``datetime.date`` values. The one function that needs
the clock, :func:`local_today`, takes the time zone as an argument.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from zoneinfo import ZoneInfo

__all__ = [
    "PhaseStatus",
    "PhaseTiming",
    "anniversary_date",
    "anniversary_number",
    "local_today",
    "periods_overlap",
    "phase_of_day",
    "phase_timing",
    "seconds_until_local_midnight",
    "to_roman",
]


class PhaseStatus(enum.StrEnum):
    """Where a date range stands relative to a given day."""

    UPCOMING = "upcoming"
    UNDER_WAY = "under_way"
    ENDED = "ended"


@dataclass(frozen=True)
class PhaseTiming:
    """Status of a date range on one day, with the countdowns a visitor reads."""

    status: PhaseStatus
    #: Days from ``today`` to the last day (0 on the last day); None unless under way.
    days_left: int | None
    #: Days from ``today`` to the first day; None unless upcoming.
    days_until_start: int | None


def phase_timing(start: datetime.date, end: datetime.date, today: datetime.date) -> PhaseTiming:
    """Return the status of the inclusive range ``start``–``end`` on ``today``.

    Both ends count as days of the phase: a phase ending on 28/8/2023 is still
    under way on 28/8/2023 (with 0 days left) and has ended on 29/8/2023.
    """
    if end < start:
        raise ValueError("end must not be before start")
    if today < start:
        return PhaseTiming(PhaseStatus.UPCOMING, None, (start - today).days)
    if today > end:
        return PhaseTiming(PhaseStatus.ENDED, None, None)
    return PhaseTiming(PhaseStatus.UNDER_WAY, (end - today).days, None)


def periods_overlap(a_start: datetime.date, a_end: datetime.date, b_start: datetime.date, b_end: datetime.date) -> bool:
    """True when two inclusive date ranges share at least one day."""
    return a_start <= b_end and b_start <= a_end


def phase_of_day(day: datetime.date, phases: list[tuple[datetime.date, datetime.date]]) -> int | None:
    """The index in ``phases`` (inclusive date ranges that do not overlap) of the phase an event on ``day``
    belongs to: the phase whose dates hold it, else the last phase that ended before it (a phase ending
    on 31/12 is reviewed in January), else the first phase (an event before the phases begin). None
    when there is no phase.
    """
    if not phases:
        return None
    ended_before = None
    for index, (start, end) in enumerate(phases):
        if start <= day <= end:
            return index
        if end < day and (ended_before is None or end > phases[ended_before][1]):
            ended_before = index
    if ended_before is not None:
        return ended_before
    return min(range(len(phases)), key=lambda index: phases[index][0])


def anniversary_date(founding: datetime.date, year: int) -> datetime.date:
    """The day on which ``founding`` is commemorated in ``year``.

    A 29 February founding is commemorated on 28 February in common years, so
    that the anniversary never slips into the next month.
    """
    try:
        return founding.replace(year=year)
    except ValueError:
        return datetime.date(year, 2, 28)


def anniversary_number(founding: datetime.date, on: datetime.date) -> int | None:
    """The number of the latest anniversary of ``founding`` on or before ``on``.

    Founding on 28/8/1945 gives 78 on 28/8/2023 (and until 27/8/2024), and 80
    on 28/8/2025. Returns None before the first anniversary.
    """
    years = on.year - founding.year
    if on < anniversary_date(founding, on.year):
        years -= 1
    return years if years >= 1 else None


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def to_roman(number: int) -> str:
    """Roman numeral for 1–3999, as Vietnamese writes congress ordinals ("lần thứ VI")."""
    if not 1 <= number <= 3999:
        raise ValueError("Roman numerals cover 1 to 3999")
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def local_today(time_zone: str, now: datetime.datetime | None = None) -> datetime.date:
    """The calendar date in ``time_zone`` at the aware instant ``now`` (default: the clock)."""
    if now is None:
        now = datetime.datetime.now(datetime.UTC)
    return now.astimezone(ZoneInfo(time_zone)).date()


def seconds_until_local_midnight(time_zone: str, now: datetime.datetime | None = None) -> int:
    """Seconds from ``now`` to the next local midnight in ``time_zone`` (at least 1).

    Pages that show a status computed from today's date must not be cached
    past this moment.
    """
    if now is None:
        now = datetime.datetime.now(datetime.UTC)
    local = now.astimezone(ZoneInfo(time_zone))
    tomorrow = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=local.tzinfo
    )
    # Subtract in UTC: within one zone Python subtracts wall-clock times, wrong on DST days.
    return max(1, int((tomorrow.astimezone(datetime.UTC) - now.astimezone(datetime.UTC)).total_seconds()))
