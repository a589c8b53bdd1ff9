"""Loads :mod:`thidua_wagtail.catalogue` into the AwardType table and :mod:`thidua_wagtail.commemorations`
into the Commemoration table; safe to run again."""

from __future__ import annotations

from django.db import transaction

from .catalogue import ENTRIES
from .text import fold

__all__ = ["load_catalogue", "load_commemorations"]


def load_catalogue(award_model=None):
    """Create or update every statutory entry; local entries are left alone.

    ``award_model`` lets a data migration pass its historical model. Returns
    (created, updated) counts; a second run returns (0, 0).
    """
    if award_model is None:
        from .models import AwardType as award_model
    entries = award_model.objects.filter(code__in=[e.code for e in ENTRIES])
    translatable = any(field.name == "locale" for field in award_model._meta.get_fields())
    in_locale = {}
    if translatable:
        from wagtail.models import Locale

        # The catalogue is loaded in the default language; translations follow it below. By its id: a data
        # migration's historical model takes no instance of today's Locale.
        in_locale = {"locale_id": Locale.get_default().pk}
        entries = entries.filter(**in_locale)
    searchable = any(field.name == "search_text" for field in award_model._meta.get_fields())
    existing = {a.code: a for a in entries}
    created = updated = 0
    for entry in ENTRIES:
        values = {
            "name": entry.name,
            "category": str(entry.category),
            "group": str(entry.group),
            "recipients": sorted(str(r) for r in entry.recipients),
            "authorities": sorted(str(a) for a in entry.authorities),
            "legal_basis": entry.legal_basis,
            "valid_from": entry.valid_from,
            "valid_until": entry.valid_until,
            "order": entry.order,
            "is_statutory": True,
        }
        # Kept by the model's save(), which a migration's historical model does not have.
        search = {"search_text": fold(f"{entry.name} {entry.code} {entry.legal_basis}")} if searchable else {}
        award = existing.get(entry.code)
        if award is None:
            award_model.objects.create(code=entry.code, **in_locale, **search, **values)
            created += 1
            continue
        current = {field: getattr(award, field) for field in values}
        # Lists are compared as sets: the model keeps them in the order of its choices.
        for field in ("recipients", "authorities"):
            current[field] = sorted(current[field] or [])
        if current != values:
            for field, value in {**values, **search}.items():
                setattr(award, field, value)
            # One transaction, so that the package's cache is invalidated after the translations too.
            with transaction.atomic():
                award.save()
                if translatable:
                    # The law's facts reach the translations at once; their names and legal basis are
                    # the translators' and stay.
                    facts = {k: v for k, v in values.items() if k not in ("name", "legal_basis")}
                    translations = award_model.objects.filter(translation_key=award.translation_key)
                    translations.exclude(pk=award.pk).update(**facts)
            updated += 1
    return created, updated


def load_commemorations(commemoration_model=None, locale=None):
    """Create or update every commemoration shipped with the package (:mod:`thidua_wagtail.commemorations`),
    in the default language; a portal's own commemorations are left alone.

    ``commemoration_model`` and ``locale`` let a data migration pass its historical model and locale.
    Returns (created, updated) counts; a second run returns (0, 0).
    """
    from .commemorations import ENTRIES as COMMEMORATIONS

    if commemoration_model is None:
        from .models import Commemoration as commemoration_model
    if locale is None:
        from wagtail.models import Locale

        locale = Locale.get_default()
    existing = {
        c.code: c for c in commemoration_model.objects.filter(locale=locale, code__in=[e.code for e in COMMEMORATIONS])
    }
    created = updated = 0
    for entry in COMMEMORATIONS:
        values = {
            "name": entry.name,
            "original_date": entry.original_date,
            "kind": str(entry.kind),
            "source": entry.source,
            "is_shipped": True,
        }
        # Set here as well as by save(): a migration's historical model has no save() of the package's.
        search_text = fold(f"{entry.name} {entry.source}")
        commemoration = existing.get(entry.code)
        if commemoration is None:
            commemoration_model.objects.create(code=entry.code, locale=locale, search_text=search_text, **values)
            created += 1
            continue
        if {field: getattr(commemoration, field) for field in values} == values:
            continue
        with transaction.atomic():
            for field, value in values.items():
                setattr(commemoration, field, value)
            commemoration.search_text = search_text
            commemoration.save()
            # The date and the kind are facts: translations follow at once; their words stay the translators'.
            commemoration_model.objects.filter(translation_key=commemoration.translation_key).exclude(
                pk=commemoration.pk
            ).update(original_date=entry.original_date, kind=str(entry.kind), is_shipped=True)
        updated += 1
    return created, updated
