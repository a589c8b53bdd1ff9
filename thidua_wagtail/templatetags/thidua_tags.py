"""Template filters and tags of thidua-wagtail: dates, ordinals, phase status, language links, caching."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.template import TemplateSyntaxError
from django.utils.translation import gettext, ngettext, pgettext

from .. import timeline
from ..cache import is_enabled as cache_is_enabled
from ..formats import grouped, is_vietnamese, long_date, short_date
from ..locales import active_locale_id
from ..models.base import local_today
from ..timeline import PhaseStatus

register = template.Library()


class ThiduaPageCacheNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        from ..cache import render_page_fragment

        page, request = context.get("page"), context.get("request")
        # A page whose content varies with the request (the roll's filters) names its fragment in the context.
        name = context.get("thidua_fragment_name", getattr(page, "thidua_fragment", None))
        if not name or request is None or not cache_is_enabled():
            return self.nodelist.render(context)
        # Fetched by the page's get_context, which then computed nothing else for it.
        cached = (context.get("thidua_cached_fragments") or {}).get(name)
        if cached is not None:
            return cached
        today = context.get("today") or local_today()
        return render_page_fragment(name, page, request, today, lambda: self.nodelist.render(context))


@register.tag("thidua_pagecache")
def thidua_pagecache(parser, token):
    """``{% thidua_pagecache %}…{% endthidua_pagecache %}``: the content of one of the package's
    pages, kept in the package's cache (``THIDUA_CACHE``) until anything it shows changes.

    When the content comes from the cache, the page's ``get_context`` computes none of its
    context entries: a template uses them inside the tag only. Previews are never cached.
    """
    bits = token.split_contents()
    if len(bits) != 1:
        raise TemplateSyntaxError(f"'{bits[0]}' takes no argument.")
    nodelist = parser.parse(("endthidua_pagecache",))
    parser.delete_first_token()
    return ThiduaPageCacheNode(nodelist)


@register.simple_tag
def thidua_honour_rows(honours, show_decision=False, decision_base=None):
    """The ``<tr>`` rows of an honours table (``includes/honour_table.html``) from rows of
    :func:`thidua_wagtail.filters.roll_queryset`: only public facts.

    Rendered in Python: a page of the roll has 50 rows, and the template engine spent longer on
    them than on the rest of the page. A host's own ``honour_table.html`` may loop in the
    template instead.
    """
    from html import escape  # Django's escape() is this, wrapped: here once per cell of 50 rows

    from django.utils.safestring import mark_safe

    from ..models.choices import RecipientKind

    posthumous = f' <span class="thidua-badge">{escape(gettext("posthumous"))}</span>'
    sample = f' <span class="thidua-badge thidua-badge--sample">{escape(gettext("sample data"))}</span>'
    achievement_label = escape(gettext("Achievement"))
    # Each cell names its column, so that a phone shows the table as one card per honour.
    name_label, position_label, unit_label, award_label, decision_label = (
        escape(label)
        for label in (
            pgettext("honour roll", "Name"),
            gettext("Position"),
            gettext("Unit"),
            gettext("Award"),
            gettext("Decision"),
        )
    )
    rows = []
    for honour in honours:
        collective = honour["recipient_kind"] == RecipientKind.COLLECTIVE
        corrected = ""
        if honour.get("corrected_by__number"):
            note = gettext("corrected by decision %(number)s of %(date)s") % {
                "number": honour["corrected_by__number"],
                "date": short_date(honour["corrected_by__date"]),
            }
            corrected = f' <span class="thidua-correction">{escape(note)}</span>'
        name = honour["unit_label"] if collective else honour["person_name"]
        achievement = ""
        if honour.get("achievement"):
            achievement = (
                f'<p class="thidua-achievement"><span class="thidua-visually-hidden">{achievement_label}: </span>'
                f"{escape(honour['achievement'])}</p>"
            )
        cells = (
            f'<th scope="row" data-label="{name_label}">{escape(name or "")}'
            f"{posthumous if honour['posthumous'] else ''}{sample if honour.get('decision__is_sample') else ''}"
            f'{corrected}</th><td data-label="{position_label}">{escape(honour["position"] or "")}</td>'
            f'<td data-label="{unit_label}">{"" if collective else escape(honour["unit_label"] or "")}</td>'
            f'<td data-label="{award_label}">{escape(honour["award_name"] or "")}{achievement}</td>'
        )
        if show_decision:
            number = escape(honour["decision__number"])
            if decision_base and honour.get("decision_id"):
                number = f'<a href="{escape(str(decision_base))}{int(honour["decision_id"])}/">{number}</a>'
            cells += (
                f'<td data-label="{decision_label}"><span class="thidua-nowrap">{number}</span> '
                f'<span class="thidua-nowrap">({escape(short_date(honour["decision_date"]))})</span></td>'
            )
        rows.append(f"<tr>{cells}</tr>")
    return mark_safe("\n".join(rows))


@register.simple_tag(takes_context=True)
def thidua_decision_url(context, roll, pk=None):
    """The URL of the listing of decisions under the honour roll page ``roll``, or of the decision ``pk``."""
    if roll is None:
        return ""
    args = (pk,) if pk else ()
    return roll.get_url(context.get("request")) + roll.reverse_subpage("decision" if pk else "decisions", args=args)


@register.simple_tag(takes_context=True)
def thidua_subscriptions(context, page):
    """The addresses a visitor subscribes to on ``page``: ``rss``, ``atom`` (a section page), ``ics`` and ``webcal``
    (a section's or a plan's calendar), and ``title``. Empty for a page without them."""
    from ..calendars import webcal_url
    from ..models import EmulationIndexPageMixin, PlanPageMixin

    if not isinstance(page, EmulationIndexPageMixin | PlanPageMixin):
        return {}
    request = context.get("request")
    base = page.get_url(request)
    ics = base + page.reverse_subpage("calendar")
    found = {"title": page.title, "ics": ics, "webcal": webcal_url(request, ics) if request is not None else ics}
    if isinstance(page, EmulationIndexPageMixin):
        found["rss"] = base + page.reverse_subpage("feed", args=("rss",))
        found["atom"] = base + page.reverse_subpage("feed", args=("atom",))
    return found


@register.simple_tag(takes_context=True)
def thidua_plan_json_ld(context):
    """The plan's structured data (schema.org JSON-LD): the plan, its issuing body, its reviews as Events."""
    from ..structured_data import json_ld, plan_data

    page = context.get("page")
    return json_ld(plan_data(page, context.get("reviews") or [], context.get("request")))


@register.filter
def thidua_number(value):
    """A count grouped as the current language groups it: 20.000 or 20,000."""
    return grouped(value)


@register.filter
def thidua_date(value):
    """A date as the current language writes it in running text: 28/5/2021 or 28 May 2021."""
    return short_date(value)


@register.filter
def thidua_date_list(values):
    """Several dates in running text: "30/6/2025, 30/9/2025"."""
    return ", ".join(short_date(value) for value in values)


@register.filter
def thidua_long_date(value):
    """A date as a document's dateline writes it: "ngày 28 tháng 5 năm 2021" or "28 May 2021"."""
    return long_date(value)


@register.inclusion_tag("thidua_wagtail/includes/language_links.html", takes_context=True)
def thidua_language_links(context, page=None):
    """Links to the same page in each content language, for a site's header.

    Where a page has no translation yet, the link leads to the home page in that language;
    on a filtered list (the honour roll) the visitor's filters are kept.
    """
    from django.db.models import Q
    from django.utils.translation import get_language
    from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
    from wagtail.models import Site

    from ..models.base import page_model

    Page = page_model()

    request = context.get("request")
    page = page or context.get("page")
    languages = get_content_languages()
    current = get_supported_content_language_variant(get_language() or "")
    site = Site.find_for_request(request) if request is not None else None
    wanted = Q(translation_key=page.translation_key) if page is not None and page.pk else Q(pk__in=[])
    if site is not None:
        wanted |= Q(translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"))
    # One query for the page's and the home page's translations in every language.
    found = {}
    homes = {}
    for candidate in Page.objects.live().filter(wanted).select_related("locale"):
        code = candidate.locale.language_code
        if page is not None and candidate.translation_key == page.translation_key:
            found[code] = candidate
        else:
            homes[code] = candidate
    query = request.GET.urlencode() if request is not None and page is not None else ""
    # A page's own sub-page (a decision under the honour roll) is at the same path under each translation.
    subpath = context.get("thidua_subpath", "") if page is not None else ""
    links = []
    for code, name in languages.items():
        target = found.get(code)
        url = target.get_url(request) if target is not None else None
        if url and subpath:
            url += subpath
        if url and query:
            url = f"{url}?{query}"
        if url is None and code in homes:
            url = homes[code].get_url(request)
        if url is None:
            continue
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links if len(links) > 1 else []}


@register.filter
def anniversary_label(number):
    """ "kỷ niệm 78 năm" / "78th anniversary"."""
    if not number:
        return ""
    number = int(number)
    return gettext("%(ordinal)s anniversary") % {"ordinal": str(number) if is_vietnamese() else ordinal(number)}


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
        "ordinal": vietnamese if is_vietnamese() else ordinal(number),
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


@register.filter
def review_status_label(timing):
    """Visitor-facing status of a review (a one-day event), with its countdown."""
    if timing is None:
        return ""
    if timing.status == PhaseStatus.UPCOMING:
        days = timing.days_until_start
        return ngettext("In %(days)s day", "In %(days)s days", days) % {"days": days}
    if timing.status == PhaseStatus.UNDER_WAY:
        return gettext("Today")
    return gettext("Held")


# Tags for a host's home page or sidebar ----------------------------------------------------------
#
# Each data tag returns plain lists for ``{% … as name %}``; each panel tag renders them through a
# template of its own under thidua_wagtail/panels/, which a host may override. All show what is
# live and public, once per fact, in the reader's language where translated.


def _public_live_plans():
    from ..models import PlanPage
    from ..models.base import public_pages_q

    return PlanPage.objects.live().filter(public_pages_q()).only(*PlanPage.listing_fields)


def _with_local_plans(phases, locale_id):
    """Phases once per translation key, in ``locale_id`` where translated, each with its plan in
    ``locale_id`` where that translation is live and public (else the plan it belongs to)."""
    from ..locales import one_per_key

    phases = one_per_key(phases, locale_id)
    _plans_in_locale(phases, locale_id)
    return phases


def _plans_in_locale(rows, locale_id):
    """Give each of ``rows`` (phases, reviews) its plan in ``locale_id`` where that translation is live and public:
    one query, and none where every plan already is in it (a site's default language)."""
    keys = {row.plan.translation_key for row in rows if row.plan.locale_id != locale_id}
    if not keys:
        return
    translations = {
        plan.translation_key: plan
        for plan in _public_live_plans().filter(translation_key__in=keys, locale_id=locale_id)
    }
    for row in rows:
        row.plan = translations.get(row.plan.translation_key, row.plan)


@register.simple_tag
def thidua_phases_under_way(limit=5):
    """The phases under way today, the soonest to end first, each with ``current_timing``."""
    from ..models import Phase
    from ..models.base import local_today, with_listed_pages

    today = local_today()
    phases = with_listed_pages(
        Phase.objects.filter(start_date__lte=today, end_date__gte=today, plan__in=_public_live_plans()), "plan"
    ).order_by("end_date", "pk")
    phases = _with_local_plans(phases, active_locale_id())[: int(limit)]
    for phase in phases:
        phase.current_timing = phase.timing(today)
    return phases


@register.simple_tag
def thidua_reviews_coming_up(days=60, limit=5):
    """Reviews (sơ kết, tổng kết) held within the next ``days`` days, soonest first, each with its plan in the
    reader's language, its countdown and its anniversary."""
    import datetime

    from ..locales import one_per_key
    from ..models import Review
    from ..models.base import with_listed_pages
    from ..models.reviews import annotate_reviews

    today = local_today()
    horizon = today + datetime.timedelta(days=int(days))
    locale_id = active_locale_id()
    reviews = with_listed_pages(
        Review.objects.filter(date__range=(today, horizon), plan__in=_public_live_plans()), "plan", "movement"
    ).order_by("date", "pk")
    reviews = one_per_key(reviews, locale_id)[: int(limit)]
    # A plan's Tradition Day (its own, a parent plan's or its section's) only where a review falls back on it.
    plans = {r.plan_id: r.plan for r in reviews if r.celebrates_anniversary and not r.commemoration_id}
    fallback = {pk: plan.get_tradition_day_id() for pk, plan in plans.items()}
    _plans_in_locale(reviews, locale_id)
    return annotate_reviews(reviews, today, locale_id, fallback)


@register.simple_tag
def thidua_latest_decisions(limit=5):
    """The latest awarded decisions, newest first, each with ``honour_count``."""
    from django.db.models import Count, OuterRef, Subquery

    from ..locales import one_per_key
    from ..models import Decision, DecisionStatus, Honour

    # Honours stay with a decision's original; count them across its translations.
    counts = (
        Honour.objects.filter(decision__translation_key=OuterRef("translation_key"))
        .order_by()
        .values("decision__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    decisions = Decision.objects.filter(status=DecisionStatus.AWARDED).annotate(honour_count=Subquery(counts))
    decisions = decisions.order_by("-date", "-pk")[: int(limit) * 4]
    return one_per_key(decisions, active_locale_id())[: int(limit)]


@register.simple_tag
def thidua_latest_honours(limit=5):
    """The latest awarded honours, as the honour roll lists them (public fields only)."""
    from ..filters import roll_queryset
    from ..models import DecisionStatus, Honour

    return list(roll_queryset(Honour.objects.filter(decision_status=DecisionStatus.AWARDED), page=True)[: int(limit)])


@register.simple_tag
def thidua_honour_totals(start_year, end_year, breakdown=False):
    """Collectives and individuals commended in a period (thidua_wagtail.stats.PeriodTotals), with what
    they are made of if ``breakdown``."""
    from ..stats import period_totals

    return period_totals(int(start_year), int(end_year), breakdown=bool(breakdown))


@register.simple_tag
def thidua_totals_show_lower(periods):
    """Whether a totals table needs the column of lower levels: only where some period has figures there."""
    return any(period.lower.total for period in periods or ())


@register.simple_tag
def thidua_honour_roll():
    """The honour roll page in the reader's language, if the site has one."""
    from django.db.models import Case, IntegerField, Value, When

    from ..models import HonourRollPage
    from ..models.base import public_pages_q

    # The reader's language first, else any: one query.
    in_language = Case(When(locale_id=active_locale_id(), then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        HonourRollPage.objects.live()
        .filter(public_pages_q())
        .only(*HonourRollPage.listing_fields)
        .order_by(in_language, "pk")
        .first()
    )


def _cached_panel(context, name, vary_on, build):
    """A panel's HTML (``thidua_wagtail/panels/<name>.html`` with the context ``build()`` returns), kept in the
    package's cache until anything the package shows changes, per site, language, local day and ``vary_on``: the
    host's home page, which shows the panels, is the portal's most visited page. Previews are rendered afresh."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe
    from wagtail.models import Site

    from ..cache import cached_value

    request = context.get("request")

    def render():
        return render_to_string(f"thidua_wagtail/panels/{name}.html", build(), request=request)

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())
    site = Site.find_for_request(request)
    return mark_safe(
        cached_value(f"panel:{name}", [*vary_on, local_today().isoformat(), site.pk if site else ""], render)
    )


@register.simple_tag(takes_context=True)
def thidua_phases_under_way_panel(context, limit=5):
    """The phases under way today (``panels/phases_under_way.html``)."""
    return _cached_panel(context, "phases_under_way", [limit], lambda: {"phases": thidua_phases_under_way(limit)})


@register.simple_tag(takes_context=True)
def thidua_reviews_coming_up_panel(context, days=60, limit=5):
    """The reviews of the next ``days`` days (``panels/reviews_coming_up.html``)."""
    return _cached_panel(
        context,
        "reviews_coming_up",
        [days, limit],
        lambda: {"reviews": thidua_reviews_coming_up(days, limit), "days": days},
    )


@register.simple_tag(takes_context=True)
def thidua_latest_decisions_panel(context, limit=5):
    """The latest awarded decisions (``panels/latest_decisions.html``)."""
    return _cached_panel(
        context,
        "latest_decisions",
        [limit],
        lambda: {"decisions": thidua_latest_decisions(limit), "roll": thidua_honour_roll()},
    )


@register.simple_tag(takes_context=True)
def thidua_latest_honours_panel(context, limit=5):
    """The latest awarded honours (``panels/latest_honours.html``)."""
    return _cached_panel(
        context,
        "latest_honours",
        [limit],
        lambda: {"honours": thidua_latest_honours(limit), "roll": thidua_honour_roll()},
    )


@register.simple_tag(takes_context=True)
def thidua_honour_totals_panel(context, start_year, end_year):
    """Totals of a period (``panels/honour_totals.html``)."""
    return _cached_panel(
        context,
        "honour_totals",
        [start_year, end_year],
        lambda: {"honour_totals": [thidua_honour_totals(start_year, end_year)]},
    )


@register.simple_tag
def thidua_pages_linking_to(page, limit=10):
    """The host's pages that link to ``page`` (a plan or movement), through the reference index."""
    from ..related import pages_linking_to

    return pages_linking_to(page, int(limit))


@register.simple_tag(takes_context=True)
def thidua_related_panel(context, page, limit=10):
    """ "Có thể bạn quan tâm": the plans and movements a host's page links to or embeds."""
    from ..related import structured_pages_linked_from

    return _cached_panel(
        context,
        "related_structured_pages",
        [page.pk, limit],
        lambda: {"related": structured_pages_linked_from(page, int(limit))},
    )
