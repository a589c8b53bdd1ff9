"""Refuse to delete what honours, plans or other units still use, with a message instead of a server error.

Honours point at their unit and award with ``on_delete=PROTECT``: an honour keeps the names it
was given under. Wagtail's delete views rely on the reference index to see such uses, which
honours imported in bulk are not in, so the check here asks Django's deletion collector, as
Django's own admin does, before anything is written.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.admin.utils import quote
from django.db import router
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.snippets import DeleteView

__all__ = ["ProtectedDeleteBulkAction", "ProtectedDeleteView", "protected_uses"]


def protected_uses(objects) -> list:
    """The records that keep ``objects`` from being deleted; empty when they can go."""
    objects = list(objects)
    if not objects:
        return []
    collector = Collector(using=router.db_for_write(type(objects[0]), instance=objects[0]))
    try:
        collector.collect(objects)
    except (ProtectedError, RestrictedError) as error:
        return list(getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ()))
    return []


def describe_uses(uses) -> str:
    """ "12 honours, 1 plan" in the editor's language, with the decisions the honours belong to."""
    counts = Counter(type(use) for use in uses)
    parts = []
    for model, count in counts.items():
        name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        parts.append(f"{count} {name}")
    decision_ids = {use.decision_id for use in uses if hasattr(use, "decision_id")}
    text = ", ".join(parts)
    if decision_ids:
        from .models import Decision

        # One query, however many honours: a unit may carry thousands.
        decisions = [str(d) for d in Decision.objects.filter(pk__in=list(decision_ids)[:500]).order_by("date")[:4]]
        shown = ", ".join(decisions[:3]) + ("…" if len(decision_ids) > 3 else "")
        text += " " + gettext("in decisions %(decisions)s") % {"decisions": shown}
    return text


def refusal_message(obj, uses) -> str:
    return gettext(
        "The %(model)s “%(object)s” cannot be deleted: it is used by %(uses)s. "
        "Change or remove those first; a record keeps the names it was given under."
    ) % {"model": obj._meta.verbose_name, "object": obj, "uses": describe_uses(uses)}


def usage_url(obj) -> str:
    return reverse(obj.snippet_viewset.get_url_name("usage"), args=(quote(obj.pk),))


class ProtectedDeleteView(DeleteView):
    """The snippet delete view, which refuses with a message when the record is still used."""

    def form_valid(self, form):
        uses = protected_uses([self.object])
        if uses:
            messages.error(
                self.request,
                refusal_message(self.object, uses),
                buttons=[messages.button(usage_url(self.object), _("See where it is used"))],
            )
            return redirect(self.object.snippet_viewset.get_url_name("edit"), quote(self.object.pk))
        return super().form_valid(form)


class ProtectedDeleteBulkAction(DeleteBulkAction):
    """Bulk delete that deletes nothing when one of the chosen records is still used, and says which."""

    def prepare_action(self, objects, objects_without_access):
        for obj in objects:
            uses = protected_uses([obj])
            if uses:
                messages.error(
                    self.request,
                    refusal_message(obj, uses),
                    buttons=[messages.button(usage_url(obj), _("See where it is used"))],
                )
                # Back where the editor came from, or to the listing (Wagtail's default is this very page).
                next_url = get_valid_next_url_from_request(self.request)
                return redirect(next_url or reverse(self.model.snippet_viewset.get_url_name("list")))
        return super().prepare_action(objects, objects_without_access)
