"""The honour roll's name search, served by the trigram index of migration 0004 where there is one.

PostgreSQL's planner uses its pg_trgm index for ``LIKE '%…%'`` unaided. SQLite keeps the
trigrams in a separate FTS5 table, which has to be asked by name; it is asked only while
that table and the triggers that keep it in step exist. A later migration that rebuilds
the honours table (SQLite's way of altering one) drops the triggers, and the search then
falls back to reading the table rather than trust a stale index.
"""

from __future__ import annotations

from django.db import connections
from django.db.models.expressions import RawSQL

from .text import fold

__all__ = ["filter_by_name"]

FTS_TABLE = "thidua_wagtail_honour_name"
_FTS_OBJECTS = (FTS_TABLE, f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update")
# Characters that LIKE would read as wildcards or escapes; names never hold them.
_LIKE_SPECIAL = set("%_\\")


def _sqlite_index_ready(connection) -> bool:
    # Asked on the raw connection: a lookup in sqlite_master costs microseconds, and going
    # around Django's cursor keeps it out of the page's query log and counts.
    connection.ensure_connection()
    placeholders = ", ".join("?" * len(_FTS_OBJECTS))
    (found,) = connection.connection.execute(
        f"SELECT count(*) FROM sqlite_master WHERE name IN ({placeholders})", _FTS_OBJECTS
    ).fetchone()
    return found == len(_FTS_OBJECTS)


def filter_by_name(honours, text: str):
    """``honours`` whose name contains ``text``, ignoring diacritics, case and repeated spaces."""
    needle = fold(text)
    if not needle:
        return honours
    connection = connections[honours.db]
    if connection.vendor == "sqlite" and not (_LIKE_SPECIAL & set(needle)) and _sqlite_index_ready(connection):
        return honours.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE search_name LIKE %s", (f"%{needle}%",))
        )
    return honours.filter(search_name__contains=needle)
