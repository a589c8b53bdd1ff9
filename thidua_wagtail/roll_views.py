"""The public honour roll as a visitor meets it: the filtered, paginated list and its CSV and XLSX downloads.

The routes are the honour roll page's (:class:`~thidua_wagtail.models.HonourRollPageMixin`); what they answer is
computed here, above the models, with the filters, the cache and the spreadsheets.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext, pgettext

from .cache import cached_page_fragment, cached_value
from .compiled import CompiledQuery
from .conf import thidua_settings
from .filters import NAME_SEARCH_ORDER, ROLL_ORDER, HonourRollFilterForm, roll_queryset
from .formats import grouped, short_date
from .locales import translation_language
from .models import Authority, Honour, RecipientKind, local_today
from .models.roll import EXPORT_FORMATS
from .spreadsheets import stream_csv, xlsx_response
from .structured_data import json_ld, roll_data

__all__ = ["filtered_honours", "roll_export", "roll_page"]


def _roll_rows(_language, *, ids):
    return roll_queryset(Honour.objects.filter(pk__in=ids), page=True)


#: The roll's rows of the honours ``ids``, awards and units named in the language given (the reader's): a page of
#: the roll, whose keys were found first.
ROLL_ROWS = CompiledQuery(_roll_rows)


def filtered_honours(request):
    """(filter form, honours): the visitor's filters, validated, applied to the awarded honours."""
    form = HonourRollFilterForm(request.GET or None)
    return form, form.filter(Honour.objects.all())


def roll_page(page, request):
    """The roll page: one page of the filtered honours, the filters, the counts and the download links.

    With the package's cache on, the content of each page of each set of filters (or of its first
    ``THIDUA_ROLL_CACHED_PAGES``) is kept until the register changes, and served without computing anything."""
    fragment = _fragment_name(request)
    if fragment is not None:
        html = cached_page_fragment(fragment, page, request, local_today())
        if html is not None:
            return page.render(
                request,
                context_overrides={"thidua_fragment_name": fragment, "thidua_cached_fragments": {fragment: html}},
            )
    form, honours = filtered_honours(request)
    # The page is found on the honours table alone, in the order of its roll index, and only
    # its rows are then joined to their decisions and awards: a deep page would otherwise
    # join every row it skips. The count likewise needs no join.
    keys = honours.order_by(*ROLL_ORDER).values("pk")
    size = thidua_settings.ROLL_PAGE_SIZE
    paginator = Paginator(keys, size)
    # The count and the pages of each set of filters are kept in the package's cache until the register changes:
    # most visitors read the first page of the whole roll, or of one unit's, one year's, one name's.
    filters = _filters_key(request)
    matches = None
    if form.searches_by_name():
        limit = min(thidua_settings.ROLL_SEARCH_LIMIT, thidua_settings.ROLL_COUNT_LIMIT)
        matches = cached_value("roll-search", [filters, limit], lambda: form.name_matches(honours, limit))
        found = len(matches)
    else:
        limit = None if form.is_counted() else thidua_settings.ROLL_COUNT_LIMIT
        found = cached_value("roll-count", [filters, limit], lambda: form.count(honours, limit=limit))
    # Beyond the limit the roll says "more than", and pages through that many: the visitor narrows the filters.
    capped = limit is not None and found > limit
    paginator.count = limit if capped else found
    page_obj = paginator.get_page(request.GET.get("page"))

    def rows():
        offset = max(0, page_obj.start_index() - 1)  # 0 on an empty roll
        # The last page of a capped roll stops at the limit it names.
        rows_shown = max(0, min(size, paginator.count - offset))
        if matches is not None:
            page_keys = matches[offset : offset + rows_shown]
        else:
            page_keys = form.page_keys(honours, offset, rows_shown) if rows_shown else []
        if not page_keys:
            return []
        by_key = {row["pk"]: row for row in ROLL_ROWS.list(translation_language(), ids=page_keys)}
        return [by_key[key] for key in page_keys if key in by_key]

    if _is_kept(page_obj.number):
        page_obj.object_list = cached_value("roll-page", [filters, page_obj.number], rows)
    else:
        page_obj.object_list = rows()
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        context_overrides={
            "thidua_fragment_name": fragment,
            "filter_form": form,
            "page_obj": page_obj,
            "count_capped": capped,
            "count_limit": grouped(limit or 0),
            "honours": page_obj.object_list,
            "structured_data": json_ld(
                roll_data(page, page_obj.object_list, request, start=max(1, page_obj.start_index()))
            ),
            "querystring": query.urlencode(),
            "filters_used": form.filters_used(),
            "ordered_by_name": form.ordered_by_name(),
            "xlsx_max_rows": grouped(thidua_settings.XLSX_MAX_ROWS),
            # Beyond the limit the count is not known: the visitor narrows the filters first.
            "xlsx_allowed": not capped and found <= thidua_settings.XLSX_MAX_ROWS,
            "decisions_url": page.get_url(request) + page.reverse_subpage("decisions"),
            "open_data_urls": {
                "csv": page.get_url(request) + page.reverse_subpage("open_data", args=("csv",)),
                "json": page.get_url(request) + page.reverse_subpage("open_data", args=("json",)),
                "dictionary": page.get_url(request) + page.reverse_subpage("open_data_dictionary", args=("csv",)),
                "dcat": page.get_url(request) + page.reverse_subpage("open_data_dcat"),
            },
            "export_urls": {
                fmt: page.url + page.reverse_subpage("export", args=(fmt,)) + (f"?{query.urlencode()}" if query else "")
                for fmt in EXPORT_FORMATS
            },
        },
    )


def _fragment_name(request):
    """The name the roll's content is kept under for this request, or None when it is not kept (a deep page)."""
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit()) or not _is_kept(int(number)):
        return None
    return f"roll:{_filters_key(request)}:{int(number)}"


def _is_kept(number):
    """Whether the roll's page ``number`` is kept in the package's cache (``THIDUA_ROLL_CACHED_PAGES``)."""
    limit = thidua_settings.ROLL_CACHED_PAGES
    return number >= 1 and (limit is None or number <= limit)


def _filters_key(request):
    """The visitor's filters as one string, in a stable order, without the page number."""
    from hashlib import sha1

    items = sorted((key, value) for key, values in request.GET.lists() if key != "page" for value in values)
    return sha1(repr(items).encode()).hexdigest()


def roll_export(page, request, fmt):
    """The filtered roll as a file, public facts only, formulas neutralised; XLSX limited, CSV streamed."""
    form, honours = filtered_honours(request)
    if fmt == "xlsx" and form.count(honours, limit=thidua_settings.XLSX_MAX_ROWS) > thidua_settings.XLSX_MAX_ROWS:
        return HttpResponseBadRequest(
            gettext("An XLSX download holds at most %(limit)s honours. Narrow the filters, or download CSV.")
            % {"limit": grouped(thidua_settings.XLSX_MAX_ROWS)},
            content_type="text/plain; charset=utf-8",
        )
    order = NAME_SEARCH_ORDER if form.ordered_by_name() else ROLL_ORDER
    kinds, authorities = dict(RecipientKind.choices), dict(Authority.choices)
    yes = gettext("yes")
    rows = (
        (
            row["person_name"] if row["recipient_kind"] != RecipientKind.COLLECTIVE else row["unit_label"],
            str(kinds.get(row["recipient_kind"], "")),
            row["position"],
            row["unit_label"],
            row["award_name"],
            row["achievement"],
            yes if row["posthumous"] else "",
            str(authorities.get(row["decision_authority"], "")),
            row["decision__number"],
            short_date(row["decision_date"]) if row["decision_date"] else "",
        )
        # In the order of the page the visitor downloads from.
        for row in roll_queryset(honours).order_by(*order).iterator(chunk_size=2000)
    )
    headings = [
        pgettext("honour roll", "Name"),
        gettext("Recipient"),
        gettext("Position"),
        gettext("Unit"),
        gettext("Award"),
        gettext("Achievement"),
        gettext("Posthumous"),
        gettext("Awarded by"),
        gettext("Decision number"),
        gettext("Decision date"),
    ]
    # The page's own slug names the file ("danh-sach-khen-thuong-2026-12-02"), with the day it was made.
    filename = f"{page.slug}-{local_today():%Y-%m-%d}"
    if fmt == "csv":
        return stream_csv(headings, rows, filename)
    return xlsx_response(headings, rows, filename, sheet_title=gettext("Honour roll"))
