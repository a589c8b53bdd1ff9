"""The package's read-only JSON API: plans, movements, their phases and reviews, the commendation decisions, the
honours (public facts only), the award catalogue and the totals.

Built on Wagtail's API v2 endpoint classes: :class:`~wagtail.api.v2.views.BaseAPIViewSet` for each endpoint,
:class:`~wagtail.api.v2.router.WagtailAPIRouter` for the addresses and the links between them, Wagtail's
``limit``/``offset`` pagination (capped by ``WAGTAILAPI_LIMIT_MAX``) and its ``{"message": …}`` errors. Wagtail
8.0's new API (``wagtail.api.v3``) serves pages, sites and its own schema only: it has no snippet endpoint, and its
content-type registry builds read schemas for page models alone, so the decisions, honours, awards and totals
(snippets and aggregates) have no place in it.
One framework for all eight endpoints keeps one pagination, one error format and one set of filters.

Every endpoint names its fields one by one (no model is serialised whole): what is not listed here is never sent.
Drafts, pages under a view restriction, proposals to a higher level and revoked honours never appear. Responses are
kept in the package's cache (``THIDUA_CACHE``) until anything the package shows changes, and each client is limited
to ``THIDUA_API_RATE`` requests.

Mount it in the host's URLs (outside ``i18n_patterns``: the language is a parameter, ``?locale=en``)::

    from thidua_wagtail.api import api_router

    urlpatterns = [path("api/thidua/", api_router.urls), ...]
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from rest_framework.throttling import AnonRateThrottle
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.coreutils import get_content_languages
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from .cache import cached_value
from .conf import thidua_settings
from .decision_filters import DecisionFilterForm
from .decisions import honour_counts, public_decisions
from .filters import ROLL_ORDER, HonourRollFilterForm, roll_queryset
from .locales import default_content_language, in_locale, one_per_key
from .models import (
    AwardCategory,
    AwardType,
    Decision,
    DecisionStatus,
    HonourCount,
    HonourRollPage,
    MovementPage,
    Phase,
    PlanPage,
    Review,
)
from .models import Honour as HonourModel
from .models.base import local_today, public_pages_q
from .stats import totals_for_periods

__all__ = ["api_router"]


#: The largest id or offset the API takes: no row lies beyond it (the databases' integer keys stop at 2**31 - 1).
MAX_WHOLE = 2**31 - 1


def _whole(value, least=0, most=MAX_WHOLE):
    """``value`` as an int if it is written in ASCII digits (not "²" nor "５", which ``int()`` reads or refuses
    unlike a database) and lies between ``least`` and ``most``; else None."""
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 10:
        return None
    number = int(value)
    return number if least <= number <= most else None


def _invalid(name, message):
    return BadRequestError(gettext("Invalid filters. %(errors)s") % {"errors": f"{name}: {message}"})


class _Throttle(AnonRateThrottle):
    """``THIDUA_API_RATE`` requests per client address, counted in the package's cache (shared by every server)."""

    scope = "thidua_api"

    def __init__(self):
        self.rate = thidua_settings.API_RATE
        self.cache = caches[thidua_settings.CACHE or "default"]
        if self.rate:
            self.num_requests, self.duration = self.parse_rate(self.rate)

    def allow_request(self, request, view):
        return True if not self.rate else super().allow_request(request, view)

    def get_cache_key(self, request, view):
        # Every visitor is anonymous to the API; an editor signed in is counted by address all the same.
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        # The client's own address. X-Forwarded-For, which any client may write, is believed only as far as the
        # site says it has proxies (REST_FRAMEWORK["NUM_PROXIES"], read by Django REST framework).
        from rest_framework.settings import api_settings

        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR", "")
        return super().get_ident(request)[:100]


def _iso(day):
    return day.isoformat() if day else None


class _Endpoint(BaseAPIViewSet):
    """One read-only endpoint: its filters validated (a bad value answers 400, naming the field), a window of its
    rows, each row's public fields named one by one, the answer kept in the package's cache."""

    throttle_classes = [_Throttle]
    #: The endpoint's name: its address under the router (``decisions/``) and the ``type`` of its items.
    api_name = None
    #: Query parameters this endpoint's filters take, besides ``limit``, ``offset`` and ``locale``.
    filters = frozenset()
    #: The form that validates the filters, if any.
    filter_form = None
    # Anonymous for everyone: an editor signed in sees what a visitor sees (and the cached answers are shared).
    authentication_classes = []
    permission_classes = []

    @classmethod
    def get_urlpatterns(cls):
        # A listing and a detail address; no ``find/``, which would look objects up beyond the public ones.
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    # --- the request ---

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        repeated = sorted(key for key, values in request.GET.lists() if len(values) > 1)
        if repeated:
            raise BadRequestError(
                gettext("Each query parameter may be given once: %(names)s given more than once.")
                % {"names": ", ".join(repeated)}
            )
        unknown = set(request.GET) - self.filters - {"limit", "offset", "locale"}
        if unknown:
            raise BadRequestError(
                gettext("Unknown query parameters: %(names)s. This endpoint takes: %(known)s.")
                % {"names": ", ".join(sorted(unknown)), "known": ", ".join(sorted(self.filters | {"limit", "offset"}))}
            )

    def dispatch(self, request, *args, **kwargs):
        # Errors, labels and translated values in the language asked for; the site's default language otherwise.
        language = request.GET.get("locale") or default_content_language()
        if language not in dict(get_content_languages()):
            language = default_content_language()
        with translation.override(language):
            return super().dispatch(request, *args, **kwargs)

    def public_pages(self, model=Page):
        """Live pages of the request's site (in every language) that are under no view restriction, whoever asks: a
        restricted page is not in the API even for the editor who may view it, whose answers are cached for all."""
        if not hasattr(self, "_roots"):
            site = Site.find_for_request(self.request)
            self._roots = list(site.root_page.get_translations(inclusive=True)) if site else []
        if not self._roots:
            return model.objects.none()
        within = Q(*[Q(path__startswith=root.path) for root in self._roots], _connector=Q.OR)
        return model.objects.live().filter(public_pages_q()).filter(within)

    def locale(self):
        """The Locale the rows are shown in (``?locale=``), or 400 for a language the site does not keep content in."""
        if not hasattr(self, "_locale"):
            code = self.request.GET.get("locale") or default_content_language()
            known = code in dict(get_content_languages())
            self._locale = Locale.objects.filter(language_code=code).first() if known else None
            if self._locale is None:
                raise BadRequestError(
                    gettext("“%(code)s” is not a language of this site: use one of %(codes)s.")
                    % {"code": code, "codes": ", ".join(dict(get_content_languages()))}
                )
        return self._locale

    def filter_data(self):
        """The valid filters; 400 with each invalid field's message otherwise."""
        if self.filter_form is None:
            return {}
        form = self.filter_form({key: self.request.GET[key] for key in self.filters if key in self.request.GET})
        if not form.is_valid():
            errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
            text = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
            raise BadRequestError(gettext("Invalid filters. %(errors)s") % {"errors": text})
        self.form = form
        return form.cleaned_data

    def number(self, name, message, least=1, most=MAX_WHOLE, default=None):
        """The query parameter ``name`` as a whole number from ``least`` to ``most`` (``default`` if absent), or 400
        with ``message``."""
        raw = self.request.GET.get(name)
        if raw is None:
            return default
        number = _whole(raw, least, most)
        if number is None:
            raise _invalid(name, message)
        return number

    def window(self):
        """(offset, limit) of the listing, by the rules of Wagtail's API (``WAGTAILAPI_LIMIT_MAX``, default 20)."""
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        offset = _whole(self.request.GET.get("offset", "0"))
        if offset is None:
            raise BadRequestError(gettext("“offset” must be a whole number from 0 to %(most)d.") % {"most": MAX_WHOLE})
        limit = _whole(self.request.GET.get("limit", str(min(20, limit_max) if limit_max else 20)))
        if limit is None:
            raise BadRequestError(gettext("“limit” must be a whole number, 0 or more."))
        if limit_max and limit > limit_max:
            raise BadRequestError(gettext("“limit” cannot be more than %(most)d.") % {"most": limit_max})
        return offset, limit

    # --- the answer ---

    def cached(self, compute):
        """The response body, kept in the package's cache per address until the package's content changes."""
        query = sorted((key, value) for key, values in self.request.GET.lists() for value in values)
        # Hashed: a visitor's query may hold any character, and cache keys may not (memcached's rules).
        # The scheme and host too: the answer's links are absolute, and the host chooses the site.
        where = [self.request.scheme, self.request.get_host(), self.request.path, query]
        address = hashlib.sha256(json.dumps(where).encode()).hexdigest()
        body = cached_value("api", [address], lambda: _dump(compute()))
        response = HttpResponse(body, content_type="application/json")
        # A CDN or Varnish asks again every time (the answer is kept in the package's cache, exact on every change):
        # the purge knows the pages, not every query an API client may send.
        patch_cache_control(response, no_cache=True)
        return response

    def meta(self, obj, **extra):
        return {"type": self.api_name, "detail_url": self.detail_url(obj.pk), **extra}

    def detail_url(self, pk):
        router = self.request.wagtailapi_router
        return self.request.build_absolute_uri(router.get_object_detail_urlpath(self.model, pk))

    def listing_view(self, request):
        def compute():
            data = self.filter_data()
            offset, limit = self.window()
            rows, total = self.rows(data, offset, limit)
            meta = {"total_count": total}
            if getattr(self, "more", False):
                meta["more"] = True
            return {"meta": meta, "items": [self.serialize(row) for row in rows]}

        return self.cached(compute)

    def detail_view(self, request, pk):
        def compute():
            row = self.one(pk) if pk <= MAX_WHOLE else None
            if row is None:
                raise Http404(gettext("Not found, or not public."))
            return self.serialize(row, detail=True)

        return self.cached(compute)

    def rows(self, data, offset, limit):
        """(rows of the window, total count) of the listing."""
        queryset = self.queryset(data)
        return self.prepare(list(queryset[offset : offset + limit])), queryset.count()

    def one(self, pk):
        rows = self.prepare(list(self.queryset({}).filter(pk=pk)))
        return rows[0] if rows else None

    def prepare(self, rows):
        """The window's rows, ready to serialise (translated, with what they link to)."""
        return rows

    def queryset(self, data):
        raise NotImplementedError

    def serialize(self, obj, detail=False):
        raise NotImplementedError


def _dump(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


class _PageEndpoint(_Endpoint):
    """Live pages of one type that a visitor may see (no draft, nothing under a view restriction, only the site's
    own pages), in the language asked for."""

    def queryset(self, data):
        return self.public_pages(self.model).filter(locale=self.locale())

    def page_meta(self, page):
        return self.meta(page, html_url=page.get_full_url(self.request), locale=self.locale().language_code)


class PlanEndpoint(_PageEndpoint):
    """``plans/``: the plans, newest first, each with its phases and reviews; ``?year=`` keeps those running then."""

    model = PlanPage
    api_name = "plans"
    filters = frozenset({"year"})

    def filter_data(self):
        return {"year": self.number("year", gettext("a year, e.g. 2024."), 1945, 2200)}

    def queryset(self, data):
        plans = super().queryset(data).select_related("issuer").order_by("-issue_date", "-pk")
        if data.get("year"):
            plans = plans.filter(start_year__lte=data["year"], end_year__gte=data["year"])
        return plans.prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("sort_order", "pk")),
            Prefetch("reviews", queryset=Review.objects.order_by("date", "pk")),
        )

    def serialize(self, plan, detail=False):
        return {
            "id": plan.pk,
            "meta": self.page_meta(plan),
            "title": plan.title,
            "number": plan.number,
            "issue_date": _iso(plan.issue_date),
            "issuer": plan.issuer.name if plan.issuer_id else None,
            "signer_name": plan.signer_name,
            "signer_position": plan.signer_position,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "summary": plan.summary,
            "phases": [PhaseEndpoint.fields(phase) for phase in plan.phases.all()],
            "reviews": [ReviewEndpoint.fields(review) for review in plan.reviews.all()],
        }


class MovementEndpoint(_PageEndpoint):
    """``movements/``: the emulation movements, by title."""

    model = MovementPage
    api_name = "movements"

    def queryset(self, data):
        return super().queryset(data).order_by("title", "pk")

    def serialize(self, movement, detail=False):
        return {
            "id": movement.pk,
            "meta": self.page_meta(movement),
            "title": movement.title,
            "kind": movement.kind,
            "kind_label": str(movement.get_kind_display()),
            "scope": movement.scope,
            "launched_by": movement.launched_by,
            "start_year": movement.start_year,
            "end_year": movement.end_year,
        }


class _PlanChildEndpoint(_Endpoint):
    """Rows that belong to a plan: only those of live, public plans in the language asked for (a draft plan's phases
    are not in the database until it is published)."""

    filters = frozenset({"plan"})

    def filter_data(self):
        return {"plan": self.number("plan", gettext("a plan's id."))}

    def queryset(self, data):
        public = self.public_pages(PlanPage).filter(locale=self.locale())
        rows = self.model.objects.filter(plan__in=public.values("pk")).select_related("plan")
        if data["plan"] is not None:
            rows = rows.filter(plan_id=data["plan"])
        return rows.order_by(*self.ordering)

    def serialize(self, row, detail=False):
        plan_url = self.request.wagtailapi_router.get_object_detail_urlpath(PlanPage, row.plan_id)
        return {
            "id": row.pk,
            "meta": self.meta(row),
            "plan": {
                "id": row.plan_id,
                "title": row.plan.title,
                "detail_url": self.request.build_absolute_uri(plan_url),
            },
            **self.fields(row),
        }


class PhaseEndpoint(_PlanChildEndpoint):
    """``phases/``: the phases (đợt) of the plans; ``?plan=`` keeps one plan's."""

    model = Phase
    api_name = "phases"
    ordering = ("-plan__issue_date", "plan_id", "sort_order", "pk")

    @staticmethod
    def fields(phase):
        return {
            "name": phase.name,
            "start_date": _iso(phase.start_date),
            "end_date": _iso(phase.end_date),
            "description": phase.description,
        }


class ReviewEndpoint(_PlanChildEndpoint):
    """``reviews/``: the interim and final reviews (sơ kết, tổng kết) of the plans, by date; ``?plan=`` keeps one
    plan's."""

    model = Review
    api_name = "reviews"
    ordering = ("date", "pk")

    @staticmethod
    def fields(review):
        return {
            "kind": review.kind,
            "kind_label": str(review.get_kind_display()),
            "name": review.name,
            "date": _iso(review.date),
            "place": review.place,
            "description": review.description,
        }


class DecisionEndpoint(_Endpoint):
    """``decisions/``: the awarded decisions, newest first, with the listing's filters (``q``: a number or a name,
    ``year``, ``authority``, ``commendation_type``, ``award``). Proposals never."""

    model = Decision
    api_name = "decisions"
    filter_form = DecisionFilterForm
    filters = frozenset({"q", "year", "authority", "commendation_type", "award"})

    def queryset(self, data):
        return self.form.filter(public_decisions())

    def one(self, pk):
        return next(iter(self.prepare(list(public_decisions().filter(pk=pk)))), None)

    def rows(self, data, offset, limit):
        keys = self.queryset(data).values_list("pk", flat=True)
        window = list(keys[offset : offset + limit])
        by_pk = {d.pk: d for d in Decision.objects.filter(pk__in=window)}
        return self.prepare([by_pk[pk] for pk in window if pk in by_pk]), keys.count()

    def prepare(self, originals):
        counts = dict(
            honour_counts(Decision.objects.filter(pk__in=[d.pk for d in originals])).values_list("pk", "honour_count")
        )
        # Only an awarded decision is named as the one amended: a proposal is not public, not even by its number.
        amends = {
            d.pk: d
            for d in Decision.objects.filter(
                pk__in=[d.amends_id for d in originals if d.amends_id], status=DecisionStatus.AWARDED
            )
        }
        # The signed documents in one query (a translation shares its original's document).
        self.documents = {
            doc.pk: doc for doc in get_document_model().objects.filter(pk__in=[d.document_id for d in originals])
        }
        self.roll = self.honour_roll()
        # A plan or movement that is a draft or restricted is not named, not even by its id.
        linked = {pk for d in originals for pk in (d.plan_id, d.movement_id) if pk}
        self.linked_pages = set(self.public_pages().filter(pk__in=linked).values_list("pk", flat=True))
        shown = in_locale(originals, self.locale().pk)
        for original, decision in zip(originals, shown, strict=True):
            decision.original_pk = original.pk
            decision.honour_count = counts.get(original.pk) or 0
            decision.amended = amends.get(original.amends_id)
        return shown

    def honour_roll(self):
        """The site's public honour roll in the language asked for (else in any): decisions' pages live under it."""
        rolls = self.public_pages(HonourRollPage).order_by("path")
        return rolls.filter(locale=self.locale()).first() or rolls.first()

    def serialize(self, decision, detail=False):
        html_url = None
        if self.roll is not None:
            html_url = self.roll.get_full_url(self.request) + self.roll.reverse_subpage(
                "decision", args=(decision.original_pk,)
            )
        amended = decision.amended
        return {
            "id": decision.original_pk,
            "meta": {
                "type": self.api_name,
                "detail_url": self.detail_url(decision.original_pk),
                "html_url": html_url,
                "locale": self.locale().language_code,
            },
            "number": decision.number,
            "date": _iso(decision.date),
            "authority": decision.authority,
            "authority_label": str(decision.get_authority_display()),
            "issuing_body": decision.issuing_body,
            "signer_name": decision.signer_name,
            "signer_position": decision.signer_position,
            "commendation_type": decision.commendation_type,
            "commendation_type_label": str(decision.get_commendation_type_display())
            if decision.commendation_type
            else "",
            "reason": decision.reason,
            "document_url": (
                self.request.build_absolute_uri(self.documents[decision.document_id].url)
                if decision.document_id in self.documents
                else None
            ),
            "plan": decision.plan_id if decision.plan_id in self.linked_pages else None,
            "movement": decision.movement_id if decision.movement_id in self.linked_pages else None,
            "sample": decision.is_sample,
            "amendment": decision.amendment or None,
            "amends": {"id": amended.pk, "number": amended.number, "date": _iso(amended.date)} if amended else None,
            "honour_count": decision.honour_count,
            "honours_url": self.request.build_absolute_uri(
                self.request.wagtailapi_router.get_model_listing_urlpath(HonourModel)
            )
            + f"?decision_id={decision.original_pk}",
        }


class HonourEndpoint(_Endpoint):
    """``honours/``: the awarded honours, in the roll's order, with the roll's filters (``q``, a name of any length,
    diacritics optional; ``year_from``, ``year_to``, ``unit``, ``with_predecessors``, ``award``, ``authority``,
    ``kind``, ``movement``, ``commendation_type``, ``decision``: a number) and ``decision_id``. Public facts only."""

    model = HonourModel
    api_name = "honours"
    filter_form = HonourRollFilterForm
    filters = frozenset(HonourRollFilterForm.base_fields) | {"decision_id"}

    def filter_data(self):
        return {**super().filter_data(), "decision_id": self.number("decision_id", gettext("a decision's id."))}

    def honours(self, data):
        honours = self.form.filter(HonourModel.objects.all())
        if data["decision_id"] is not None:
            honours = honours.filter(decision_id=data["decision_id"])
        return honours

    def rows(self, data, offset, limit):
        honours = self.honours(data)
        most = thidua_settings.ROLL_COUNT_LIMIT
        if data["decision_id"] is not None:
            total = honours.count()
            keys = list(honours.order_by(*ROLL_ORDER).values_list("pk", flat=True)[offset : offset + limit])
        else:
            # The roll's own reading: the kept counts where they answer, a count stopped at the roll's limit, and a
            # seek through the decisions' counts deep in the whole roll (nothing proportional to the depth is read).
            total = self.form.count(honours, limit=most)
            keys = self.form.page_keys(honours, offset, limit)
            if total > most and not self.form.is_counted():
                # As the roll says "more than": a count of every match of a one-letter name would read them all.
                self.more, total = True, most
        return self.prepare(keys), total

    def one(self, pk):
        rows = self.prepare([pk], HonourModel.objects.filter(pk=pk, decision_status=DecisionStatus.AWARDED))
        return rows[0] if rows else None

    def prepare(self, keys, honours=None):
        honours = HonourModel.objects.filter(pk__in=keys) if honours is None else honours
        by_pk = {row["pk"]: row for row in roll_queryset(honours, page=True)}
        return [by_pk[pk] for pk in keys if pk in by_pk]

    def serialize(self, row, detail=False):
        collective = row["recipient_kind"] == "collective"
        return {
            "id": row["pk"],
            "meta": {"type": self.api_name, "detail_url": self.detail_url(row["pk"])},
            "recipient_kind": row["recipient_kind"],
            "name": row["unit_label"] if collective else row["person_name"],
            "position": "" if collective else row["position"],
            "unit": "" if collective else row["unit_label"],
            "award": row["award_name"],
            "achievement": row["achievement"],
            "posthumous": row["posthumous"],
            "decision": {
                "id": row["decision_id"],
                "number": row["decision__number"],
                "date": _iso(row["decision_date"]),
                "authority": row["decision_authority"],
                "detail_url": self.request.build_absolute_uri(
                    self.request.wagtailapi_router.get_object_detail_urlpath(Decision, row["decision_id"])
                ),
            },
            "corrected_by": (
                {"number": row["corrected_by__number"], "date": _iso(row["corrected_by__date"])}
                if row["corrected_by__number"]
                else None
            ),
        }


class AwardEndpoint(_Endpoint):
    """``awards/``: the award catalogue (titles and forms of the Law on Emulation and Commendation and the agency's
    own), highest first, one per award in the language asked for; ``?category=`` keeps a category."""

    model = AwardType
    api_name = "awards"
    filters = frozenset({"category"})

    def filter_data(self):
        value = self.request.GET.get("category")
        if value is not None and value not in AwardCategory.values:
            raise _invalid("category", gettext("one of %(values)s.") % {"values": ", ".join(AwardCategory.values)})
        return {"category": value}

    def all(self, data):
        awards = AwardType.objects.order_by("order", "name", "pk")
        if data.get("category"):
            awards = awards.filter(category=data["category"])
        return one_per_key(awards, self.locale().pk)

    def rows(self, data, offset, limit):
        awards = self.all(data)
        return awards[offset : offset + limit], len(awards)

    def one(self, pk):
        found = AwardType.objects.filter(pk=pk).first()
        return in_locale([found], self.locale().pk)[0] if found else None

    def serialize(self, award, detail=False):
        return {
            "id": award.pk,
            "meta": {
                "type": self.api_name,
                "detail_url": self.detail_url(award.pk),
                "locale": self.locale().language_code,
            },
            "code": award.code,
            "name": award.name,
            "category": award.category,
            "category_label": str(award.get_category_display()),
            "group": award.group,
            "recipients": list(award.recipients),
            "authorities": list(award.authorities),
            "legal_basis": award.legal_basis,
            "valid_from": _iso(award.valid_from),
            "valid_until": _iso(award.valid_until),
            "rank": award.order,
            "statutory": award.is_statutory,
        }


class TotalsEndpoint(_Endpoint):
    """``totals/``: honours counted per year, by scope (the agency's own, proposed to higher levels, awarded by lower
    levels) and kind of recipient, from the counts the package keeps and the reported tallies; ``?year_from=`` and
    ``?year_to=`` (at most 50 years; the last ten by default)."""

    model = HonourCount
    api_name = "totals"
    filters = frozenset({"year_from", "year_to"})

    def filter_data(self):
        this_year = local_today().year
        values = {
            key: self.number(key, gettext("a year, e.g. 2024."), 1945, 2200, default=default)
            for key, default in (("year_from", this_year - 9), ("year_to", this_year))
        }
        if values["year_to"] < values["year_from"]:
            raise BadRequestError(gettext("The last year cannot be earlier than the first year."))
        if values["year_to"] - values["year_from"] >= 50:
            raise BadRequestError(gettext("Ask for at most 50 years at a time."))
        return values

    def listing_view(self, request):
        def compute():
            data = self.filter_data()
            years = range(data["year_to"], data["year_from"] - 1, -1)
            items = []
            for result in totals_for_periods([(year, year) for year in years]):
                scopes = {
                    str(scope): {
                        "collectives": counts.collectives,
                        "individuals": counts.individuals,
                        "households": counts.households,
                        "total": counts.total,
                        "source": result.sources.get(scope),
                    }
                    for scope, counts in result.scopes.items()
                }
                items.append({"year": result.start_year, "scopes": scopes})
            return {"meta": {"total_count": len(items)}, "items": items}

        return self.cached(compute)

    def detail_view(self, request, pk):
        raise Http404(gettext("Totals are listed by year: use the listing with year_from and year_to."))


#: The API's endpoints, mounted by the host at an address of its choice (``path("api/thidua/", api_router.urls)``).
api_router = WagtailAPIRouter("thidua_api")
for _endpoint in (
    PlanEndpoint,
    MovementEndpoint,
    PhaseEndpoint,
    ReviewEndpoint,
    DecisionEndpoint,
    HonourEndpoint,
    AwardEndpoint,
    TotalsEndpoint,
):
    api_router.register_endpoint(_endpoint.api_name, _endpoint)
