"""Admin forms: rules that span a page and its inline rows."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale

from . import timeline
from .formats import short_date
from .models.choices import Authority, RecipientKind, Scope
from .models.rules import authority_problem, honour_problems
from .text import ascii_slug, fold

__all__ = [
    "DecisionForm",
    "HonourForm",
    "HonourTallyForm",
    "PlanPageForm",
    "ThiduaPageForm",
    "ascii_slug",
    "authority_problem",
    "honour_problems",
]


def _live_forms(formset):
    """Inline forms that will be saved: filled in and not marked for deletion."""
    for form in formset.forms:
        if not form.is_valid():
            continue
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        yield form


class UnchangedSinceLoadedMixin:
    """Refuses a form loaded before a colleague saved the same record, keeping what the editor typed.

    Wagtail's edit forms post the revision they were loaded from (``loaded_revision_id``,
    ``loaded_revision_created_at``) or the one their autosave wrote (``overwrite_revision_id``),
    but check them only for autosave: a stale form saved by the button replaced a colleague's
    work, inline rows included. The same comparison is made here on every save.
    """

    stale_message = _(
        "A colleague saved this record after you opened it (at %(time)s, by %(user)s). Saving your form "
        "would undo their changes, so nothing was saved. What you typed is still below: open the record "
        "again in a new tab, compare, and make your changes there."
    )

    def clean(self):
        cleaned_data = super().clean()
        latest = self._newer_revision()
        if latest is not None:
            user = (latest.user.get_full_name() or latest.user.get_username()) if latest.user_id else "?"
            raise ValidationError(
                self.stale_message
                % {"time": timezone.localtime(latest.created_at).strftime("%H:%M %d/%m/%Y"), "user": user},
                code="stale",
            )
        return cleaned_data

    def _newer_revision(self):
        instance = self.instance
        if not self.is_bound or not instance.pk or not getattr(instance, "latest_revision_id", None):
            return None
        latest = type(instance).objects.filter(pk=instance.pk).values_list("latest_revision", flat=True).first()
        from wagtail.models import Revision

        revision = Revision.objects.filter(pk=latest).select_related("user").first()
        if revision is None:
            return None
        # The editor's own newer revision is no colleague's work: Wagtail's autosave writes one every few
        # moments, and one still on its way when the editor presses "Xuất bản" is newer than the form.
        user = getattr(self, "for_user", None)
        if user is not None and user.pk is not None and revision.user_id == user.pk:
            return None
        if overwritten := self.data.get("overwrite_revision_id"):
            return revision if overwritten != str(revision.pk) else None
        if loaded := self.data.get("loaded_revision_id"):
            if loaded != str(revision.pk) or self.data.get("loaded_revision_created_at", "") != (
                revision.created_at.isoformat()
            ):
                return revision
        return None


class ThiduaPageForm(UnchangedSinceLoadedMixin, WagtailAdminPageForm):
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
        self._check_reviews(cleaned_data)
        return cleaned_data

    def _check_reviews(self, cleaned_data):
        """A review falls in or after the plan's period, and reviews a movement of the plan."""
        reviews = self.formsets.get("reviews")
        if reviews is None:
            return
        start_year = cleaned_data.get("start_year")
        links = self.formsets.get("movement_links")
        adopted = {
            form.cleaned_data["movement"].translation_key
            for form in (_live_forms(links) if links is not None else [])
            if form.cleaned_data.get("movement") is not None
        }
        plan = self.instance
        for form in _live_forms(reviews):
            day, movement = form.cleaned_data.get("date"), form.cleaned_data.get("movement")
            if day and start_year and day.year < start_year:
                form.add_error(
                    "date",
                    _("The review is held before the plan's period begins (%(year)s).") % {"year": start_year},
                )
            if movement is None or movement.translation_key in adopted:
                continue
            # A movement created under the plan (or under one of its translations) is the plan's too.
            parent = movement.get_parent()
            if plan.pk and parent is not None and parent.translation_key == plan.translation_key:
                continue
            form.add_error(
                "movement",
                _(
                    "“%(movement)s” is not one of the plan's movements. Add it to the plan's movements first, "
                    "or leave this empty for a review of the whole plan."
                )
                % {"movement": movement.title},
            )

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


class DecisionForm(UnchangedSinceLoadedMixin, WagtailAdminModelForm):
    """Admin form of a decision (its honours have their own forms, :class:`HonourForm`).

    A new level or date is refused on its field when an award the decision already gives
    would fall outside that authority or out of force; a form loaded before a colleague's
    save is refused whole (:class:`UnchangedSinceLoadedMixin`).
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
        self._check_existing_honours(cleaned_data.get("authority"), cleaned_data.get("date"))
        return cleaned_data

    def _check_existing_honours(self, authority, day):
        """A new level or date must still allow every award the decision gives: one query, whatever
        the number of honours, since the awards given are few."""
        decision = self.instance
        if not decision.pk or not (authority and day):
            return
        from .models import AwardType

        award_ids = decision.original.honours.values("award").distinct()
        for award in AwardType.objects.filter(pk__in=award_ids):
            if authority not in (award.authorities or []):
                self.add_error(
                    "authority",
                    _("The decision gives “%(award)s”, which is outside the authority of the %(authority)s.")
                    % {"award": award.name, "authority": Authority(authority).label},
                )
            elif problem := authority_problem(award, authority, day):
                self.add_error(
                    "authority",
                    _("The decision gives “%(award)s”: %(problem)s") % {"award": award.name, "problem": problem},
                )
            if not award.is_valid_on(day):
                self.add_error(
                    "date",
                    _("The decision gives “%(award)s”, which was not in force on %(date)s.")
                    % {"award": award.name, "date": short_date(day)},
                )


class HonourTallyForm(UnchangedSinceLoadedMixin, WagtailAdminModelForm):
    """Admin form of a reported tally and its breakdown rows.

    A row's level must lie in the tally's scope, and the rows for one kind of recipient may not
    add up to more than the total reported for it (a breakdown may leave some honours out).
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("rows")
        scope = cleaned_data.get("scope")
        if formset is None or not scope:
            return cleaned_data
        from .conf import thidua_settings
        from .models.tallies import scope_of_authority

        own = thidua_settings.OWN_AUTHORITY
        sums = {}
        for form in _live_forms(formset):
            row = form.cleaned_data
            authority = row.get("authority")
            if authority and scope_of_authority(authority, own) != scope:
                form.add_error(
                    "authority",
                    _("The %(authority)s is not in this tally's scope (%(scope)s): correct the level or the scope.")
                    % {"authority": Authority(authority).label, "scope": Scope(scope).label.lower()},
                )
            kind = row.get("recipient_kind")
            if kind and row.get("count") is not None:
                sums[kind] = sums.get(kind, 0) + row["count"]
        fields = {RecipientKind.COLLECTIVE: "collectives", RecipientKind.INDIVIDUAL: "individuals"}
        fields[RecipientKind.HOUSEHOLD] = "households"
        for kind, total in sums.items():
            reported = cleaned_data.get(fields[kind])
            if reported is not None and total > reported:
                self.add_error(
                    fields[kind],
                    _(
                        "The breakdown counts %(rows)s honours for %(kind)s, more than the %(total)s reported here. "
                        "Correct this total or the rows below."
                    )
                    % {"rows": total, "kind": RecipientKind(kind).label.lower(), "total": reported},
                )
        return cleaned_data


class HonourForm(WagtailAdminModelForm):
    """Admin form of one honour, checked as an import row is: against the catalogue, the decision's
    authority and date, and the decision's other honours."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "decision" in self.fields:
            # Honours are recorded once, on a decision's original.
            from .models import Decision

            self.fields["decision"].queryset = Decision.objects.filter(locale=Locale.get_default())

    def clean(self):
        cleaned_data = super().clean()
        decision = cleaned_data.get("decision") or (self.instance.decision_id and self.instance.decision)
        if decision is None:
            return cleaned_data
        if not decision.is_original:
            self.add_error(
                "decision",
                _(
                    "Honours are recorded once, on the decision in its original language; add them there, "
                    "and this translation will show them."
                ),
            )
            return cleaned_data
        award, kind, unit = cleaned_data.get("award"), cleaned_data.get("recipient_kind"), cleaned_data.get("unit")
        name = cleaned_data.get("person_name", "")
        unit_text = cleaned_data.get("unit_text", "")
        for message, field in honour_problems(
            award, kind, unit, name, decision.authority, decision.date, unit_text=unit_text
        ):
            self.add_error(field, message)
        if award is not None and not self.errors:
            self._check_duplicate(decision, award, kind, unit, name, unit_text)
        return cleaned_data

    def _check_duplicate(self, decision, award, kind, unit, name, unit_text):
        from .models import Honour

        same = Honour.objects.filter(
            decision=decision, recipient_kind=kind, unit=unit, award__translation_key=award.translation_key
        )
        if kind != RecipientKind.COLLECTIVE:
            same = same.filter(search_name=fold(name))
        elif unit_text or unit is None:
            # A collective named in text is its name; a unit's collective is the unit.
            same = same.filter(search_name=fold(unit_text))
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            self.add_error("award", _("This decision already gives this award to the same recipient."))
