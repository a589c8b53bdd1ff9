"""Admin forms: rules that span a page and its inline rows."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale

from . import timeline
from .formats import short_date
from .models.choices import Authority, RecipientKind
from .text import fold

__all__ = ["DecisionForm", "PlanPageForm", "ThiduaPageForm", "ascii_slug", "honour_problems"]


def _live_forms(formset):
    """Inline forms that will be saved: filled in and not marked for deletion."""
    for form in formset.forms:
        if not form.is_valid():
            continue
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        yield form


def ascii_slug(text: str) -> str:
    """An address part in plain ASCII, Vietnamese folded: "Kế hoạch 123/KH-STP" -> "ke-hoach-123-kh-stp"."""
    return slugify(fold(text).replace("/", " "))


class ThiduaPageForm(WagtailAdminPageForm):
    """Page form of the package's pages: a new page's address is plain ASCII, like the demo's.

    Wagtail's slug field keeps Vietnamese letters ("kế-hoạch-…"), which show percent-encoded
    in shared links and are typed by no one. An existing page keeps its address, so links
    to it do not break.
    """

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if self.instance.pk is None and not slug.isascii():
            slug = ascii_slug(slug)
        return slug


class PlanPageForm(ThiduaPageForm):
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
                            "start": short_date(o_start),
                            "end": short_date(o_end),
                        },
                    )
                    break
            checked.append((name, start, end))


class DecisionForm(WagtailAdminModelForm):
    """Admin form of a decision; checks each honour against the law's catalogue.

    An award outside the decision's authority (a Sở giving a Bằng khen of the
    province), an award that does not fit the recipient (a collective as "Lao động
    tiên tiến"), an award not in force on the decision's date, and a recipient
    without a name or unit are refused on the row's own field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phase_field = self.fields.get("phase")
        if phase_field is not None:
            self._limit_phases(phase_field)

    def _limit_phases(self, field):
        """Phases in the editor's language only, each named with its plan ("599/KH-STP – Đợt 1")."""
        locale = Locale.get_active()
        current = self.instance.phase_id
        queryset = field.queryset.select_related("plan").order_by("plan__number", "start_date", "sort_order")
        # The phase already chosen stays selectable, whatever its language (a synchronised translation keeps it).
        field.queryset = (
            queryset.filter(Q(locale=locale) | Q(pk=current)) if current else queryset.filter(locale=locale)
        )
        field.label_from_instance = lambda phase: f"{phase.plan.number} – {phase.name}"

    def clean(self):
        cleaned_data = super().clean()
        honours = self.formsets.get("honours")
        if honours is None:
            return cleaned_data
        if self.instance.pk and any(True for _form in _live_forms(honours)) and not self.instance.is_original:
            raise ValidationError(
                _(
                    "Honours are recorded once, on the decision in its original language; add them there, "
                    "and this translation will show them."
                )
            )
        authority, day = cleaned_data.get("authority"), cleaned_data.get("date")
        seen = {}
        for form in _live_forms(honours):
            index = honours.forms.index(form)
            data = form.cleaned_data
            award, kind = data.get("award"), data.get("recipient_kind")
            for message, field in honour_problems(
                award, kind, data.get("unit"), data.get("person_name", ""), authority, day
            ):
                form.add_error(field, message)
            if award is not None:
                key = (kind, data.get("unit") and data["unit"].pk, fold(data.get("person_name", "")), award.pk)
                if key in seen:
                    form.add_error(
                        "award",
                        _("Row %(row)s already gives this award to the same recipient.") % {"row": seen[key] + 1},
                    )
                seen.setdefault(key, index)
        return cleaned_data


def honour_problems(award, kind, unit, person_name, authority, day):
    """[(message, field)] of what is wrong with one honour; shared by the admin form and the import."""
    problems = []
    if kind == RecipientKind.COLLECTIVE and unit is None:
        problems.append((_("Choose the collective (unit) honoured."), "unit"))
    if kind in (RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD) and not (person_name or "").strip():
        problems.append((_("Write the full name of the individual or the head of the household."), "person_name"))
    if award is None:
        return problems
    if kind and kind not in (award.recipients or []):
        problems.append(
            (
                _("“%(award)s” cannot be given to a %(kind)s.")
                % {"award": award.name, "kind": RecipientKind(kind).label.lower()},
                "award",
            )
        )
    if authority and authority not in (award.authorities or []):
        problems.append(
            (
                _("“%(award)s” is outside the authority of the %(authority)s.")
                % {"award": award.name, "authority": Authority(authority).label},
                "award",
            )
        )
    if day and not award.is_valid_on(day):
        problems.append(
            (
                _("“%(award)s” was not in force on %(date)s.") % {"award": award.name, "date": short_date(day)},
                "award",
            )
        )
    return problems
