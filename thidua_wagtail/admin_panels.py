"""Panels of the package's admin forms."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.panels import Panel

__all__ = ["DecisionAmendmentsPanel", "DecisionHonoursPanel"]


class DecisionHonoursPanel(Panel):
    """The decision's honours, counted, with links to their own listing, a new honour and the import.

    Honours are not rows of the decision's form: a decision of 20,000 honours would never
    open, and two editors adding honours would overwrite each other.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "thidua_wagtail/admin/decision_honours_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            decision = self.instance
            context["decision"] = decision
            if decision.pk:
                original = decision.original
                query = urlencode({"decision": original.pk})
                context.update(
                    original=original,
                    is_original=original.pk == decision.pk,
                    honour_count=original.honours.count(),
                    listing_url=f"{reverse('wagtailsnippets_thidua_wagtail_honour:list')}?{query}",
                    add_url=f"{reverse('wagtailsnippets_thidua_wagtail_honour:add')}?{query}",
                    import_url=reverse("thidua_import_honours", args=(original.pk,)),
                )
            return context


class DecisionAmendmentsPanel(Panel):
    """Both ends of a revocation or correction: what this decision revokes or corrects, and the later decisions
    that revoke or correct it, each linked, with the number of honours concerned."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "thidua_wagtail/admin/decision_amendments_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            decision = self.instance
            context["decision"] = decision
            if not decision.pk:
                return context
            from .models import Decision, Honour

            original = decision.original
            amended = original.amends if original.amends_id else None
            if amended is not None:
                amended_original = amended.original
                concerned = Honour.objects.filter(decision=amended_original)
                context.update(
                    amended=amended_original,
                    amended_url=reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(amended_original.pk,)),
                    amended_honours_url=(
                        f"{reverse('wagtailsnippets_thidua_wagtail_honour:list')}?"
                        f"{urlencode({'decision': amended_original.pk})}"
                    ),
                    concerned_count=(
                        concerned.filter(revoked_by=original)
                        if original.amendment == "revokes"
                        else concerned.filter(corrected_by=original)
                    ).count(),
                    total_count=concerned.count(),
                )
            later = Decision.objects.filter(amends__translation_key=original.translation_key, locale=original.locale)
            context["amendments"] = [
                (amendment, reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(amendment.pk,)))
                for amendment in later.order_by("date", "pk")
            ]
            return context
