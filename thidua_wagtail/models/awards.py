"""The catalogue of emulation titles and award forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .choices import Authority, AwardCategory, AwardGroup, RecipientKind
from .fields import ChoiceListField, DayFirstDateField
from .searching import FoldedSearchMixin

__all__ = ["AwardType"]

TITLE_GROUPS = {AwardGroup.INDIVIDUAL_TITLE, AwardGroup.COLLECTIVE_TITLE, AwardGroup.HOUSEHOLD_TITLE, AwardGroup.FLAG}


class AwardTypeQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Entries in force on ``day`` (those of the earlier law for old records)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class AwardType(TranslatableMixin, index.Indexed, FoldedSearchMixin, models.Model):
    """An emulation title or an award form, with who may receive it and who may award it.

    Statutory entries are loaded from :mod:`thidua_wagtail.catalogue` by the
    ``thidua_load_catalogue`` command (and the migrations); editors cannot change or
    delete them, but may add local entries.
    """

    code = models.SlugField(
        _("code"),
        max_length=100,
        help_text=_("A short unique identifier, used in spreadsheet imports, e.g. “giay-khen-so”."),
    )
    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(
        _("category"),
        max_length=10,
        choices=AwardCategory.choices,
        help_text=_(
            "An emulation title (danh hiệu) and an award form (hình thức khen thưởng) are never the same thing."
        ),
    )
    group = models.CharField(_("group"), max_length=30, choices=AwardGroup.choices, default=AwardGroup.OTHER)
    recipients = ChoiceListField(_("for"), choices=RecipientKind.choices, help_text=_("Who may receive it."))
    authorities = ChoiceListField(_("awarded by"), choices=Authority.choices, help_text=_("Who may award it."))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    valid_from = DayFirstDateField(_("valid from"), null=True, blank=True)
    valid_until = DayFirstDateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Entries of an earlier law end on the day it was replaced."),
    )
    order = models.PositiveIntegerField(_("rank"), default=1000, help_text=_("Higher awards have a smaller rank."))
    is_statutory = models.BooleanField(_("from the legal catalogue"), default=False, editable=False)

    objects = AwardTypeQuerySet.as_manager()

    folded_search_fields = ("name", "code", "legal_basis")

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("category"),
        index.FilterField("is_statutory"),
        index.FilterField("locale"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("legal_basis"),
        SynchronizedField("code"),
        SynchronizedField("category"),
        SynchronizedField("group"),
        SynchronizedField("recipients"),
        SynchronizedField("authorities"),
        SynchronizedField("valid_from"),
        SynchronizedField("valid_until"),
        SynchronizedField("order"),
        SynchronizedField("is_statutory"),
    ]

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["order", "name"]
        unique_together = [("translation_key", "locale")]
        # A code names one entry of the catalogue, in each language.
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="thidua_unique_award_code")]

    def __str__(self):
        return self.name

    def get_recipients_display(self):
        return self._meta.get_field("recipients").labels(self)

    def get_authorities_display(self):
        return self._meta.get_field("authorities").labels(self)

    def get_validity_display(self) -> str:
        """When the entry is in force ("until 31/12/2023", "from 1/1/2024"), or "" for always: it tells
        apart the entries of the two laws that share a name."""
        from ..formats import short_date

        if self.valid_from and self.valid_until:
            return _("%(start)s – %(end)s") % {
                "start": short_date(self.valid_from),
                "end": short_date(self.valid_until),
            }
        if self.valid_until:
            return _("until %(date)s") % {"date": short_date(self.valid_until)}
        if self.valid_from:
            return _("from %(date)s") % {"date": short_date(self.valid_from)}
        return ""

    def may_be_awarded_by(self, authority, day=None) -> bool:
        """Whether ``authority`` may award this entry on ``day``: one of its levels, which still existed that day
        and whose power over it had begun (:func:`thidua_wagtail.catalogue.may_award`)."""
        from ..catalogue import may_award

        return may_award(self.code, self.authorities or [], authority, day)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def clean(self):
        super().clean()
        errors = {}
        is_title_group = self.group in TITLE_GROUPS
        if self.group != AwardGroup.OTHER and is_title_group != (self.category == AwardCategory.TITLE):
            errors["group"] = _("This group belongs to the other category: titles and award forms are kept apart.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date cannot be earlier than the start date.")
        if not self.is_statutory and not self._is_translation():
            errors.update(self._local_entry_clashes())
        if errors:
            raise ValidationError(errors)

    def _is_translation(self):
        """A translation takes its code and facts from its source (the entry in the site's default
        language), which has passed these checks."""
        from wagtail.models import Locale

        return (
            self.locale_id is not None
            and self.locale_id != Locale.get_default().pk
            and type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).exists()
        )

    def _local_entry_clashes(self):
        """A local entry may not pass for the legal catalogue's: an import by name or code would
        otherwise find two entries, and the catalogue's next version may add the code."""
        from ..catalogue import ENTRIES
        from ..text import fold

        errors = {}
        if self.code in {entry.code for entry in ENTRIES}:
            errors["code"] = _("This code is reserved for the legal catalogue; choose another.")
        name = fold(self.name)
        if name and any(fold(entry.name) == name for entry in ENTRIES):
            errors["name"] = _(
                "The legal catalogue already has an entry with this name; "
                "choose that entry instead of adding a local one."
            )
        return errors
