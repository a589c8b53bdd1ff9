"""Phases (đợt) of a plan: date ranges that close with a review."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import timeline
from .fields import DayFirstDateField

__all__ = ["AbstractPhase", "ReviewKind"]


class ReviewKind(models.TextChoices):
    """The review that closes a phase."""

    NONE = "none", _("No review")
    INTERIM = "interim", _("Interim review")
    FINAL = "final", _("Final review")


class AbstractPhase(TranslatableMixin, Orderable):
    """One phase of a plan.

    Concrete subclasses add ``plan = ParentalKey(<plan page>, related_name="phases")``.
    """

    name = models.CharField(_("name"), max_length=255, help_text=_("e.g. “Đợt 1”."))
    start_date = DayFirstDateField(_("start date"))
    end_date = DayFirstDateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    review_kind = models.CharField(
        _("kind of review"), max_length=10, choices=ReviewKind.choices, default=ReviewKind.NONE
    )
    review_event = models.CharField(
        _("review event"),
        max_length=255,
        blank=True,
        help_text=_("e.g. “Hội nghị sơ kết Đợt 1”."),
    )
    review_date = DayFirstDateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the review is held on the last day of the phase."),
    )
    celebrates_anniversary = models.BooleanField(
        _("held with the Tradition Day anniversary"),
        default=False,
        help_text=_(
            "Tick if the review is held together with the anniversary of the sector's Tradition Day; "
            "the anniversary number is computed from the Tradition Day of the plan or of the section."
        ),
    )
    congress_ordinal = models.PositiveSmallIntegerField(
        _("congress number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("e.g. 6 for the 6th Patriotic Emulation Congress (“lần thứ VI”)."),
    )
    congress_name = models.CharField(
        _("congress"),
        max_length=255,
        blank=True,
        help_text=_("e.g. “Đại hội Thi đua yêu nước ngành Tư pháp”."),
    )
    #: The end dates the phase had before it was extended, oldest first (ISO dates). Kept by save(),
    #: from the database's own row, so that no form or revision can rewrite the history.
    previous_end_dates = models.JSONField(_("earlier end dates"), default=list, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("review_kind"), FieldPanel("review_date")]),
                FieldPanel("review_event"),
                FieldPanel("celebrates_anniversary"),
                FieldRowPanel([FieldPanel("congress_ordinal"), FieldPanel("congress_name")]),
            ],
            heading=_("Closing review"),
        ),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        TranslatableField("description"),
        SynchronizedField("review_kind"),
        TranslatableField("review_event"),
        SynchronizedField("review_date"),
        SynchronizedField("celebrates_anniversary"),
        SynchronizedField("congress_ordinal"),
        TranslatableField("congress_name"),
        SynchronizedField("previous_end_dates"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        unique_together = [("translation_key", "locale")]
        # The status logic assumes it; an import or the shell must not break the hub.
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="%(app_label)s_%(class)s_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.previous_end_dates = self._end_date_history()
        super().save(*args, **kwargs)

    def _end_date_history(self) -> list[str]:
        """The stored history, with the stored end date added when this save extends a phase under way.

        A phase moved or shortened before it began was only re-planned: no extension to announce.
        """
        stored = (
            type(self).objects.filter(pk=self.pk).values_list("end_date", "previous_end_dates").first()
            if self.pk
            else None
        )
        if stored is None:
            # A copy (a translation, a copied page) brings the history of its source.
            return list(self.previous_end_dates or [])
        old_end, history = stored[0], list(stored[1] or [])
        from .base import local_today

        if self.end_date and old_end and self.end_date > old_end and self.start_date <= local_today():
            history.append(old_end.isoformat())
        return history

    @property
    def earlier_end_dates(self) -> list:
        """The dates the phase was to end on before its extensions, oldest first."""
        return [datetime.date.fromisoformat(value) for value in self.previous_end_dates or []]

    @property
    def review_day(self):
        """The day of the closing review: its own date, or the phase's last day."""
        return self.review_date or self.end_date

    @property
    def has_review(self) -> bool:
        return self.review_kind != ReviewKind.NONE

    def timing(self, today) -> timeline.PhaseTiming:
        return timeline.phase_timing(self.start_date, self.end_date, today)

    def anniversary_number(self, tradition_day) -> int | None:
        """Which anniversary of ``tradition_day`` the review celebrates, if it does."""
        if not (self.celebrates_anniversary and tradition_day):
            return None
        return timeline.anniversary_number(tradition_day, self.review_day)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be earlier than the start date.")
        if self.review_date and self.start_date and self.review_date < self.start_date:
            errors["review_date"] = _("The review cannot be held before the phase starts.")
        if self.review_kind == ReviewKind.NONE and (
            self.review_event or self.review_date or self.celebrates_anniversary or self.congress_ordinal
        ):
            errors["review_kind"] = _(
                "Choose the kind of review, or clear the review event, date, anniversary and congress."
            )
        if self.congress_name and not self.congress_ordinal:
            errors["congress_ordinal"] = _("Give the number of the congress, e.g. 6.")
        if errors:
            raise ValidationError(errors)
