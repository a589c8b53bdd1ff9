"""The phases and reviews of the section's plans, or of one plan, as an iCalendar feed (the ``icalendar`` package)
that staff subscribe to from their calendar application.

Every event is an all-day event (phases and reviews have a date, no time), with a UID that stays the same through
edits and in every language (the phase's or review's translation key), so that a subscribed calendar updates an
event rather than duplicating it. The calendar carries the VTIMEZONE of ``THIDUA_TIME_ZONE``: without it, Outlook
and Google Calendar shift what they read into their own zone.
"""

from __future__ import annotations

import datetime
import functools

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from icalendar import Calendar, Event, Timezone

from .cache import cached_value
from .conf import thidua_settings
from .models.base import local_today

__all__ = ["calendar_response", "plan_calendar", "plan_events", "section_calendar", "webcal_url"]

ONE_DAY = datetime.timedelta(days=1)


def _uid(kind, obj, request):
    host = request.get_host().split(":")[0] if request is not None else "thidua-wagtail"
    return f"thidua-{kind}-{obj.translation_key}@{host}"


def plan_events(plan, request=None):
    """The events of one plan: each phase from its first to its last day, each review on its day."""
    url = plan.get_full_url(request)
    stamp = timezone.now()
    events = []
    for phase in plan.phases.all():
        event = Event()
        event.add("uid", _uid("phase", phase, request))
        event.add("dtstamp", stamp)
        event.add("summary", f"{phase.name} – {plan.title}")
        # DTEND of an all-day event is the day after its last (RFC 5545, 3.6.1).
        event.add("dtstart", phase.start_date)
        event.add("dtend", phase.end_date + ONE_DAY)
        event.add("transp", "TRANSPARENT")  # a phase of months leaves its days free
        if phase.description:
            event.add("description", phase.description)
        if url:
            event.add("url", url)
        event.add("categories", [gettext("Phase")])
        events.append(event)
    for review in plan.reviews.all():
        event = Event()
        event.add("uid", _uid("review", review, request))
        event.add("dtstamp", stamp)
        event.add("summary", f"{review.get_kind_display()}{': ' + review.name if review.name else ''} – {plan.title}")
        event.add("dtstart", review.date)
        event.add("dtend", review.date + ONE_DAY)
        if review.place:
            event.add("location", review.place)
        if review.description:
            event.add("description", review.description)
        if url:
            event.add("url", f"{url}#review-{review.pk}")
        event.add("categories", [gettext("Review")])
        events.append(event)
    return events


def calendar_response(page, name, plans, request, filename):
    """A ``text/calendar`` response holding the events of ``plans()``, named ``name``; kept in the package's cache
    until anything it shows changes, per page, host and language (calendar applications poll often)."""
    host = request.get_host() if request is not None else ""
    body = cached_value("calendar", [page.pk, host], lambda: _ical(name, plans(), request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}-{get_language() or "vi"}.ics"'
    return response


@functools.lru_cache(maxsize=4)
def _vtimezone(tzid):
    """The VTIMEZONE of ``tzid``, built once per process: icalendar derives it from every transition of the zone
    (tens of thousands of offsets), which took more than half of a calendar's time, and asks its callers to keep
    it. Shared by every calendar the process writes, which only read it."""
    return Timezone.from_tzid(tzid)


def _ical(name, plans, request):
    calendar = Calendar()
    calendar.add("prodid", "-//thidua-wagtail//Thi đua – Khen thưởng//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", thidua_settings.TIME_ZONE)
    # Subscribed calendars are fetched again about once a day.
    calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    calendar.add_component(_vtimezone(thidua_settings.TIME_ZONE))
    for plan in plans:
        for event in plan_events(plan, request):
            calendar.add_component(event)
    return calendar.to_ical()


def section_calendar(section, request):
    """The calendar of the phases and reviews of every live, public plan of the section."""
    name = gettext("%(title)s: phases and reviews") % {"title": section.title}
    return calendar_response(section, name, lambda: section.get_plans(local_today()), request, section.slug)


def plan_calendar(plan, request):
    """The calendar of one plan's phases and reviews."""
    name = gettext("Plan No. %(number)s: phases and reviews") % {"number": plan.number}
    return calendar_response(plan, name, lambda: [plan], request, plan.slug)


def webcal_url(request, path):
    """``path`` as a ``webcal://`` address, which calendar applications open as a subscription."""
    absolute = request.build_absolute_uri(path)
    return "webcal://" + absolute.split("://", 1)[1]
