"""The honours listing's "Revoke or correct" action: the honours a later decision revokes or corrects, chosen
where an editor sees them (see :mod:`thidua_wagtail.models.amendments`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Decision, DecisionStatus, Honour
from .models.amendments import amend_honours
from .models.choices import AmendmentScope
from .models.counts import refresh_counts

__all__ = ["AmendHonoursBulkAction", "HonourDeleteBulkAction"]


NOT_AMENDED = _(
    "Decision %(number)s does not amend the decision of “%(honour)s”: choose the honours of one decision only."
)


class AmendHonoursForm(forms.Form):
    """Which later decision revokes or corrects the chosen honours, or that its mark is to be taken back."""

    amending = forms.ModelChoiceField(
        label=_("by decision"),
        queryset=Decision.objects.none(),
        empty_label=None,
        help_text=_("A later decision that revokes or corrects some honours of this one, with the status “awarded”."),
    )
    undo = forms.BooleanField(
        label=_("take back"),
        required=False,
        help_text=_("Tick to remove the mark this decision put on the chosen honours (an honour chosen by mistake)."),
    )

    def __init__(self, *args, honours=(), **kwargs):
        super().__init__(*args, **kwargs)
        keys = {honour.decision.translation_key for honour in honours}
        self.fields["amending"].queryset = (
            Decision.objects.filter(
                amends__translation_key__in=keys,
                amendment_scope=AmendmentScope.SOME,
                status=DecisionStatus.AWARDED,
            )
            .exclude(amendment="")
            .order_by("date", "number")
        )
        self.fields["amending"].label_from_instance = lambda d: f"{d} – {d.get_amendment_display()}"
        self.honours = list(honours)

    def clean(self):
        cleaned_data = super().clean()
        amending = cleaned_data.get("amending")
        if amending is not None:
            foreign = [h for h in self.honours if h.decision.translation_key != amending.amends.translation_key]
            if foreign:
                self.add_error(
                    "amending",
                    NOT_AMENDED % {"number": amending.number, "honour": foreign[0].recipient_name},
                )
        return cleaned_data


class AmendHonoursBulkAction(SnippetBulkAction):
    """Mark the chosen honours as revoked or corrected by a later decision that applies to some honours only."""

    display_name = _("Revoke or correct")
    action_type = "thidua_amend"
    aria_label = _("Revoke or correct the chosen honours by a later decision")
    template_name = "thidua_wagtail/admin/confirm_amend_honours.html"
    action_priority = 40
    form_class = AmendHonoursForm
    models = [Honour]

    def check_perm(self, honour):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", honour)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(Honour.objects.filter(pk__in=object_ids).select_related("decision", "award"))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "honours": self.get_actionable_objects()[0]}

    def get_execution_context(self):
        form = self.cleaned_form
        return {"amending": form.cleaned_data["amending"], "undo": form.cleaned_data["undo"]}

    @classmethod
    def execute_action(cls, objects, amending=None, undo=False, **kwargs):
        changed = amend_honours(amending, objects, undo=undo)
        from .cache import bump_content_version

        # Honours change by an UPDATE, which sends no signal: the public pages are told here.
        bump_content_version()
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        amending = self.cleaned_form.cleaned_data["amending"]
        if self.cleaned_form.cleaned_data["undo"]:
            return ngettext(
                "%(count)s honour is no longer marked by decision %(number)s.",
                "%(count)s honours are no longer marked by decision %(number)s.",
                num_parent_objects,
            ) % {"count": num_parent_objects, "number": amending.number}
        if amending.amendment == "revokes":
            message = ngettext(
                "%(count)s honour revoked by decision %(number)s: it has left the roll and the totals.",
                "%(count)s honours revoked by decision %(number)s: they have left the roll and the totals.",
                num_parent_objects,
            )
        else:
            message = ngettext(
                "%(count)s honour marked as corrected by decision %(number)s.",
                "%(count)s honours marked as corrected by decision %(number)s.",
                num_parent_objects,
            )
        return message % {"count": num_parent_objects, "number": amending.number}


class HonourDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete, for honours: their decisions' counts follow (a queryset delete calls no save)."""

    models = [Honour]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        decisions = {honour.decision_id for honour in objects}
        result = super().execute_action(objects, user=user, **kwargs)
        refresh_counts(decisions)
        return result
