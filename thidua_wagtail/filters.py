"""The visitor's filter form of the public honour roll: everything a visitor sends is validated here."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Authority, AwardType, DecisionStatus, Honour, MovementPage, RecipientKind, Unit
from .text import fold

__all__ = ["HonourRollFilterForm", "roll_queryset"]


class QuickSelect(forms.Select):
    """A select rendered in Python: the roll's filters list every unit and award, and Django's
    template-per-option rendering would cost more than the whole list of honours."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, mark_safe(" selected") if str(option_value) == selected else "", label)
                for option_value, label in self.choices
            ),
        )
        attributes = format_html_join("", ' {}="{}"', sorted(attrs.items()))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class HonourRollFilterForm(forms.Form):
    """Filters of the honour roll; invalid values are reported and ignored, never passed to the database."""

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    year_from = forms.IntegerField(label=_("From year"), min_value=1945, max_value=2200, required=False)
    year_to = forms.IntegerField(label=_("To year"), min_value=1945, max_value=2200, required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.only("pk", "name"), required=False, widget=QuickSelect, empty_label="—"
    )
    award = forms.ModelChoiceField(
        label=_("Award"),
        queryset=AwardType.objects.only("pk", "name", "order"),
        required=False,
        widget=QuickSelect,
        empty_label="—",
    )
    authority = forms.ChoiceField(
        label=_("Awarded by"), choices=[("", "—"), *Authority.choices], required=False, widget=QuickSelect
    )
    kind = forms.ChoiceField(
        label=_("Recipient"), choices=[("", "—"), *RecipientKind.choices], required=False, widget=QuickSelect
    )
    movement = forms.ModelChoiceField(
        label=_("Movement"),
        queryset=MovementPage.objects.live().only("pk", "title").order_by("title"),
        required=False,
        widget=QuickSelect,
        empty_label="—",
    )

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("The last year cannot be earlier than the first year."))
        return cleaned_data

    def filter(self, honours):
        """Apply the valid filters to ``honours`` (awarded honours only)."""
        honours = honours.filter(decision_status=DecisionStatus.AWARDED)
        if not self.is_bound:
            return honours
        self.is_valid()
        data = {key: value for key, value in self.cleaned_data.items() if key not in self.errors}
        if data.get("q"):
            honours = honours.filter(search_name__contains=fold(data["q"]))
        # Date ranges rather than __year, so the database can use the index on the date.
        if data.get("year_from"):
            honours = honours.filter(decision_date__gte=datetime.date(data["year_from"], 1, 1))
        if data.get("year_to"):
            honours = honours.filter(decision_date__lte=datetime.date(data["year_to"], 12, 31))
        if data.get("unit"):
            honours = honours.filter(unit=data["unit"])
        if data.get("award"):
            honours = honours.filter(award=data["award"])
        if data.get("authority"):
            honours = honours.filter(decision_authority=data["authority"])
        if data.get("kind"):
            honours = honours.filter(recipient_kind=data["kind"])
        if data.get("movement"):
            honours = honours.filter(decision__movement=data["movement"])
        return honours


def roll_queryset():
    """Honours in the roll's stable order, with only the public fields loaded."""
    return (
        Honour.objects.select_related("award", "decision")
        .only(
            "pk",
            "recipient_kind",
            "person_name",
            "position",
            "unit_name",
            "posthumous",
            "decision_date",
            "sort_order",
            "award__name",
            "decision__number",
        )
        .order_by("-decision_date", "-decision_id", "sort_order", "pk")
    )
