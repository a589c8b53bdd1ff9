"""The public commendation decisions as a visitor meets them: their listing, filtered, and a page per decision with
its honours.

The routes are the honour roll page's (:class:`~thidua_wagtail.models.HonourRollPageMixin`): a decision's page is
reached from the roll, from the listing and from the host's panels of latest decisions.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import gettext

from .cache import cached_page_fragment, cached_value
from .conf import thidua_settings
from .decision_filters import DecisionFilterForm
from .decisions import honour_counts, public_decisions
from .filters import ROLL_ORDER
from .formats import short_date
from .locales import in_locale, translation_language
from .models import Decision, DecisionStatus, Honour
from .models.amendments import amendment_links
from .models.base import local_today, public_pages_q
from .models.choices import REVOKED
from .roll_views import ROLL_ROWS, _filters_key
from .structured_data import decision_data, json_ld

__all__ = [
    "decision_detail",
    "decision_keys",
    "decision_list",
    "decision_page_keys",
    "decision_sitemap_urls",
    "decision_url",
    "decisions_url",
]

#: Decisions on one page of the listing.
LIST_PAGE_SIZE = 20


def decisions_url(roll, request=None):
    """The URL of the listing of decisions under the honour roll page ``roll``."""
    return roll.get_url(request) + roll.reverse_subpage("decisions")


def decision_url(roll, pk, request=None):
    """The URL of the page of the decision ``pk`` (its original's primary key) under the honour roll page ``roll``."""
    return decision_urls(roll, [pk], request)[0]


def decision_urls(roll, pks, request=None):
    """The URLs of the pages of the decisions ``pks``, in order: the roll's own URL found once for them all."""
    base = roll.get_url(request)
    return [base + roll.reverse_subpage("decision", args=(pk,)) for pk in pks]


def _fragment(prefix, request, per_filters=False):
    """The name the content of this request is kept under in the package's cache, or None (a page number that is not
    one: Django's paginator shows the last page for it, which is not kept under that number)."""
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= 10_000:
        return None
    filters = f":{_filters_key(request)}" if per_filters else ""
    return f"{prefix}{filters}:{int(number)}"


def _cached(page, request, template, fragment, context):
    """The page rendered with its content from the package's cache, or None when it is not kept there."""
    html = cached_page_fragment(fragment, page, request, local_today()) if fragment else None
    if html is None:
        return None
    return page.render(
        request, template=template, context_overrides={**context, "thidua_cached_fragments": {fragment: html}}
    )


def decision_list(page, request):
    """The listing of public decisions, filtered by the visitor, newest first, with each one's honours counted.

    With the package's cache on, each page of each set of filters is kept until anything the package shows changes."""
    template = "thidua_wagtail/pages/decision_index.html"
    fragment = _fragment("decisions", request, per_filters=True)
    common = {
        "thidua_fragment_name": fragment,
        "trail": [(None, gettext("Commendation decisions"))],
        "thidua_subpath": page.reverse_subpage("decisions"),
    }
    cached = _cached(page, request, template, fragment, common)
    if cached is not None:
        return cached
    form = DecisionFilterForm(request.GET or None)
    decisions = form.filter(public_decisions())
    paginator = Paginator(decisions.values_list("pk", flat=True), LIST_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    keys = list(page_obj.object_list)
    originals = {d.pk: d for d in honour_counts(Decision.objects.filter(pk__in=keys))}
    originals = [originals[key] for key in keys if key in originals]
    # Shown in the reader's language where translated; linked and counted by the original.
    rows = in_locale(originals, page.locale_id)
    urls = decision_urls(page, [original.pk for original in originals], request)
    for original, shown, url in zip(originals, rows, urls, strict=True):
        shown.honour_count = original.honour_count or 0
        shown.page_url = url
    page_obj.object_list = rows
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        template=template,
        context_overrides={
            **common,
            "filter_form": form,
            "page_obj": page_obj,
            "decisions": rows,
            "querystring": query.urlencode(),
            "filters_used": bool(form.valid_data()),
            "roll_url": page.get_url(request),
        },
    )


def decision_detail(page, request, pk):
    """The page of one awarded decision: its facts, its document, what it revokes or corrects and what revoked or
    corrected it, and its honours, a page at a time. A proposal is not public: 404."""
    decision = Decision.objects.filter(pk=pk, status=DecisionStatus.AWARDED).first()
    if decision is None:
        raise Http404
    original = decision.original
    if original.pk != decision.pk:
        # One address per decision in every language: that of its original, which holds the honours.
        return HttpResponsePermanentRedirect(decision_url(page, original.pk, request))
    (shown,) = in_locale([original], page.locale_id)
    heading = gettext("Decision No. %(number)s of %(date)s") % {"number": shown.number, "date": short_date(shown.date)}
    listing = decisions_url(page, request)
    template = "thidua_wagtail/pages/decision_page.html"
    fragment = _fragment(f"decision:{original.pk}", request)
    common = {
        "thidua_fragment_name": fragment,
        "heading": heading,
        "decisions_url": listing,
        "trail": [(listing, gettext("Commendation decisions")), (None, heading)],
        "thidua_subpath": page.reverse_subpage("decision", args=(original.pk,)),
    }
    # With the package's cache on, each page of the decision's honours is kept until anything the package shows
    # changes.
    cached = _cached(page, request, template, fragment, common)
    if cached is not None:
        return cached
    earlier, later = amendment_links(shown, shown.locale_id)
    found = cached_value(
        "decision-honour-count",
        [original.pk],
        lambda: honour_counts(Decision.objects.filter(pk=original.pk)).values_list("honour_count", flat=True)[0] or 0,
    )
    paginator = Paginator(
        Honour.objects.filter(decision=original, decision_status=DecisionStatus.AWARDED), thidua_settings.ROLL_PAGE_SIZE
    )
    paginator.count = found
    page_obj = paginator.get_page(request.GET.get("page"))
    offset = max(0, page_obj.start_index() - 1)
    keys = decision_page_keys(original, offset, thidua_settings.ROLL_PAGE_SIZE)
    by_key = {row["pk"]: row for row in ROLL_ROWS.list(translation_language(), ids=keys)} if keys else {}
    honours = [by_key[key] for key in keys if key in by_key]
    page_obj.object_list = honours
    revoked = Honour.objects.filter(decision=original, decision_status=REVOKED).count()
    links = _public_pages([shown.plan_id, shown.movement_id], page.locale_id)
    return page.render(
        request,
        template=template,
        context_overrides={
            **common,
            "decision": shown,
            "honours": honours,
            "page_obj": page_obj,
            "honour_count": found,
            "revoked_count": revoked,
            "amends": earlier,
            # Any translation's address leads to the original's.
            "amends_url": decision_url(page, earlier.pk, request) if earlier is not None else None,
            "revoked_by": [d for d in later if d.amendment == "revokes"],
            "corrected_by": [d for d in later if d.amendment == "corrects"],
            "plan_page": links.get(shown.plan_id),
            "movement_page": links.get(shown.movement_id),
            "document": shown.document,
            "structured_data": json_ld(
                decision_data(shown, honours, decision_url(page, original.pk, request), request)
            ),
        },
    )


def decision_page_keys(decision, offset, size):
    """The keys of ``size`` of the awarded honours of ``decision`` (an original) from ``offset`` on, in the roll's
    order (:func:`decision_keys`)."""
    return list(decision_keys(decision)[offset : offset + size])


def decision_keys(decision):
    """The keys of the awarded honours of ``decision`` (an original) in the roll's order, read from the roll's index:
    a decision's honours carry its status and date (``Decision.save`` keeps the copies in step, and
    ``thidua_rebuild_counts`` brings them back after a write past the models), which with the decision are the
    index's first columns, so that the index gives them in their own order. A page's rows are then read by key
    (``roll_views.ROLL_ROWS``): read and sorted with their rows, a page of a decision of 20,000 honours sorted all of
    them, and joined every decision of the register for the one that corrected them."""
    awarded = Honour.objects.filter(
        decision=decision, decision_status=DecisionStatus.AWARDED, decision_date=decision.date
    )
    return awarded.order_by(*ROLL_ORDER).values_list("pk", flat=True)


def decision_sitemap_urls(page, request=None):
    """The sitemap entries of the listing of decisions under the roll ``page`` and of every public decision."""
    base = page.get_full_url(request)
    if not base:
        return []
    entries = [{"location": base + page.reverse_subpage("decisions")}]
    for pk, date in public_decisions().values_list("pk", "date").iterator():
        entries.append({"location": base + page.reverse_subpage("decision", args=(pk,)), "lastmod": date})
    return entries


def _public_pages(page_ids, locale_id):
    """{page id asked for: the live, public page, in ``locale_id`` where translated} (one query, two with a
    translation): a decision links to its plan and movement only where a visitor may read them."""
    from .models.base import page_model

    wanted = [pk for pk in page_ids if pk]
    if not wanted:
        return {}
    found = {p.pk: p for p in page_model().objects.live().filter(public_pages_q(), pk__in=wanted).specific()}
    translated = dict(zip(found, in_locale(found.values(), locale_id), strict=True))
    return {pk: translated[pk] for pk in found}
