"""Abstract page mixins: all fields and behaviour of the package's page types.

The concrete pages in :mod:`thidua_wagtail.models.pages` only combine these
with Wagtail's ``Page`` and set the page type rules. A site with its own base
page model builds its page types the same way from these mixins.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import SynchronizedField

from .. import timeline
from ..conf import thidua_settings
from ..locales import in_locale, mark_untranslated, one_per_key
from ..streamfield import BodyBlock
from ..text import name_sort_key
from .base import (
    YEAR_VALIDATORS,
    ThiduaPageMixin,
    ThiduaRoutablePageMixin,
    TraditionDayMixin,
    _get_model,
    local_today,
    public_pages_q,
)
from .commemorations import Commemoration, commemorations_in_locale
from .fields import DayFirstDateField
from .page_queries import (
    ALL_TALLIES,
    ATTACHMENTS,
    CHILD_ROLL,
    EXEMPLARY_MODELS,
    FILING_UNITS,
    HUB_MOVEMENTS,
    HUB_PLANS,
    MOVEMENT_EXEMPLARY_MODELS,
    MOVEMENTS_OF_PLAN,
    PHASES,
    PHASES_UNDER_WAY,
    PLANS_OF_MOVEMENT,
    REVIEWS,
    REVIEWS_OF_MOVEMENT,
    SUB_PLANS,
    TRADITION_DAY,
    UPCOMING_REVIEWS,
    ZONE_MEMBERS,
    children_of_any_translation,
)
from .recognition import ExemplaryModel
from .reviews import annotate_reviews
from .services import services
from .units import Unit

__all__ = [
    "EmulationIndexPageMixin",
    "MovementKind",
    "MovementPageMixin",
    "MovementScope",
    "PlanPageMixin",
    "ThiduaPageMixin",
    "TraditionDayMixin",
    "local_today",
]


#: "Find the Tradition Day if a review needs it" (:meth:`PlanPageMixin.get_reviews`).
_FIND = object()


class MovementKind(models.TextChoices):
    """Kinds of emulation movement (Law 06/2022/QH15, Art. 16)."""

    REGULAR = "regular", _("Regular emulation")
    THEMATIC = "thematic", _("Thematic emulation")


class MovementScope(models.TextChoices):
    """Who a movement is launched for."""

    NATIONAL = "national", _("Nationwide")
    SECTOR = "sector", _("Whole sector")
    PROVINCE = "province", _("Province")
    AGENCY = "agency", _("Within the agency")


def _exemplary_in_locale(found, locale_id):
    """The exemplary models ``found`` (each with its unit), one per translation key, in ``locale_id`` where
    translated, their units too."""
    models_ = one_per_key(found, locale_id)
    for model, unit in zip(models_, in_locale([m.unit for m in models_], locale_id), strict=True):
        model.unit = unit
    return models_


class EmulationIndexPageMixin(ThiduaRoutablePageMixin, TraditionDayMixin, ThiduaPageMixin):
    """The section's hub ("Thi đua – Khen thưởng"), with its feeds and calendar."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    # Followed by translation key when shown, like every link of the package (see locales.py).
    override_translatable_fields = [SynchronizedField("tradition_day")]

    thidua_template = "thidua_wagtail/pages/emulation_index_page.html"
    thidua_fragment = "hub"
    #: Page model of the plans listed on the hub.
    plan_page_model = "thidua_wagtail.PlanPage"
    #: Page model of the movements listed on the hub.
    movement_page_model = "thidua_wagtail.MovementPage"
    #: Page model of the honour roll the hub links to.
    roll_page_model = "thidua_wagtail.HonourRollPage"

    class Meta:
        abstract = True

    @path("feed/<str:fmt>/", name="feed")
    def feed(self, request, fmt):
        """The section's new decisions, plans and reviews as RSS (``rss``) or Atom (``atom``)
        (:mod:`thidua_wagtail.feeds`)."""
        if fmt not in ("rss", "atom"):
            raise Http404
        return services.section_feed(self, request, fmt)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The phases and reviews of the section's plans as iCalendar (:mod:`thidua_wagtail.calendars`)."""
        return services.section_calendar(self, request)

    def get_plans(self, today):
        """Live, public plans directly under the hub: those in force this year first, newest first.

        A plan is listed once, in the hub's language; a plan not yet translated into it is listed
        all the same, from the hub in another language (the English hub shows what the
        Vietnamese one does, in Vietnamese where nobody has translated it yet).
        """
        plans = one_per_key(
            HUB_PLANS.list(_get_model(self.plan_page_model), **children_of_any_translation(self)), self.locale_id
        )
        for plan in plans:
            plan.in_force = plan.is_current(today)
        # In force first; sorted is stable, so newest first within each group.
        return sorted(plans, key=lambda plan: not plan.in_force)

    def get_phases_under_way(self, today, plans=None):
        """Phases running today of the plans listed on the hub, soonest end first.

        Sub-units' implementation plans are left out, as they are from the plan list:
        their phases show on their parent plan's page.
        """
        plan_model = _get_model(self.plan_page_model)
        plans = self.get_plans(today) if plans is None else plans
        phase_model = plan_model.phases.rel.related_model
        by_pk = {plan.pk: plan for plan in plans}
        phases = PHASES_UNDER_WAY.list(phase_model, plan_ids=sorted(by_pk), today=today)
        # Phases ending the same day in the order of their plans' titles; each phase's plan is the listed one.
        phases = sorted(phases, key=lambda phase: (phase.end_date, by_pk[phase.plan_id].title, phase.sort_order or 0))
        for phase in phases:
            phase.plan = by_pk[phase.plan_id]
            phase.current_timing = phase.timing(today)
            phase.ending_soon = phase.current_timing.days_left <= thidua_settings.ENDING_SOON_DAYS
            yield phase

    def get_upcoming_reviews(self, today, plans):
        """Reviews still to come of the plans listed on the hub, soonest first ("Sắp diễn ra"), each with
        its plan, countdown and anniversary (:func:`~thidua_wagtail.models.reviews.annotate_reviews`)."""
        plan_model = _get_model(self.plan_page_model)
        review_model = plan_model.reviews.rel.related_model
        by_pk = {plan.pk: plan for plan in plans}
        reviews = UPCOMING_REVIEWS.list(
            review_model, thidua_settings.UPCOMING_REVIEWS, plan_ids=sorted(by_pk), today=today
        )
        for review in reviews:
            review.plan = by_pk[review.plan_id]
        hub_day = self.tradition_day_id
        days = {plan.pk: plan.tradition_day_id or hub_day for plan in plans}
        known = [plan.tradition_day for plan in plans if "tradition_day" in plan._state.fields_cache]
        if hub_day and any(r.celebrates_anniversary and not r.commemoration_id for r in reviews):
            known.append(self.tradition_day)
        return annotate_reviews(reviews, today, self.locale_id, days, known=known)

    def get_movements(self):
        """Live, public movements anywhere under the hub, in the tree's order."""
        return HUB_MOVEMENTS.list(_get_model(self.movement_page_model), path=self.path, depth=self.depth)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.content_is_cached(context):
            return context
        today = context["today"]
        context["plans"] = self.get_plans(today)
        context["phases_under_way"] = list(self.get_phases_under_way(today, context["plans"]))
        context["upcoming_reviews"] = self.get_upcoming_reviews(today, context["plans"])
        # A plan not yet translated is listed all the same, in its own language, and says so.
        mark_untranslated([*context["plans"], *(phase.plan for phase in context["phases_under_way"])], self.locale_id)
        context["movements"] = self.get_movements()
        context["honour_totals"] = self.get_honour_totals(context["plans"])
        context["honour_roll"] = self.get_honour_roll()
        return context

    def get_honour_totals(self, plans):
        """Totals for every reported tally period and every plan's period, newest first (the tallies, the kept
        counts, the tallies' rows and the awards' names: four queries)."""
        tallies = ALL_TALLIES.list()
        periods = {(t.start_year, t.end_year) for t in tallies}
        periods |= {(plan.start_year, plan.end_year) for plan in plans}
        return services.totals_for_periods(sorted(periods, reverse=True), breakdown=True, tallies=tallies)

    def get_honour_roll(self):
        """The section's public honour roll, if it has one."""
        found = CHILD_ROLL.list(_get_model(self.roll_page_model), path=self.path, child_depth=self.depth + 1)
        return found[0] if found else None


class PlanPageMixin(ThiduaRoutablePageMixin, TraditionDayMixin, ThiduaPageMixin):
    """A plan (kế hoạch) that launches movements and runs in phases.

    Concrete subclasses define the inline relations ``phases`` (phases),
    ``movement_links`` (adopted movements) and ``attachments`` (documents).
    """

    number = models.CharField(
        _("number and symbol"),
        max_length=50,
        help_text=_("As printed on the document, e.g. “599/KH-STP”."),
    )
    issue_date = DayFirstDateField(_("issue date"))
    issuer = models.ForeignKey(
        Unit,
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The agency or unit that issued the plan. Sub-units of this unit are expected to file implementation plans."
        ),
    )
    signer_name = models.CharField(
        _("signed by"),
        max_length=255,
        blank=True,
        help_text=_("Full name of the signer; leave empty if the published text does not give it."),
    )
    signer_position = models.CharField(
        _("signer's position"), max_length=255, help_text=_("e.g. “Giám đốc Sở Tư pháp”.")
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences shown in lists."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Illustrative content (a demonstration, a training); it is marked as such wherever it is shown."),
    )

    # The number and the signer's name are facts (wagtail-localize would offer every CharField
    # for translation); the issuer links to the unit's own translation where there is one.
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("signer_name"),
        SynchronizedField("is_sample"),
        # Followed by translation key when shown, like every link of the package (see locales.py).
        SynchronizedField("tradition_day"),
    ]

    thidua_template = "thidua_wagtail/pages/plan_page.html"
    thidua_fragment = "plan"
    listing_fields = (
        *ThiduaPageMixin.listing_fields,
        *("number", "issue_date", "issuer", "start_year", "end_year", "summary", "is_sample", "tradition_day"),
    )
    # Its admin form (``PlanPageForm``: phases, reviews, movements and number checked) is set by
    # ``ThiduaWagtailConfig.ready()``: the forms live above the models.
    #: Page model of the movements launched by the plan.
    movement_page_model = "thidua_wagtail.MovementPage"
    #: Page model of the hub that may hold the Tradition Day.
    index_page_model = "thidua_wagtail.EmulationIndexPage"

    class Meta:
        abstract = True

    @property
    def period_label(self):
        return f"{self.start_year}–{self.end_year}" if self.start_year != self.end_year else str(self.start_year)

    def is_current(self, today) -> bool:
        return self.start_year <= today.year <= self.end_year

    def has_ended(self, today) -> bool:
        return today.year > self.end_year

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be earlier than the first year.")})

    def number_clashes(self):
        """Other plans of the same issuer with the same number (translations and aliases are the same plan)."""
        if not (self.number and self.issuer_id):
            return type(self).objects.none()
        clashes = (
            type(self)
            .objects.filter(issuer_id=self.issuer_id, number__iexact=self.number.strip(), alias_of__isnull=True)
            .exclude(translation_key=self.translation_key)
        )
        return clashes.exclude(pk=self.pk) if self.pk else clashes

    def _ancestor_paths(self):
        parent_path = self.path[: -self.steplen] if self.path else ""
        return [parent_path[:i] for i in range(self.steplen, len(parent_path) + 1, self.steplen)]

    #: The fields of a commemoration read with the plan's ancestors, to make it without a query of its own.
    _COMMEMORATION_FIELDS = (
        "id",
        "translation_key",
        "locale_id",
        "name",
        "original_date",
        "kind",
        "source",
        "code",
        "is_shipped",
    )

    def find_tradition_day(self):
        """The Tradition Day as a :class:`~thidua_wagtail.models.Commemoration`, in the language it was chosen in:
        the plan's own, else the nearest parent plan's or hub's (one query over both tables, the commemoration
        read by a join), or None. :meth:`get_tradition_day` gives it in the plan's language."""
        if self.tradition_day_id:
            return self.tradition_day
        paths = self._ancestor_paths()
        if not paths:
            return None
        fields = tuple(f"tradition_day__{name}" for name in self._COMMEMORATION_FIELDS)
        found = TRADITION_DAY.list(type(self), _get_model(self.index_page_model), fields, paths=paths)
        if not found:
            return None
        return Commemoration(**dict(zip(self._COMMEMORATION_FIELDS, found[0][1:], strict=True)))

    def get_tradition_day_id(self):
        """The primary key of the Tradition Day: the plan's own, else the nearest parent plan's or hub's."""
        if self.tradition_day_id:
            return self.tradition_day_id
        row = self.find_tradition_day()
        return row.pk if row else None

    def get_tradition_day(self):
        """The Tradition Day (a :class:`~thidua_wagtail.models.Commemoration`) of the plan, else of the nearest
        parent plan or hub, in the plan's language where translated; None if none has one."""
        row = self.find_tradition_day()
        if row is None:
            return None
        return commemorations_in_locale({row.pk}, self.locale_id, known=[row]).get(row.pk)

    def get_reviews(self, today, tradition_day=_FIND):
        """The plan's reviews in date order, each with its countdown, anniversary and movement
        (:func:`~thidua_wagtail.models.reviews.annotate_reviews`); ``tradition_day``, the commemoration they
        fall back on (as :meth:`find_tradition_day` reads it), or its primary key, or None; by default it is found
        only if a review falls back on it (one query fewer for most plans)."""
        reviews = sorted(self._inline_rows("reviews", REVIEWS), key=lambda r: (r.date, r.sort_order or 0))
        if tradition_day is _FIND:
            falls_back = any(review.celebrates_anniversary and not review.commemoration_id for review in reviews)
            tradition_day = self.find_tradition_day() if falls_back else None
        known = [tradition_day] if isinstance(tradition_day, Commemoration) else []
        day_id = tradition_day.pk if known else tradition_day
        return annotate_reviews(
            reviews, today, self.locale_id, {review.plan_id: day_id for review in reviews}, known=known
        )

    def get_phases(self, today, reviews=()):
        """The plan's phases in order, each with its timing today and, as ``reviews``, those of ``reviews``
        it holds (:func:`~thidua_wagtail.timeline.phase_of_day`)."""
        phases = sorted(self._inline_rows("phases", PHASES), key=lambda p: (p.start_date, p.sort_order or 0))
        ranges = [(phase.start_date, phase.end_date) for phase in phases]
        for phase in phases:
            phase.current_timing = phase.timing(today)
            phase.reviews = []
        for review in reviews:
            index = timeline.phase_of_day(review.date, ranges)
            if index is not None:
                phases[index].reviews.append(review)
        return phases

    def get_attachments(self):
        """The plan's attached documents, each with its document (none whose document was deleted)."""
        return [a for a in self._inline_rows("attachments", ATTACHMENTS) if a.document_id]

    def _inline_rows(self, relation, query):
        """The rows of the inline ``relation`` (phases, reviews, attachments): a saved plan's read by the compiled
        ``query`` (with their related rows), a preview's or a revision's as the form holds them, in memory."""
        rows = getattr(self, relation).all()
        if isinstance(rows, models.QuerySet):
            return query.list(rows.model, plan_id=self.pk)
        return rows

    def get_movements(self, public_q=None):
        """Live, public movements: those the plan adopts (in the editor's order), then those created under it.

        An adopted movement is shown in the plan's language where it has been translated.
        """
        movement_model = _get_model(self.movement_page_model)
        public_q = public_pages_q() if public_q is None else public_q
        links = self.movement_links.all()
        if self.pk and isinstance(links, models.QuerySet):
            found = MOVEMENTS_OF_PLAN.list(
                type(self), movement_model, plan_id=self.pk, path=self.path, child_depth=self.depth + 1
            )
            movements = one_per_key(found, self.locale_id)
            return sorted(movements, key=lambda m: (m.link_order is None, m.link_order or 0))
        # A preview or a revision: the links are the form's, in memory.
        adopted_ids = [link.movement_id for link in links if link.movement_id]
        # By translation key: the links of a translated plan still point at the source's movements.
        wanted = Q(translation_key__in=movement_model.objects.filter(pk__in=adopted_ids).values("translation_key"))
        if self.pk:
            # Movements created under the plan are translated with it, in its own subtree.
            wanted |= Q(path__startswith=self.path, depth=self.depth + 1)
        found = list(
            movement_model.objects.live().filter(wanted).filter(public_q).defer_streamfields().order_by("path")
        )
        rank = {}
        for movement in found:
            if movement.pk in adopted_ids:
                rank[movement.translation_key] = adopted_ids.index(movement.pk)
        movements = one_per_key(found, self.locale_id)
        return sorted(movements, key=lambda m: rank.get(m.translation_key, len(adopted_ids)))

    def get_sub_plans(self):
        """Live, public implementation plans filed under this plan or under one of its translations,
        one per translation key, in this plan's language where translated."""
        if not self.pk:
            return []
        plans = SUB_PLANS.list(type(self), **children_of_any_translation(self))
        return one_per_key(plans, self.locale_id)

    def get_filing_status(self, sub_plans):
        """[(unit, [plans])]: each sub-unit of the issuer that existed during the period, with what it filed.

        Units are matched by translation key and shown in the plan's language where translated.
        The issuer itself comes in the same query and is kept on the page, which shows it.
        """
        found = FILING_UNITS.list(
            issuer_id=self.issuer_id,
            period_start=datetime.date(self.start_year, 1, 1),
            period_end=datetime.date(self.end_year, 12, 31),
        )
        issuer_key = next((unit.translation_key for unit in found if unit.pk == self.issuer_id), None)
        issuers = one_per_key([unit for unit in found if unit.translation_key == issuer_key], self.locale_id)
        if issuers:
            self.issuer = issuers[0]
        units = one_per_key([unit for unit in found if unit.translation_key != issuer_key], self.locale_id)
        by_unit = {}
        for plan in sub_plans:
            by_unit.setdefault(plan.issuer.translation_key, []).append(plan)
        rows = [(unit, by_unit.pop(unit.translation_key, [])) for unit in units]
        # Plans filed by units outside the expected list still show.
        rows += [(plans[0].issuer, plans) for plans in by_unit.values()]
        # Databases order "Tân" after "Tháp"; visitors expect their language's dictionary order.
        return sorted(rows, key=lambda row: name_sort_key(row[0].name))

    def get_exemplary_models(self, movements):
        """Exemplary models recognised under this plan or one of its movements, in the plan's language."""
        keys = [m.translation_key for m in movements]
        if self.pk:
            found = EXEMPLARY_MODELS.list(plan_key=self.translation_key, movement_keys=keys)
        else:  # A new plan's preview: none recognised under it yet.
            found = ExemplaryModel.objects.filter(movement__translation_key__in=keys).select_related("unit")
            found = found.order_by("name", "pk")
        return _exemplary_in_locale(found, self.locale_id)

    def get_emulation_zones(self):
        """Zones, clusters and blocs the plan's issuer belongs to, each with its ``member_list``,
        in the plan's language where translated."""
        if not self.issuer_id:
            return []
        # One query over the members of those zones, each with its zone and unit, grouped here.
        members = ZONE_MEMBERS.list(issuer_id=self.issuer_id)
        zones = {}
        for member in members:
            zone = zones.setdefault(member.zone_id, member.zone)
            zone.__dict__.setdefault("member_list", []).append(member)
        zones = one_per_key(zones.values(), self.locale_id)
        shown = [member for zone in zones for member in zone.member_list]
        for member, unit in zip(shown, in_locale([m.unit for m in shown], self.locale_id), strict=True):
            member.unit = unit
        return zones

    def get_honour_totals(self):
        """The honours of the plan's years, with their breakdown (the agency's, whichever plan they reward)."""
        if not (self.start_year and self.end_year):
            return []
        return [services.period_totals(self.start_year, self.end_year, breakdown=True)]

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The plan's phases and reviews as iCalendar (:mod:`thidua_wagtail.calendars`)."""
        return services.plan_calendar(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = context["today"]
        context["is_current"] = self.is_current(today)
        context["has_ended"] = self.has_ended(today)
        if self.content_is_cached(context):
            return context
        reviews = self.get_reviews(today)
        sub_plans = self.get_sub_plans()
        # Also puts the issuer in the plan's language on the page, from the same query.
        filing_status = self.get_filing_status(sub_plans) if self.issuer_id else []
        movements = self.get_movements()
        context.update(
            reviews=reviews,
            phases=self.get_phases(today, reviews),
            movements=movements,
            attachments=self.get_attachments(),
            sub_plans=sub_plans,
            filing_status=filing_status,
            filed_count=sum(1 for _unit, plans in filing_status if plans),
            exemplary_models=self.get_exemplary_models(movements),
            emulation_zones=self.get_emulation_zones(),
            related_news=services.pages_linking_to(self),
            honour_totals=self.get_honour_totals(),
        )
        return context


class MovementPageMixin(ThiduaPageMixin):
    """An emulation movement (phong trào thi đua); its title is the movement's name or slogan."""

    kind = models.CharField(
        _("form of emulation"),
        max_length=10,
        choices=MovementKind.choices,
        default=MovementKind.REGULAR,
        help_text=_("Movements called “theo đợt” under the 2003 law are thematic."),
    )
    scope = models.CharField(_("scope"), max_length=10, choices=MovementScope.choices, default=MovementScope.SECTOR)
    launched_by = models.CharField(
        _("launched by"),
        max_length=255,
        blank=True,
        help_text=_("e.g. “Thủ tướng Chính phủ” for a national movement."),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("A movement may run longer than the plans that adopt it, e.g. 2019–2025."),
    )
    goals = RichTextField(_("goals"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    content = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    thidua_template = "thidua_wagtail/pages/movement_page.html"
    thidua_fragment = "movement"
    listing_fields = (*ThiduaPageMixin.listing_fields, "kind", "start_year", "end_year")
    #: Page model of the plans that may adopt the movement.
    plan_page_model = "thidua_wagtail.PlanPage"

    class Meta:
        abstract = True

    @property
    def period_label(self):
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}" if self.start_year != self.end_year else str(self.start_year)
        if self.start_year:
            return _("from %(year)s") % {"year": self.start_year}
        return ""

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be earlier than the first year.")})

    def get_plans(self):
        """Live plans that adopt the movement or hold it as a child page."""
        plan_model = _get_model(self.plan_page_model)
        if not self.pk:
            return plan_model.objects.none()
        plans = PLANS_OF_MOVEMENT.list(
            plan_model, translation_key=self.translation_key, parent_path=self.path[: -self.steplen]
        )
        return one_per_key(plans, self.locale_id)

    def get_reviews(self, today, plans):
        """The reviews of this movement held by ``plans`` (those that adopt it), in date order, each with its
        plan, countdown and anniversary."""
        plan_model = _get_model(self.plan_page_model)
        review_model = plan_model.reviews.rel.related_model
        by_pk = {plan.pk: plan for plan in plans}
        if not self.pk or not by_pk:
            return []
        reviews = REVIEWS_OF_MOVEMENT.list(review_model, plan_ids=sorted(by_pk), translation_key=self.translation_key)
        for review in reviews:
            review.plan = by_pk[review.plan_id]
        # A plan's Tradition Day is looked up only where one of its reviews falls back on it.
        falling_back = {
            review.plan_id for review in reviews if review.celebrates_anniversary and not review.commemoration_id
        }
        days = {pk: by_pk[pk].get_tradition_day_id() for pk in falling_back}
        return annotate_reviews(reviews, today, self.locale_id, days)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.content_is_cached(context):
            return context
        context["plans"] = plans = list(self.get_plans())
        context["reviews"] = self.get_reviews(context["today"], plans)
        context["exemplary_models"] = (
            _exemplary_in_locale(MOVEMENT_EXEMPLARY_MODELS.list(movement_key=self.translation_key), self.locale_id)
            if self.pk
            else []
        )
        context["related_news"] = services.pages_linking_to(self)
        return context
