"""Phases (đợt) of a plan: the date ranges it runs in. Reviews are events of their own (:mod:`.reviews`)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import timeline
from .fields import DayFirstDateField
from .reviews import ReviewKind

__all__ = ["AbstractPhase", "ReviewKind"]


class AbstractPhase(TranslatableMixin, Orderable):
    """One phase of a plan.

    Concrete subclasses add ``plan = ParentalKey(<plan page>, related_name="phases")``.
    """

    name = models.CharField(_("name"), max_length=255, help_text=_("e.g. “Đợt 1”."))
    start_date = DayFirstDateField(_("start date"))
    end_date = DayFirstDateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    #: The end dates the phase had before it was extended, oldest first (ISO dates). Kept by save(),
    #: from the database's own row, so that no form or revision can rewrite the history.
    previous_end_dates = models.JSONField(_("earlier end dates"), default=list, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        TranslatableField("description"),
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

    def timing(self, today) -> timeline.PhaseTiming:
        return timeline.phase_timing(self.start_date, self.end_date, today)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be earlier than the start date.")
        if errors:
            raise ValidationError(errors)
