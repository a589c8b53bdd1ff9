"""Every change to what the package's public pages show, as one event for the services that must hear of it (the
cache's content version, the front-end cache's purge).

Receivers are connected model by model rather than for every sender: a ``post_delete`` receiver for any sender
would stop Django's fast deletes across the whole site.
"""

from __future__ import annotations

__all__ = ["affects_public_content", "on_public_content_change"]


def affects_public_content(model) -> bool:
    """Whether a change to ``model`` can change what the package's pages (or the blocks a host embeds) show."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import AbstractPage, Locale, PageViewRestriction, Site

    from .models.counts import COUNT_MODELS

    if model._meta.app_label == "thidua_wagtail":
        # The kept counts change only with the honours, which say so (``honours_changed``).
        return not issubclass(model, COUNT_MODELS)
    # AbstractPage: a site whose WAGTAIL_PAGE_MODEL is its own base page has no wagtailcore Page.
    return issubclass(model, (AbstractPage, PageViewRestriction, Site, Locale, get_document_model(), get_image_model()))


def on_public_content_change(receiver, name):
    """Connect ``receiver`` (``receiver(**kwargs)``) to every change of the package's public content; ``name``
    tells the connections apart (``dispatch_uid``)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from django_tasks.signals import task_finished
    from wagtail.images import get_image_model
    from wagtail.signals import page_unpublished, post_page_move

    from .models import Honour
    from .models.signals import honours_changed

    for model in apps.get_models():
        if model._meta.proxy or not affects_public_content(model):
            continue
        uid = f"thidua_wagtail.{name}.{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        # An honour is deleted with its decision, whose save or delete already tells; a receiver here would cost
        # deleting a decision of 500 honours 500 signals. Honours deleted alone refresh their counts, which tell.
        if model is not Honour:
            post_delete.connect(receiver, sender=model, dispatch_uid=uid)
    # Moves rewrite paths with an UPDATE, and unpublishing a subtree updates the descendants alike.
    post_page_move.connect(receiver, dispatch_uid=f"thidua_wagtail.{name}.move")
    page_unpublished.connect(receiver, dispatch_uid=f"thidua_wagtail.{name}.unpublish")
    # A rendition is created while a page renders (no receiver on its save), but a page kept with its URL must not
    # outlive it (wagtail_update_image_renditions --purge-only).
    post_delete.connect(
        receiver, sender=get_image_model().get_rendition_model(), dispatch_uid=f"thidua_wagtail.{name}.rendition"
    )

    def reference_index_updated(sender, task_result, **kwargs):
        # Wagtail updates its reference index (the "related news" of a plan) in a task, which a worker may run
        # after the editor's transaction has committed.
        if task_result.task.module_path == "wagtail.tasks.update_reference_index_task":
            receiver()

    task_finished.connect(reference_index_updated, weak=False, dispatch_uid=f"thidua_wagtail.{name}.references")
    # Honours written in bulk or by an update (an import, a revocation, a bulk delete) send no save or delete
    # signal of their own; their decisions' counts are refreshed, and say so.
    honours_changed.connect(receiver, dispatch_uid=f"thidua_wagtail.{name}.honours")
