"""The section's news as feeds (Django's syndication framework): its new decisions, plans and reviews, RSS 2.0 and
Atom 1.0, in the section page's language.

Served by the section page (:class:`~thidua_wagtail.models.EmulationIndexPageMixin`) at ``feed/rss/`` and
``feed/atom/``, so that each language has its own feed at its own address (``/vi/…``, ``/en/…``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext, ngettext

from .cache import cached_value
from .conf import thidua_settings
from .decision_views import decision_urls
from .decisions import honour_counts, public_decisions
from .formats import grouped, short_date
from .locales import in_locale
from .models.base import local_today

__all__ = ["FEED_FORMATS", "FeedItem", "section_feed", "section_items"]


@dataclass(frozen=True)
class FeedItem:
    """One item of the section's feed: what it is, its title, address, summary and day."""

    kind: str
    title: str
    link: str
    description: str
    day: datetime.date


def section_items(section, request=None, limit=None):
    """The section's newest ``limit`` items (``THIDUA_FEED_ITEMS``): its awarded decisions, its live and public plans
    and their reviews, newest first, in the section's language where translated. A constant number of queries."""
    limit = limit or thidua_settings.FEED_ITEMS
    items = []
    plans = section.get_plans(local_today())
    for plan in plans:
        items.append(
            FeedItem(
                "plan",
                gettext("Plan No. %(number)s: %(title)s") % {"number": plan.number, "title": plan.title},
                plan.get_url(request),
                plan.summary or "",
                plan.issue_date,
            )
        )
    reviews = _reviews_of(plans, limit)
    for review in reviews:
        plan = review.plan
        place = f", {review.place}" if review.place else ""
        items.append(
            FeedItem(
                "review",
                f"{review.get_kind_display()}{': ' + review.name if review.name else ''} – {plan.title}",
                f"{plan.get_url(request)}#review-{review.pk}",
                f"{short_date(review.date)}{place}. {review.description}".strip(),
                review.date,
            )
        )
    roll = section.get_honour_roll()
    if roll is not None:
        roll = in_locale([roll], section.locale_id)[0]
        originals = list(honour_counts(public_decisions())[:limit])
        urls = decision_urls(roll, [original.pk for original in originals], request)
        for original, shown, url in zip(originals, in_locale(originals, section.locale_id), urls, strict=True):
            count = original.honour_count or 0
            summary = [shown.issuing_body, shown.reason]
            summary.append(ngettext("%(count)s honour", "%(count)s honours", count) % {"count": grouped(count)})
            heading = gettext("Decision No. %(number)s of %(date)s")
            items.append(
                FeedItem(
                    "decision",
                    heading % {"number": shown.number, "date": short_date(shown.date)},
                    url,
                    ". ".join(part for part in summary if part),
                    shown.date,
                )
            )
    items.sort(key=lambda item: item.day, reverse=True)
    return items[:limit]


def _reviews_of(plans, limit):
    from .models import Review

    if not plans:
        return []
    by_pk = {plan.pk: plan for plan in plans}
    reviews = list(Review.objects.filter(plan_id__in=by_pk).order_by("-date", "pk")[:limit])
    for review in reviews:
        review.plan = by_pk[review.plan_id]
    return reviews


def _start_of(day):
    """A day as the moment it begins where the agency is: feeds need a time, decisions and plans have a date."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(thidua_settings.TIME_ZONE))


class SectionFeed(Feed):
    """RSS 2.0 of the section's new decisions, plans and reviews."""

    feed_type = Rss201rev2Feed

    def __init__(self, section):
        super().__init__()
        self.section = section

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.section

    def title(self, obj):
        return gettext("%(title)s: new decisions, plans and reviews") % {"title": obj.title}

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return gettext("Commendation decisions, emulation plans and their reviews, newest first.")

    def items(self, obj):
        # Kept in the package's cache until anything it shows changes: feed readers poll often.
        host = self.request.get_host() if self.request is not None else ""
        return cached_value("feed-items", [obj.pk, host], lambda: section_items(obj, self.request))

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return _start_of(item.day)

    def item_categories(self, item):
        return [{"plan": gettext("Plan"), "review": gettext("Review"), "decision": gettext("Decision")}[item.kind]]


class SectionAtomFeed(SectionFeed):
    """Atom 1.0 of the same items."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


#: The feed formats a section serves, by the last part of their address.
FEED_FORMATS = {"rss": SectionFeed, "atom": SectionAtomFeed}


def section_feed(section, request, fmt):
    """The section's feed in ``fmt`` (a key of :data:`FEED_FORMATS`)."""
    return FEED_FORMATS[fmt](section)(request)
