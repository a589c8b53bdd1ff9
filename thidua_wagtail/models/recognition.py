"""Exemplary models (mô hình, điển hình tiên tiến) and emulation zones, clusters and blocs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .searching import FoldedSearchMixin
from .units import Unit

__all__ = ["EmulationZone", "EmulationZoneMember", "ExemplaryModel", "ZoneKind"]


class ExemplaryModel(TranslatableMixin, index.Indexed, FoldedSearchMixin, models.Model):
    """An exemplary model or advanced example, e.g. "Câu lạc bộ hòa giải ở cơ sở"."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
        help_text=_("The unit that built or runs the model, if one."),
    )
    recognised_by = models.CharField(
        _("recognised by"), max_length=255, blank=True, help_text=_("e.g. “UBND Tỉnh, Bộ Tư pháp”.")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    plan = models.ForeignKey(
        "thidua_wagtail.PlanPage",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
    )
    movement = models.ForeignKey(
        "thidua_wagtail.MovementPage",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]
    folded_search_fields = ("name", "recognised_by", "description")

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("unit"),
        TranslatableField("recognised_by"),
        SynchronizedField("year"),
        SynchronizedField("plan"),
        SynchronizedField("movement"),
    ]

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["name"]
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.name


class ZoneKind(models.TextChoices):
    ZONE = "zone", _("Emulation zone")
    CLUSTER = "cluster", _("Emulation cluster")
    BLOC = "bloc", _("Emulation bloc")


class EmulationZone(TranslatableMixin, index.Indexed, FoldedSearchMixin, ClusterableModel):
    """An emulation zone, cluster or bloc (khu vực, cụm, khối thi đua) and its members."""

    name = models.CharField(_("name"), max_length=255, help_text=_("e.g. “Khu vực thi đua Miền Tây Nam Bộ”."))
    kind = models.CharField(_("kind"), max_length=10, choices=ZoneKind.choices, default=ZoneKind.ZONE)
    organised_by = models.CharField(
        _("organised by"), max_length=255, blank=True, help_text=_("e.g. “Bộ Tư pháp” for a zone of the sector.")
    )
    description = models.TextField(_("description"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    folded_search_fields = ("name", "organised_by", "description")

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("kind"),
        TranslatableField("organised_by"),
        TranslatableField("description"),
        TranslatableField("members"),
    ]

    class Meta:
        verbose_name = _("emulation zone")
        verbose_name_plural = _("emulation zones")
        ordering = ["name"]
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.name


class EmulationZoneMember(TranslatableMixin, Orderable):
    """A member of a zone: one of the portal's units, or another agency named as text."""

    zone = ParentalKey(EmulationZone, on_delete=models.CASCADE, related_name="members", verbose_name=_("zone"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="zone_memberships"
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("For a member that is not one of the portal's units, e.g. “Sở Tư pháp tỉnh An Giang”."),
    )
    is_leader = models.BooleanField(_("leads the zone"), default=False)

    panels = [FieldPanel("unit"), FieldPanel("name"), FieldPanel("is_leader")]

    translatable_fields = [TranslatableField("unit"), TranslatableField("name"), SynchronizedField("is_leader")]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.unit.name if self.unit_id else self.name

    def clean(self):
        super().clean()
        if not self.unit_id and not self.name:
            raise ValidationError({"name": _("Choose a unit or write the member's name.")})
