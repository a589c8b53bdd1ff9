"""The filters of the public listing of decisions; every value a visitor sends is validated here."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .filters import NormalisedChoices, QuickSelect, _same_key, award_choices, clear_errors
from .models import Authority, AwardType, CommendationType, DecisionStatus, Honour
from .models.honours import number_key
from .search import filter_by_name

__all__ = ["DecisionFilterForm"]


class DecisionFilterForm(forms.Form):
    """Filters of the listing of decisions; invalid values are reported on their field and ignored."""

    q = forms.CharField(
        label=_("Decision number or name"),
        max_length=100,
        required=False,
        help_text=_("A decision number (“123/QĐ-STP”), or the name of a person or collective it honours."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2200, required=False)
    authority = forms.ChoiceField(
        label=_("Awarded by"), choices=[("", "—"), *Authority.choices], required=False, widget=QuickSelect
    )
    commendation_type = forms.ChoiceField(
        label=_("Type of commendation"),
        choices=[("", "—"), *CommendationType.choices],
        required=False,
        widget=QuickSelect,
    )
    award = forms.TypedChoiceField(label=_("Award"), coerce=int, empty_value=None, required=False, widget=QuickSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        clear_errors(self)
        self.fields["q"].widget.attrs["aria-describedby"] = "id_q_help"
        # The roll's list of awards, one per translation key, kept with its rendered options.
        choices, aliases, options_html = award_choices()
        self.fields["award"].choices = NormalisedChoices(choices)
        self.fields["award"].widget.options_html = options_html
        if self.is_bound:
            value = self.data.get("award")
            if value and value.isascii() and value.isdigit() and int(value) in aliases:
                self.data = self.data.copy()
                self.data["award"] = str(aliases[int(value)])

    def valid_data(self):
        """The filters the visitor set that are valid."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v not in (None, "")}

    def filter(self, decisions):
        """Apply the valid filters to ``decisions``."""
        data = self.valid_data()
        if data.get("year"):
            decisions = decisions.filter(
                date__gte=datetime.date(data["year"], 1, 1), date__lte=datetime.date(data["year"], 12, 31)
            )
        if data.get("authority"):
            decisions = decisions.filter(authority=data["authority"])
        if data.get("commendation_type"):
            decisions = decisions.filter(commendation_type=data["commendation_type"])
        awarded = Honour.objects.filter(decision_status=DecisionStatus.AWARDED)
        if data.get("award"):
            with_award = awarded.filter(decision_id=OuterRef("pk"), award_id__in=_same_key(AwardType, data["award"]))
            decisions = decisions.filter(Exists(with_award))
        text = data.get("q", "").strip()
        if text:
            # A number ("123/QĐ-STP", "123") or a name among the decision's honours, either without diacritics.
            by_number = Q(number_key__contains=number_key(text)) if number_key(text) else Q(pk__in=[])
            by_name = Q(pk__in=filter_by_name(awarded, text).values("decision_id"))
            decisions = decisions.filter(by_number | by_name)
        return decisions
