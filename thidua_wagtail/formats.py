"""Dates and counts as the current language writes them in running text, for templates and messages alike."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import get_language

__all__ = ["grouped", "is_vietnamese", "long_date", "short_date"]


def is_vietnamese() -> bool:
    return (get_language() or "").lower().startswith("vi")


def short_date(value) -> str:
    """28/5/2021 in Vietnamese (day and month without leading zeros), 28 May 2021 in English.

    Not the locale's SHORT_DATE_FORMAT: Django's Vietnamese one is "28-05-2021", which
    Vietnamese administrative writing does not use.
    """
    if not value:
        return ""
    if is_vietnamese():
        return f"{value.day}/{value.month}/{value.year}"
    return date_format(value, "j F Y")


def long_date(value) -> str:
    """ "ngày 28 tháng 5 năm 2021" in Vietnamese, as administrative documents date themselves;
    28 May 2021 in English."""
    if not value:
        return ""
    if is_vietnamese():
        return f"ngày {value.day} tháng {value.month} năm {value.year}"
    return date_format(value, "j F Y")


def grouped(number) -> str:
    """20.000 in Vietnamese, 20,000 in English: thousands grouped, whatever the site's NUMBER_GROUPING (Django's
    Vietnamese formats group nothing, and Django groups only with USE_THOUSAND_SEPARATOR)."""
    from django.utils import numberformat

    return numberformat.format(
        number or 0,
        decimal_sep="," if is_vietnamese() else ".",
        grouping=3,
        thousand_sep="." if is_vietnamese() else ",",
        force_grouping=True,
    )
