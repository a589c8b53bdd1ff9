"""Template filters and tags of thidua-wagtail: dates, ordinals, phase status, language links."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.translation import gettext, ngettext, pgettext

from .. import timeline
from ..formats import is_vietnamese, long_date, short_date
from ..timeline import PhaseStatus

register = template.Library()


_is_vietnamese = is_vietnamese


@register.filter
def thidua_date(value):
    """A date as the current language writes it in running text: 28/5/2021 or 28 May 2021."""
    return short_date(value)


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
    from wagtail.models import Page, Site

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
    links = []
    for code, name in languages.items():
        target = found.get(code)
        url = target.get_url(request) if target is not None else None
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
