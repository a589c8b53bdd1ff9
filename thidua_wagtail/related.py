"""News and structured pages linked both ways, found through Wagtail's reference index.

A host's news article that links to a plan or movement (in a page link, a rich-text link or
an embedded block) is recorded by Wagtail's reference index; nothing is added to the host's
models. Both directions treat a page and its translations as one.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast
from wagtail.models import ReferenceIndex

from .compiled import CompiledQuery
from .locales import one_per_key
from .models.base import page_model, public_pages_q

__all__ = ["pages_linking_to", "structured_pages_linked_from"]


def _page_content_type():
    return ContentType.objects.get_for_model(page_model())


def _linking_pages(page_type_id, own_type_ids, *, translation_key):
    Page = page_model()
    references = ReferenceIndex.get_references_to_in_bulk(Page.objects.filter(translation_key=translation_key))
    # The pages that link, read in the same query: a reference from a page (its base content type) names the page
    # by its primary key.
    source_ids = (
        references.filter(base_content_type_id=page_type_id)
        .exclude(content_type_id__in=own_type_ids)
        .values_list(Cast("object_id", output_field=BigIntegerField()), flat=True)
    )
    return (
        Page.objects.live()
        .filter(pk__in=source_ids)
        .filter(public_pages_q())
        # What a link shows: its title, address, date and language.
        .only("title", "url_path", "path", "depth", "live", "first_published_at", "translation_key", "locale")
        .select_related("locale")
        .order_by("-first_published_at", "-pk")
    )


#: The live, public pages of other types than ``own_type_ids`` that link to a page of ``translation_key``.
LINKING_PAGES = CompiledQuery(_linking_pages)


def pages_linking_to(page, limit=10):
    """ "Tin liên quan": the live, public pages outside the package that link to ``page`` or one of its
    translations, newest first, once per translation key, in ``page``'s language where translated."""
    if not page.pk:
        return []
    from .models import EmulationIndexPage, HonourRollPage, MovementPage, PlanPage

    # The package's own pages (a plan linking its movements) are not news; content types are cached.
    own_types = tuple(
        sorted(
            content_type.pk
            for content_type in ContentType.objects.get_for_models(
                EmulationIndexPage, PlanPage, MovementPage, HonourRollPage
            ).values()
        )
    )
    pages = LINKING_PAGES.list(_page_content_type().pk, own_types, translation_key=page.translation_key)
    return one_per_key(pages, page.locale_id)[:limit]


def structured_pages_linked_from(page, limit=10):
    """ "Có thể bạn quan tâm": the live, public plans and movements that ``page`` links to or embeds,
    once each, in ``page``'s language where translated."""
    from .models import MovementPage, PlanPage

    if not page.pk:
        return []
    Page = page_model()
    target_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=_page_content_type())
        .values_list("to_object_id", flat=True)
        .distinct()
        if object_id.isascii() and object_id.isdigit()
    }
    if not target_ids:
        return []
    keys = Page.objects.filter(pk__in=target_ids).values("translation_key")
    found = (
        Page.objects.live()
        .type(PlanPage, MovementPage)
        .filter(translation_key__in=keys)
        .filter(public_pages_q())
        .order_by("path")
        # Of the specific types only the class is shown (its name), and no field: no second query for them.
        .specific(defer=True)
    )
    return one_per_key(found, page.locale_id)[:limit]
