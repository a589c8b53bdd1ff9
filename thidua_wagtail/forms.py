"""Admin forms: rules that span a page and its inline rows."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import timeline

__all__ = ["PlanPageForm"]


def _live_forms(formset):
    """Inline forms that will be saved: filled in and not marked for deletion."""
    for form in formset.forms:
        if not form.is_valid():
            continue
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        yield form


class PlanPageForm(WagtailAdminPageForm):
    """Page form of a plan; checks its number, its phases against each other and its period, and its movements.

    Errors are put on the phase's own date fields so the editor sees which row
    is wrong; the page is not saved while any remains.
    """

    def clean(self):
        cleaned_data = super().clean()
        self._check_number()
        self._check_movements()
        self._check_phases(cleaned_data)
        return cleaned_data

    def _check_number(self):
        # Here rather than in the model's clean(): Wagtail's "copy page" and aliases
        # validate a page that legitimately carries the same number.
        plan = self.instance
        plan.number = self.cleaned_data.get("number", plan.number)
        if "issuer" in self.cleaned_data:
            plan.issuer = self.cleaned_data["issuer"]
        clash = plan.number_clashes().first()
        if clash is not None:
            self.add_error(
                "number",
                _("The plan number %(number)s is already used by “%(title)s” of the same issuing body.")
                % {"number": plan.number, "title": clash.title},
            )

    def _check_movements(self):
        links = self.formsets.get("movement_links")
        if links is None:
            return
        seen = set()
        for form in _live_forms(links):
            movement = form.cleaned_data.get("movement")
            if movement is None:
                continue
            if movement.pk in seen:
                form.add_error("movement", _("This movement is already in the plan's list."))
            seen.add(movement.pk)

    def _check_phases(self, cleaned_data):
        phases = self.formsets.get("phases")
        if phases is None:
            return
        start_year, end_year = cleaned_data.get("start_year"), cleaned_data.get("end_year")
        period = None
        if start_year and end_year and start_year <= end_year:
            period = (datetime.date(start_year, 1, 1), datetime.date(end_year, 12, 31))

        checked = []
        for form in _live_forms(phases):
            start, end = form.cleaned_data.get("start_date"), form.cleaned_data.get("end_date")
            if not (start and end) or end < start:
                continue
            if period and start < period[0]:
                form.add_error(
                    "start_date",
                    _("The phase starts before the plan's period (%(start)s–%(end)s).")
                    % {"start": start_year, "end": end_year},
                )
            if period and end > period[1]:
                form.add_error(
                    "end_date",
                    _("The phase ends after the plan's period (%(start)s–%(end)s).")
                    % {"start": start_year, "end": end_year},
                )
            name = form.cleaned_data.get("name") or ""
            for o_name, o_start, o_end in checked:
                if timeline.periods_overlap(start, end, o_start, o_end):
                    form.add_error(
                        "start_date",
                        _("This phase overlaps “%(name)s” (%(start)s – %(end)s); phases of a plan may not overlap.")
                        % {
                            "name": o_name,
                            "start": date_format(o_start, "SHORT_DATE_FORMAT"),
                            "end": date_format(o_end, "SHORT_DATE_FORMAT"),
                        },
                    )
                    break
            checked.append((name, start, end))
