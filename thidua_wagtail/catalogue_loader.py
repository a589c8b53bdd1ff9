"""Loads :mod:`thidua_wagtail.catalogue` into the AwardType table; safe to run again."""

from __future__ import annotations

from .catalogue import ENTRIES

__all__ = ["load_catalogue"]


def load_catalogue(award_model=None):
    """Create or update every statutory entry; local entries are left alone.

    ``award_model`` lets a data migration pass its historical model. Returns
    (created, updated) counts; a second run returns (0, 0).
    """
    if award_model is None:
        from .models import AwardType as award_model
    existing = {a.code: a for a in award_model.objects.filter(code__in=[e.code for e in ENTRIES])}
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
        award = existing.get(entry.code)
        if award is None:
            award_model.objects.create(code=entry.code, **values)
            created += 1
            continue
        current = {field: getattr(award, field) for field in values}
        # Lists are compared as sets: the model keeps them in the order of its choices.
        for field in ("recipients", "authorities"):
            current[field] = sorted(current[field] or [])
        if current != values:
            for field, value in values.items():
                setattr(award, field, value)
            award.save()
            updated += 1
    return created, updated
