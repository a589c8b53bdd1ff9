"""Commemorations: the days whose anniversaries reviews are held with."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import timeline
from .fields import DayFirstDateField
from .searching import FoldedSearchMixin

__all__ = ["Commemoration", "CommemorationKind"]


class CommemorationKind(models.TextChoices):
    """Whose day it is."""

    NATIONAL = "national", _("National")
    SECTOR = "sector", _("A sector's Tradition Day")
    LOCAL = "local", _("A province's or locality's day")


class Commemoration(TranslatableMixin, index.Indexed, FoldedSearchMixin, models.Model):
    """A commemorated day: a sector's Tradition Day (28/8/1945), President Hồ Chí Minh's Call for
    Patriotic Emulation (11/6/1948), the first general election (6/1/1946), a province's own day.

    Reviews are held together with its anniversaries; the anniversary's number is computed from
    ``original_date``, never typed. The days that plans all over the country celebrate ship with the
    package (:mod:`thidua_wagtail.commemorations`) and cannot be changed in the admin; a portal adds
    its own.
    """

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("As a plan writes it after “kỷ niệm … năm”, e.g. “Ngày Truyền thống ngành Tư pháp”."),
    )
    original_date = DayFirstDateField(
        _("original date"),
        help_text=_("The day of the event itself, from which anniversaries are counted, e.g. 28/8/1945."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommemorationKind.choices, default=CommemorationKind.SECTOR
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("What the date rests on: the event, or the decision that designated the day."),
    )
    code = models.SlugField(_("code"), max_length=100, blank=True, editable=False)
    #: True for the days shipped with the package (``thidua_load_catalogue`` keeps them).
    is_shipped = models.BooleanField(_("shipped with the package"), default=False, editable=False)

    folded_search_fields = ("name", "source")
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]

    # The date and kind are facts; the name and the source's wording are the translators'.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("original_date"),
        SynchronizedField("kind"),
        TranslatableField("source"),
    ]

    class Meta:
        verbose_name = _("commemoration")
        verbose_name_plural = _("commemorations")
        ordering = ["original_date", "name"]
        unique_together = [("translation_key", "locale")]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], condition=~models.Q(code=""), name="thidua_unique_commemoration_code"
            )
        ]

    def __str__(self):
        day = self.original_date
        return f"{self.name} ({day.day}/{day.month}/{day.year})" if day else self.name

    def anniversary_number(self, day) -> int | None:
        """Which anniversary ``day`` falls in: 78 for 28/8/2023 of a day first held on 28/8/1945."""
        if not (day and self.original_date):
            return None
        return timeline.anniversary_number(self.original_date, day)


def commemorations_in_locale(ids, locale_id, known=()) -> dict:
    """{pk: that commemoration in ``locale_id`` where translated, else itself} for the primary keys ``ids``.

    One query, none when ``ids`` holds none or when ``known`` (commemorations already read, by a join) holds
    every one of them in ``locale_id``: pages and reviews link to the commemoration in the language they were
    made in, and a reader sees it in theirs.
    """
    ids = {pk for pk in ids if pk}
    ready = {c.pk: c for c in known if c is not None and c.pk in ids and c.locale_id == locale_id}
    if not ids or ids <= set(ready):
        return ready
    rows = list(
        Commemoration.objects.filter(
            translation_key__in=Commemoration.objects.filter(pk__in=ids).values("translation_key")
        )
    )
    shown = {}
    for row in rows:
        if row.locale_id == locale_id or row.translation_key not in shown:
            if row.locale_id == locale_id or row.pk in ids:
                shown[row.translation_key] = row
    return {row.pk: shown[row.translation_key] for row in rows if row.pk in ids}
