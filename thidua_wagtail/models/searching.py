"""A folded copy of a record's words, so that admin listings and choosers find it with or without diacritics.

Wagtail's database search backend matches words as its database tokenises them: PostgreSQL's
``simple`` configuration keeps "Tháp" apart from "thap", SQLite's FTS5 keeps "đ" apart from "d",
and neither answers a search restricted to fields on SQLite. The snippets an editor searches are
small tables (units, the catalogue, decisions, tallies), so a stored folded text read with
``LIKE`` finds every word on every database, in a few milliseconds.
"""

from __future__ import annotations

from django.db import models

from ..text import fold

__all__ = ["FoldedSearchMixin", "folded_search", "folded_text"]


def folded_text(obj, fields) -> str:
    """The folded words of ``fields`` of ``obj``."""
    return fold(" ".join(str(getattr(obj, name, "") or "") for name in fields))


class FoldedSearchMixin(models.Model):
    """Keeps ``search_text``: the folded words of ``folded_search_fields``, refreshed on every save."""

    #: Names of the fields (or attributes) whose words an editor searches by.
    folded_search_fields: tuple[str, ...] = ()

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = folded_text(self, self.folded_search_fields)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)


def folded_search(queryset, text: str):
    """``queryset`` narrowed to records holding every word of ``text``, ignoring diacritics and case."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset
