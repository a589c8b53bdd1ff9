"""Abstract page mixins: all fields and behaviour of the package's page types.

The concrete pages in :mod:`thidua_wagtail.models.pages` only combine these
with Wagtail's ``Page`` and set the page type rules. A site with its own base
page model builds its page types the same way from these mixins.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.cache import get_max_age, patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField, StreamField

from .. import timeline
from ..blocks import BodyBlock
from ..conf import thidua_settings
from ..text import vietnamese_sort_key
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

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2200)]


def local_today():
    """Today's date in the package's time zone (``THIDUA_TIME_ZONE``)."""
    return timeline.local_today(thidua_settings.TIME_ZONE, timezone.now())


def _get_model(label):
    return apps.get_model(label) if isinstance(label, str) else label


class ThiduaPageMixin(models.Model):
    """Behaviour shared by every page of the package.

    * Templates are looked up most-specific-first: the concrete class's own
      template, then the package's generic one, so a host may override either.
    * The page shows statuses computed from today's local date, so neither a
      cached response nor a cached template fragment may outlive the day.
    """

    #: Template name of the package's generic template for this page type.
    thidua_template = None

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        names = [f"{self._meta.app_label}/{self._meta.model_name}.html"]
        if self.thidua_template and self.thidua_template not in names:
            names.append(self.thidua_template)
        return names

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = thidua_settings.BASE_TEMPLATE
        context["today"] = local_today()
        return context

    def get_cache_key_components(self):
        # {% wagtailpagecache %} keys on these: adding the local date makes a
        # fragment cached yesterday miss today.
        return [*super().get_cache_key_components(), local_today().isoformat()]

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Whatever caching the host configured, the page expires at local midnight.
        seconds = timeline.seconds_until_local_midnight(thidua_settings.TIME_ZONE, timezone.now())
        current = get_max_age(response)
        patch_cache_control(response, max_age=seconds if current is None else min(current, seconds))
        return response


class TraditionDayMixin(models.Model):
    """The sector's Tradition Day, from which review anniversaries are counted."""

    tradition_day = models.DateField(
        _("Tradition Day"),
        null=True,
        blank=True,
        help_text=_("The founding date the sector celebrates, e.g. 28/8/1945 for the Justice sector."),
    )
    tradition_day_name = models.CharField(
        _("name of the Tradition Day"),
        max_length=255,
        blank=True,
        help_text=_("e.g. “Ngày Truyền thống ngành Tư pháp”."),
    )

    class Meta:
        abstract = True


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


class EmulationIndexPageMixin(TraditionDayMixin, ThiduaPageMixin):
    """The section's hub ("Thi đua – Khen thưởng")."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    thidua_template = "thidua_wagtail/pages/emulation_index_page.html"
    #: Page model of the plans listed on the hub.
    plan_page_model = "thidua_wagtail.PlanPage"
    #: Page model of the movements listed on the hub.
    movement_page_model = "thidua_wagtail.MovementPage"

    class Meta:
        abstract = True

    def get_plans(self, today):
        """Live plans directly under the hub: those in force this year first, newest first."""
        plan_model = _get_model(self.plan_page_model)
        current = Q(start_year__lte=today.year, end_year__gte=today.year)
        return (
            plan_model.objects.live()
            .child_of(self)
            .select_related("issuer")
            .annotate(in_force=Case(When(current, then=Value(1)), default=Value(0), output_field=IntegerField()))
            .order_by("-in_force", "-issue_date", "title")
        )

    def get_phases_under_way(self, today):
        """Phases of any live plan in the section running today, soonest end first."""
        plan_model = _get_model(self.plan_page_model)
        phase_model = plan_model.phases.rel.related_model
        phases = (
            phase_model.objects.filter(
                plan__in=plan_model.objects.live().descendant_of(self),
                start_date__lte=today,
                end_date__gte=today,
            )
            .select_related("plan")
            .order_by("end_date", "plan__title", "sort_order")
        )
        for phase in phases:
            phase.current_timing = phase.timing(today)
            phase.ending_soon = phase.current_timing.days_left <= thidua_settings.ENDING_SOON_DAYS
            phase.anniversary = phase.anniversary_number(phase.plan.tradition_day or self.tradition_day)
            yield phase

    def get_movements(self):
        movement_model = _get_model(self.movement_page_model)
        return movement_model.objects.live().descendant_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = context["today"]
        context["plans"] = self.get_plans(today)
        context["phases_under_way"] = list(self.get_phases_under_way(today))
        context["tradition_day_name"] = self.tradition_day_name
        context["movements"] = self.get_movements()
        return context


class PlanPageMixin(TraditionDayMixin, ThiduaPageMixin):
    """A plan (kế hoạch) that launches movements and runs in phases.

    Concrete subclasses define the inline relations ``phases`` (phases),
    ``movement_links`` (adopted movements) and ``attachments`` (documents).
    """

    number = models.CharField(
        _("number and symbol"),
        max_length=50,
        help_text=_("As printed on the document, e.g. “599/KH-STP”."),
    )
    issue_date = models.DateField(_("issue date"))
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

    thidua_template = "thidua_wagtail/pages/plan_page.html"
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

    def clean(self):
        super().clean()
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot be earlier than the first year.")
        if self.number and self.issuer_id:
            clashes = (
                type(self)
                .objects.filter(issuer_id=self.issuer_id, number__iexact=self.number.strip())
                .exclude(translation_key=self.translation_key)
            )
            if self.pk:
                clashes = clashes.exclude(pk=self.pk)
            clash = clashes.first()
            if clash is not None:
                errors["number"] = _(
                    "The plan number %(number)s is already used by “%(title)s” of the same issuing body."
                ) % {"number": self.number, "title": clash.title}
        if errors:
            raise ValidationError(errors)

    def get_tradition_day(self):
        """(date, name) of the Tradition Day: the plan's own, else the nearest hub's."""
        if self.tradition_day:
            return self.tradition_day, self.tradition_day_name
        index_model = _get_model(self.index_page_model)
        parent_path = self.path[: -self.steplen] if self.path else None
        if not parent_path:
            return None, ""
        # One query: the closest ancestor hub that sets a Tradition Day.
        ancestor_paths = [parent_path[:i] for i in range(self.steplen, len(parent_path) + 1, self.steplen)]
        hub = (
            index_model.objects.filter(path__in=ancestor_paths, tradition_day__isnull=False)
            .order_by("-depth")
            .only("tradition_day", "tradition_day_name")
            .first()
        )
        return (hub.tradition_day, hub.tradition_day_name) if hub else (None, "")

    def get_phases(self, today, tradition_day=None):
        """The plan's phases in order, each with its timing today and its anniversary."""
        phases = sorted(self.phases.all(), key=lambda p: (p.start_date, p.sort_order or 0))
        for phase in phases:
            phase.current_timing = phase.timing(today)
            phase.anniversary = phase.anniversary_number(tradition_day)
        return phases

    def get_movements(self):
        """Movements the plan adopts (in the editor's order), then those created under it."""
        movement_model = _get_model(self.movement_page_model)
        adopted = [
            link.movement
            for link in self.movement_links.select_related("movement").all()
            if link.movement is not None and link.movement.live
        ]
        seen = {m.pk for m in adopted}
        children = (
            [m for m in movement_model.objects.live().child_of(self).order_by("path") if m.pk not in seen]
            if self.pk
            else []
        )
        return adopted + children

    def get_sub_plans(self):
        """Live implementation plans filed under this plan."""
        if not self.pk:
            return type(self).objects.none()
        return type(self).objects.live().child_of(self).select_related("issuer").order_by("issuer__name", "title")

    def get_filing_status(self, sub_plans):
        """[(unit, [plans])]: each sub-unit of the issuer that existed during the period, with what it filed."""
        by_unit = {}
        for plan in sub_plans:
            by_unit.setdefault(plan.issuer_id, []).append(plan)
        units = Unit.objects.filter(parent_id=self.issuer_id).existing_during(
            datetime.date(self.start_year, 1, 1), datetime.date(self.end_year, 12, 31)
        )
        rows = [(unit, by_unit.pop(unit.pk, [])) for unit in units]
        # Plans filed by units outside the expected list still show.
        rows += [(plans[0].issuer, plans) for plans in by_unit.values()]
        # Databases order "Tân" after "Tháp"; visitors expect dictionary order.
        return sorted(rows, key=lambda row: vietnamese_sort_key(row[0].name))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = context["today"]
        tradition_day, tradition_day_name = self.get_tradition_day()
        sub_plans = list(self.get_sub_plans())
        filing_status = self.get_filing_status(sub_plans) if self.issuer_id else []
        context.update(
            tradition_day=tradition_day,
            tradition_day_name=tradition_day_name,
            phases=self.get_phases(today, tradition_day),
            movements=self.get_movements(),
            attachments=[a for a in self.attachments.select_related("document").all() if a.document_id],
            sub_plans=sub_plans,
            filing_status=filing_status,
            filed_count=sum(1 for _unit, plans in filing_status if plans),
            is_current=self.is_current(today),
        )
        return context


class MovementPageMixin(ThiduaPageMixin):
    """An emulation movement (phong trào thi đua); its title is the movement's name or slogan."""

    kind = models.CharField(
        _("kind"),
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
        parent_path = self.path[: -self.steplen]
        return (
            plan_model.objects.live()
            .filter(Q(movement_links__movement=self) | Q(path=parent_path))
            .distinct()
            .order_by("-issue_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = self.get_plans()
        return context
