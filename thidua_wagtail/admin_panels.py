"""Panels of the package's admin forms."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.panels import Panel

__all__ = ["DecisionHonoursPanel"]


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
