"""Reading translated content: one object per fact, in the reader's language where it exists.

wagtail-localize copies a translated page's synchronised links as they are, and leaves the
foreign keys of inline rows and snippets pointing at the source language's objects (a known
limitation, wagtail-localize#648 and #710). The package therefore never trusts a link to be in
the page's language: it follows links by translation key and picks, per key, the object in the
page's locale, falling back to the source's.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import translation
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant

__all__ = [
    "active_locale_id",
    "content_language",
    "default_content_language",
    "in_locale",
    "mark_untranslated",
    "one_per_key",
    "translated_value",
    "translation_language",
]


def default_content_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def content_language() -> str | None:
    """The content language of the current request's language, if content is kept in it."""
    language = translation.get_language()
    if not language:
        return None
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return None


#: {language code: primary key of its Locale}, filled as languages are asked for.
_locale_ids: dict[str, int] = {}


def active_locale_id() -> int | None:
    """The primary key of the locale of the current language (Wagtail's ``Locale.get_active()``), or None.

    Remembered in the process, as Django remembers content types, once the language has a locale of its own: a
    site creates its locales once, and the home page's panels each asked the database again. A language without
    one (Wagtail then answers with the default locale) is asked again each time, so that a locale added through
    another server is used at once. A locale saved or deleted here forgets them all (:func:`forget_locale_ids`);
    one deleted through another server leaves this one showing the untranslated originals, as for a language
    nobody has translated into, until it restarts.
    """
    from wagtail.models import Locale

    language = translation.get_language() or ""
    if language in _locale_ids:
        return _locale_ids[language]
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return None
    try:
        if locale.language_code == get_supported_content_language_variant(language):
            _locale_ids[language] = locale.pk
    except LookupError:
        pass
    return locale.pk


def forget_locale_ids(**_kwargs):
    _locale_ids.clear()


def one_per_key(objects, locale_id):
    """``objects`` with one object per translation key: the one in ``locale_id``, else the first seen.

    The order is that in which each key was first seen, so callers keep their own order.
    """
    chosen = {}
    for obj in objects:
        current = chosen.get(obj.translation_key)
        if current is None or (obj.locale_id == locale_id and current.locale_id != locale_id):
            chosen[obj.translation_key] = obj
    return list(chosen.values())


def in_locale(objects, locale_id):
    """Each object replaced by its translation in ``locale_id`` where one exists.

    One query per model among the objects that are in another locale; none if all are
    already in ``locale_id`` (the common case of a site's default language).
    """
    objects = list(objects)
    foreign = [obj for obj in objects if obj is not None and obj.locale_id != locale_id]
    found = {}
    for model in {type(obj) for obj in foreign}:
        keys = {obj.translation_key for obj in foreign if type(obj) is model}
        for translated in model.objects.filter(translation_key__in=keys, locale_id=locale_id):
            found[(model, translated.translation_key)] = translated
    return [found.get((type(obj), obj.translation_key), obj) if obj is not None else None for obj in objects]


def translation_language() -> str | None:
    """The content language :func:`translated_value` reads names in: the request's, if content is kept in it and it
    is not the default language (whose rows are the originals); else None."""
    language = content_language()
    if language is None or language == default_content_language() or language not in dict(get_content_languages()):
        return None
    return language


def translated_value(model, key_path, field, fallback):
    """An expression: ``field`` of the ``model`` row in the request's content language whose translation
    key is ``key_path``'s, else ``fallback``; or ``fallback`` alone in the default language.

    For listing rows (the honour roll) in the reader's language inside their one query.
    """
    from django.db.models.functions import Coalesce

    language = translation_language()
    if language is None:
        return fallback
    return Coalesce(
        Subquery(
            model.objects.filter(translation_key=OuterRef(key_path), locale__language_code=language).values(field)[:1]
        ),
        fallback,
    )


def mark_untranslated(pages, locale_id):
    """Set ``shown_language`` on each of ``pages`` that is not in ``locale_id``: a page not yet translated,
    listed in its own language. The pages say so, and mark its words with their language (for screen
    readers and translators). One query, only when there are such pages."""
    foreign = [page for page in pages if page.locale_id != locale_id]
    if not foreign:
        return
    from wagtail.models import Locale

    languages = dict(
        Locale.objects.filter(pk__in={page.locale_id for page in foreign}).values_list("pk", "language_code")
    )
    for page in foreign:
        page.shown_language = languages.get(page.locale_id)
