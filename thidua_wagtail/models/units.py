"""Organisational units: the agency, its divisions, affiliated units and local offices."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .fields import DayFirstDateField
from .searching import FoldedSearchMixin

__all__ = ["Unit", "UnitKind", "existing_during_q", "predecessors_of", "record_reorganisation"]


class UnitKind(models.TextChoices):
    """The kinds of organisational unit an emulation plan deals with."""

    AGENCY = "agency", _("Agency (department, ministry, people's committee)")
    DIVISION = "division", _("Division of the agency")
    AFFILIATED = "affiliated", _("Affiliated unit")
    LOCAL_OFFICE = "local_office", _("Local office (district or commune level)")
    OTHER = "other", _("Other")


def existing_during_q(start, end):
    """A filter for units that existed on at least one day of the inclusive range ``start``–``end``."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=start)
    )


class UnitQuerySet(models.QuerySet):
    def existing_during(self, start, end):
        """Units that existed on at least one day of the inclusive range ``start``–``end``."""
        return self.filter(existing_during_q(start, end))


class Unit(TranslatableMixin, index.Indexed, FoldedSearchMixin, models.Model):
    """A collective or organisational unit, with the dates it existed.

    Units are renamed, merged and abolished; a renamed unit is a new row whose
    predecessor points at it through ``successor``, so that records made under
    the old name keep it.
    """

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("Full official name, e.g. “Phòng Hành chính – Tư pháp”."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("Optional abbreviation used in lists, e.g. “STP”."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.DIVISION)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The unit this one belongs to; its implementation plans are expected under the parent's plans."),
    )
    valid_from = DayFirstDateField(_("existed from"), null=True, blank=True, help_text=_("Leave empty if unknown."))
    valid_until = DayFirstDateField(
        _("existed until"),
        null=True,
        blank=True,
        help_text=_("The last day the unit existed under this name; empty while it still exists."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The unit that took over after a renaming, merger or abolition."),
    )

    objects = UnitQuerySet.as_manager()

    folded_search_fields = ("name", "short_name")

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]

    # Names are words; dates and the links between units are facts. A link is to the
    # linked unit's own translation where there is one (wagtail-localize falls back to the source).
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        SynchronizedField("kind"),
        TranslatableField("parent"),
        SynchronizedField("valid_from"),
        SynchronizedField("valid_until"),
        TranslatableField("successor"),
    ]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        unique_together = [("translation_key", "locale")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="thidua_unit_exists_before_it_ends",
            )
        ]

    def __str__(self):
        return self.name

    def existed_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date cannot be earlier than the start date.")
        if self.pk and self.successor_id == self.pk:
            errors["successor"] = _("A unit cannot succeed itself.")
        if self.pk and self.parent_id:
            # Walk up the chain: a unit may not end up as its own ancestor.
            seen, ancestor = {self.pk}, self.parent
            while ancestor is not None:
                if ancestor.pk in seen:
                    errors["parent"] = _("A unit cannot be placed under itself or one of its own sub-units.")
                    break
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


def predecessors_of(unit_ids) -> set[int]:
    """The primary keys of ``unit_ids`` and of every unit that became one of them, however many renamings,
    mergers and abolitions ago, in every language: one query over the units' links (a portal has hundreds)."""
    rows = list(Unit.objects.values_list("pk", "successor_id", "translation_key"))
    wanted = set(unit_ids)
    keys = {key for pk, _successor, key in rows if pk in wanted}
    by_key = {}
    for pk, _successor, key in rows:
        by_key.setdefault(key, set()).add(pk)
    # Links run from the old unit to the new one; walk them backwards, by translation key.
    key_of = {pk: key for pk, _successor, key in rows}
    came_from = {}
    for _pk, successor, key in rows:
        if successor is not None and successor in key_of:
            came_from.setdefault(key_of[successor], set()).add(key)
    found, todo = set(keys), list(keys)
    while todo:
        for earlier in came_from.get(todo.pop(), ()):
            if earlier not in found:
                found.add(earlier)
                todo.append(earlier)
    return {pk for key in found for pk in by_key.get(key, ())}


def record_reorganisation(predecessors, day, successor=None, new_unit=None):
    """Units ``predecessors`` end on the eve of ``day`` and are succeeded by ``successor`` (an existing unit) or
    by a new unit made from the fields ``new_unit`` from ``day`` on, or by none (an abolition). Their
    translations follow. Returns the successor, or None. Honours keep the names their units had.
    """
    import datetime

    from django.db import transaction

    eve = day - datetime.timedelta(days=1)
    with transaction.atomic():
        if new_unit:
            successor = Unit(valid_from=day, **new_unit)
            successor.full_clean()
            successor.save()
        for unit in predecessors:
            unit.valid_until = eve
            unit.successor = successor
            unit.save()
            # The dates are facts of every translation; the successor is linked in each one's language.
            for translation in Unit.objects.filter(translation_key=unit.translation_key).exclude(pk=unit.pk):
                translation.valid_until = eve
                if successor is None:
                    translation.successor = None
                else:
                    translation.successor = (
                        Unit.objects.filter(
                            translation_key=successor.translation_key, locale=translation.locale_id
                        ).first()
                        or successor
                    )
                translation.save()
    return successor
