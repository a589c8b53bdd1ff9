"""Template filters and tags of thidua-wagtail: dates, ordinals, phase status."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.translation import gettext, ngettext, pgettext

from .. import timeline
from ..formats import is_vietnamese, short_date
from ..timeline import PhaseStatus

register = template.Library()


_is_vietnamese = is_vietnamese


@register.filter
def thidua_date(value):
    """A date as the current language writes it in running text: 28/5/2021 or 28 May 2021."""
    return short_date(value)


@register.filter
def anniversary_label(number):
    """ "kỷ niệm 78 năm" / "78th anniversary"."""
    if not number:
        return ""
    number = int(number)
    return gettext("%(ordinal)s anniversary") % {"ordinal": str(number) if _is_vietnamese() else ordinal(number)}


@register.simple_tag
def congress_label(number, name=""):
    """ "Đại hội … lần thứ VI" / "6th …": Vietnamese writes congress ordinals in Roman numerals."""
    if not number:
        return name
    number = int(number)
    # Roman numerals exist from 1 to 3999; a number outside shows as digits rather than failing.
    vietnamese = timeline.to_roman(number) if 1 <= number <= 3999 else str(number)
    name = name or gettext("congress")
    return pgettext("congress ordinal", "%(ordinal)s %(name)s") % {
        "ordinal": vietnamese if _is_vietnamese() else ordinal(number),
        "name": name,
    }


@register.filter
def phase_status_label(timing):
    """Visitor-facing status of a phase, with its countdown."""
    if timing is None:
        return ""
    if timing.status == PhaseStatus.UPCOMING:
        days = timing.days_until_start
        return ngettext("Starts in %(days)s day", "Starts in %(days)s days", days) % {"days": days}
    if timing.status == PhaseStatus.ENDED:
        return gettext("Ended")
    if timing.days_left == 0:
        return gettext("Under way: last day")
    days = timing.days_left
    return ngettext("Under way: %(days)s day left", "Under way: %(days)s days left", days) % {"days": days}
