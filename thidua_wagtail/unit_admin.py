"""The admin's "Record a reorganisation": units merged, renamed or abolished on a date, in one action.

In 2025 provinces merged and district-level offices were abolished. Recording it unit by unit (an end date
here, a successor there, a new unit elsewhere) is error-prone; here the editor names the units that end, the
day the new arrangement begins, and the unit that takes over (an existing one or a new one), and every
record is written at once. Honours keep the names their units had when they were given.
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from .formats import short_date
from .formfields import DayFirstDateFormField
from .models import Unit, UnitKind
from .models.units import record_reorganisation
from .text import name_sort_key
from .widgets import DayFirstDateInput

__all__ = ["ReorganisationForm", "reorganisation_view"]


class Change:
    MERGER = "merger"
    ABOLITION = "abolition"


class ReorganisationForm(forms.Form):
    """The units that end, the day the new arrangement begins, and the unit that takes over."""

    change = forms.ChoiceField(
        label=_("what happens"),
        choices=[
            (Change.MERGER, _("The units become one unit (a merger, or a renaming of one unit)")),
            (Change.ABOLITION, _("The units are abolished; another unit, if any, takes over their work")),
        ],
        widget=forms.RadioSelect,
        initial=Change.MERGER,
    )
    predecessors = forms.ModelMultipleChoiceField(
        label=_("units that end"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    day = DayFirstDateFormField(
        label=_("first day of the new arrangement"),
        widget=DayFirstDateInput,
        help_text=_("The units that end existed until the day before, e.g. 1/7/2025."),
    )
    successor = forms.ModelChoiceField(
        label=_("unit that takes over"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("An existing unit; leave empty to create a new one below."),
    )
    new_name = forms.CharField(label=_("or the name of a new unit"), max_length=255, required=False)
    new_short_name = forms.CharField(label=_("its short name"), max_length=100, required=False)
    new_kind = forms.ChoiceField(label=_("its kind"), choices=UnitKind.choices, initial=UnitKind.AGENCY, required=False)
    new_parent = forms.ModelChoiceField(label=_("its parent unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Units are reorganised in the site's default language; their translations follow.
        units = Unit.objects.filter(locale=Locale.get_default()).order_by("name")
        for name in ("predecessors", "successor", "new_parent"):
            self.fields[name].queryset = units
            self.fields[name].label_from_instance = _unit_label

    def clean(self):
        cleaned_data = super().clean()
        day, units = cleaned_data.get("day"), cleaned_data.get("predecessors") or []
        successor, new_name = cleaned_data.get("successor"), (cleaned_data.get("new_name") or "").strip()
        cleaned_data["new_name"] = new_name
        if successor is not None and new_name:
            self.add_error("new_name", _("Choose an existing unit or name a new one, not both."))
        elif successor is None and not new_name and cleaned_data.get("change") == Change.MERGER:
            self.add_error("successor", _("Choose the unit that the units become, or name a new one below."))
        if successor is not None and successor in units:
            self.add_error("successor", _("A unit cannot take over from itself: leave it out of the units that end."))
        if day is None:
            return cleaned_data
        for unit in units:
            if unit.valid_until and unit.valid_until < day:
                self.add_error(
                    "predecessors",
                    _("“%(unit)s” had already ended on %(date)s.")
                    % {"unit": unit.name, "date": short_date(unit.valid_until)},
                )
            elif unit.valid_from and unit.valid_from >= day:
                self.add_error(
                    "predecessors",
                    _("“%(unit)s” began on %(date)s: it cannot end before.")
                    % {"unit": unit.name, "date": short_date(unit.valid_from)},
                )
        if successor is not None and not successor.existed_on(day):
            self.add_error(
                "successor",
                _("“%(unit)s” does not exist on %(date)s; correct its dates first, or name a new unit.")
                % {"unit": successor.name, "date": short_date(day)},
            )
        return cleaned_data

    def new_unit_fields(self):
        data = self.cleaned_data
        if not data.get("new_name"):
            return None
        return {
            "name": data["new_name"],
            "short_name": data.get("new_short_name") or "",
            "kind": data.get("new_kind") or UnitKind.AGENCY,
            "parent": data.get("new_parent"),
            "locale": Locale.get_default(),
        }


def _unit_label(unit):
    if unit.valid_until:
        return gettext("%(name)s (until %(date)s)") % {"name": unit.name, "date": short_date(unit.valid_until)}
    return unit.name


def reorganisation_view(request):
    """Record a merger, renaming or abolition of units in one action."""
    policy = policy_registry.get_by_type(Unit)
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    form = ReorganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_unit = form.new_unit_fields()
        if new_unit and not policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        data = form.cleaned_data
        units = sorted(data["predecessors"], key=lambda unit: name_sort_key(unit.name))
        successor = record_reorganisation(units, data["day"], successor=data.get("successor"), new_unit=new_unit)
        names = ", ".join(unit.name for unit in units)
        details = {"units": names, "day": short_date(data["day"]), "successor": successor.name if successor else ""}
        for unit in [*units, *([successor] if successor else [])]:
            # One uuid each: Wagtail's history keeps one entry per uuid and action, whatever the record.
            log(unit, "thidua_wagtail.reorganise", user=request.user, uuid=uuid.uuid4(), data=details)
        if successor is not None:
            message = gettext("Recorded: %(units)s became %(successor)s on %(day)s.") % details
        else:
            message = gettext("Recorded: %(units)s ended on the eve of %(day)s.") % details
        messages.success(request, message)
        return redirect(reverse("wagtailsnippets_thidua_wagtail_unit:list"))
    return TemplateResponse(request, "thidua_wagtail/admin/reorganisation.html", {"form": form})
