"""Totals an agency reported for a period without individual records, and their breakdown."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from .awards import AwardType
from .base import YEAR_VALIDATORS
from .choices import Authority, AwardGroup, CommendationType, RecipientKind, Scope
from .searching import FoldedSearchMixin

__all__ = ["HonourTally", "TallyRow", "scope_of_authority"]

DUPLICATE_PERIOD = "thidua_duplicate_tally"


def scope_of_authority(authority: str, own: str) -> str:
    """The scope an awarding level falls in, seen from the agency's own level ``own``."""
    order = list(Authority.values)
    if authority == own:
        return Scope.OWN
    return Scope.HIGHER if order.index(authority) < order.index(own) else Scope.LOWER


class HonourTally(RevisionMixin, index.Indexed, FoldedSearchMixin, ClusterableModel):
    """Totals reported for a period that has no individual records, e.g. 2016–2020, with their breakdown.

    Where a tally and records cover the same period and scope, the tally wins: it
    is the figure the agency reported, and records of an old period are seldom complete.
    A period has one tally per scope; its breakdown rows say what the total was made of.
    Every save in the admin is a revision, so that a colleague's rows are never undone by a stale form.
    """

    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    authorities = models.CharField(
        _("awarding authorities"),
        max_length=255,
        blank=True,
        help_text=_("As reported, e.g. “UBND Tỉnh, Bộ Tư pháp, Chính phủ”."),
    )
    collectives = models.PositiveIntegerField(_("collectives"), default=0)
    individuals = models.PositiveIntegerField(_("individuals"), default=0)
    households = models.PositiveIntegerField(_("households"), default=0)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the figures were reported, e.g. a report or article."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Shown with the figures, e.g. what the report counted and what it left out."),
    )

    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_(
            "Illustrative figures (a demonstration, a training); they are marked as such wherever they are shown."
        ),
    )

    # Revisions go with the tally when it is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="thidua_tally")

    search_fields = [index.SearchField("authorities"), index.SearchField("source")]
    folded_search_fields = ("start_year", "end_year", "authorities", "source", "note")

    class Meta:
        verbose_name = _("honour tally")
        verbose_name_plural = _("honour tallies")
        ordering = ["-start_year", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["start_year", "end_year", "scope"],
                name="thidua_unique_tally_period_scope",
                violation_error_code=DUPLICATE_PERIOD,
            )
        ]

    def __str__(self):
        return f"{self.start_year}–{self.end_year}: {self.get_scope_display()}"

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be earlier than the first year.")})
        clash = self._overlapping().first()
        if clash is not None:
            raise ValidationError({"start_year": self._clash_message(clash)})

    def _overlapping(self):
        """Tallies of the same scope sharing a year with this one: totals would count those years twice."""
        if not (self.start_year and self.end_year and self.scope):
            return HonourTally.objects.none()
        return (
            HonourTally.objects.filter(scope=self.scope, start_year__lte=self.end_year, end_year__gte=self.start_year)
            .exclude(pk=self.pk)
            .order_by("start_year")
        )

    def _clash_message(self, clash):
        values = {"period": f"{clash.start_year}–{clash.end_year}", "scope": clash.get_scope_display().lower()}
        if (clash.start_year, clash.end_year) == (self.start_year, self.end_year):
            return (
                _(
                    "There is already a tally for %(period)s (%(scope)s). Open that tally and add rows to its "
                    "breakdown, or correct its figures, instead of adding a second one."
                )
                % values
            )
        return (
            _(
                "The tally for %(period)s (%(scope)s) already covers some of these years, and totals would count "
                "them twice. Change the years so that the periods do not overlap, or correct that tally."
            )
            % values
        )

    def validate_constraints(self, exclude=None):
        # The period's uniqueness is told on the field by clean(), with what to do; Django's generic
        # "already exists" would only repeat it at the top of the form.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = {
                field: [e for e in messages if getattr(e, "code", None) != DUPLICATE_PERIOD]
                for field, messages in error.update_error_dict({}).items()
            }
            errors = {field: messages for field, messages in errors.items() if messages}
            if errors:
                raise ValidationError(errors) from error

    def count_for(self, kind: str) -> int:
        return {
            RecipientKind.COLLECTIVE: self.collectives,
            RecipientKind.INDIVIDUAL: self.individuals,
            RecipientKind.HOUSEHOLD: self.households,
        }.get(kind, 0)


class TallyRow(Orderable):
    """One line of a tally's breakdown: so many of one award (or kind of award), at one level, to one kind
    of recipient, of one type of commendation. Any of these may be left open where the report does not say."""

    tally = ParentalKey(HonourTally, on_delete=models.CASCADE, related_name="rows", verbose_name=_("tally"))
    award = models.ForeignKey(
        AwardType,
        verbose_name=_("award"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The title or award form, where the report names it."),
    )
    award_group = models.CharField(
        _("kind of award"),
        max_length=30,
        choices=AwardGroup.choices,
        blank=True,
        help_text=_("Where the report counts a kind rather than one award, e.g. all emulation flags."),
    )
    authority = models.CharField(_("awarded by"), max_length=20, choices=Authority.choices, blank=True)
    recipient_kind = models.CharField(_("recipient"), max_length=12, choices=RecipientKind.choices, blank=True)
    commendation_type = models.CharField(
        _("type of commendation"), max_length=20, choices=CommendationType.choices, blank=True
    )
    count = models.PositiveIntegerField(_("number"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("award"), FieldPanel("award_group")]),
        FieldRowPanel([FieldPanel("authority"), FieldPanel("recipient_kind"), FieldPanel("commendation_type")]),
        FieldRowPanel([FieldPanel("count"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("breakdown row")
        verbose_name_plural = _("breakdown rows")

    def __str__(self):
        return f"{self.label}: {self.count}"

    @property
    def label(self) -> str:
        if self.award_id:
            return str(self.award)
        return self.get_award_group_display() if self.award_group else ""

    def clean(self):
        super().clean()
        errors = {}
        if not self.award_id and not self.award_group:
            errors["award"] = _("Choose the award, or the kind of award the report counts.")
        award = self.award if self.award_id else None
        if award is not None:
            if self.award_group and self.award_group != award.group:
                errors["award_group"] = _(
                    "“%(award)s” is of the kind “%(kind)s”: choose that kind, or leave it empty."
                ) % {
                    "award": award.name,
                    "kind": award.get_group_display(),
                }
            if self.recipient_kind and self.recipient_kind not in (award.recipients or []):
                errors["recipient_kind"] = _("“%(award)s” cannot be given to a %(kind)s.") % {
                    "award": award.name,
                    "kind": RecipientKind(self.recipient_kind).label.lower(),
                }
            if self.authority and self.authority not in (award.authorities or []):
                errors["authority"] = _("“%(award)s” is outside the authority of the %(authority)s.") % {
                    "award": award.name,
                    "authority": Authority(self.authority).label,
                }
        if errors:
            raise ValidationError(errors)
