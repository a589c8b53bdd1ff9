"""The demo's English translation, made as a translator makes it: through wagtail-localize.

For each object, wagtail-localize extracts the strings of its source (``TranslationSource``),
the English text of each string is recorded (``StringTranslation``), and the translation is
published (``Translation.save_target``). Numbers, dates, names and links are never typed here:
wagtail-localize copies them from the Vietnamese source.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from news.demo_en import EN
from news.models import HomePage, NewsIndexPage
from thidua_wagtail.models import (
    AwardType,
    Commemoration,
    EmulationIndexPage,
    EmulationZone,
    ExemplaryModel,
    HonourRollPage,
    MovementPage,
    PlanPage,
    Unit,
)

__all__ = ["demo_objects_to_translate", "translate", "translate_demo"]


def demo_objects_to_translate():
    """The demo's translatable objects, parents before children (wagtail-localize needs a page's parent
    translated first), snippets before the pages that link to them."""
    source = Locale.get_default()
    snippets = [
        *Unit.objects.filter(locale=source).order_by("parent_id", "pk"),
        *AwardType.objects.filter(locale=source, is_statutory=True).order_by("order", "pk"),
        *Commemoration.objects.filter(locale=source, is_shipped=True).order_by("original_date", "pk"),
        *EmulationZone.objects.filter(locale=source),
        *ExemplaryModel.objects.filter(locale=source),
    ]
    pages = [
        *HomePage.objects.filter(locale=source),
        *NewsIndexPage.objects.filter(locale=source),
        *EmulationIndexPage.objects.filter(locale=source),
        *PlanPage.objects.filter(locale=source),
        *MovementPage.objects.filter(locale=source),
        *HonourRollPage.objects.filter(locale=source),
    ]
    return snippets + sorted(pages, key=lambda page: page.path)


def translate(instance, locale, strings, user=None):
    """Translate ``instance`` into ``locale`` with wagtail-localize, the text of each string looked up in
    ``strings``; returns (translation, whether it was created). Strings not in ``strings`` stay in the
    source language, as wagtail-localize publishes them when a translator leaves them."""
    # The source as it is now: a rerun after the source changed carries the change over.
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    # A page is saved as a draft, then published here and now: wagtail-localize's own publishing
    # waits for the transaction to commit, and the demo's loader is one transaction.
    drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=not drafts)
    if drafts:
        translation.get_target_instance().get_latest_revision().publish(user=user)
    return translation, created


@transaction.atomic
def translate_demo(stdout=None):
    """Create the English translation of the demo; return the number of translations created (0 when rerun)."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    created = 0
    for instance in demo_objects_to_translate():
        if isinstance(instance, Page):
            instance = instance.specific
        if instance.get_translations().filter(locale=english).exists():
            continue
        strings = EN
        if getattr(instance, "is_sample", False):
            from news.demo_sample import english_strings

            strings = {**EN, **english_strings(instance)}
        _translation, new = translate(instance, english, strings)
        created += int(new)
    if stdout is not None:
        stdout.write(f"English translation: {created} object(s) translated.")
    return created
