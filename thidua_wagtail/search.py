"""The honour roll's name search, served by the trigram index of migration 0004 where there is one.

PostgreSQL's planner uses its pg_trgm index for ``LIKE '%…%'`` unaided. SQLite keeps the
trigrams in a separate FTS5 table, which has to be asked by name; it is asked only while
that table and the triggers that keep it in step exist. A later migration that rebuilds
the honours table (SQLite's way of altering one) drops the triggers, and the search then
falls back to reading the table rather than trust a stale index.
"""

from __future__ import annotations

from django.db import connections, transaction
from django.db.models.expressions import RawSQL

from .text import fold

__all__ = ["filter_by_name", "name_index_missing", "rebuild_name_index", "restore_name_index"]

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
    if (
        connection.vendor == "sqlite"
        # Under three characters a trigram index has nothing to look up (and FTS5 misses short
        # non-ASCII terms outright); reading the table is no slower.
        and len(needle) >= 3
        and not (_LIKE_SPECIAL & set(needle))
        and _sqlite_index_ready(connection)
    ):
        return honours.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE search_name LIKE %s", (f"%{needle}%",))
        )
    return honours.filter(search_name__contains=needle)


def _sqlite_statements():
    table, honours = FTS_TABLE, "thidua_wagtail_honour"
    return [
        f"DROP TRIGGER IF EXISTS {table}_insert",
        f"DROP TRIGGER IF EXISTS {table}_delete",
        f"DROP TRIGGER IF EXISTS {table}_update",
        f"DROP TABLE IF EXISTS {table}",
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            search_name, content='{honours}', content_rowid='id', tokenize='trigram'
        )""",
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON {honours} BEGIN
            INSERT INTO {table}(rowid, search_name) VALUES (new.id, new.search_name);
        END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON {honours} BEGIN
            INSERT INTO {table}({table}, rowid, search_name) VALUES ('delete', old.id, old.search_name);
        END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE OF search_name ON {honours} BEGIN
            INSERT INTO {table}({table}, rowid, search_name) VALUES ('delete', old.id, old.search_name);
            INSERT INTO {table}(rowid, search_name) VALUES (new.id, new.search_name);
        END""",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


def name_index_missing(connection) -> bool:
    """True where the database should have the name index and does not (or, on SQLite, has lost its triggers)."""
    if connection.vendor == "sqlite":
        return not _sqlite_index_ready(connection)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'thidua_honour_name_trgm'")
            return cursor.fetchone() is None
    return False


def rebuild_name_index(connection):
    """Create the name index afresh from the honours table: after a migration that rebuilt the table
    on SQLite (which drops its triggers), or where the index could not be made at install time."""
    if connection.vendor == "sqlite":
        statements = _sqlite_statements()
    elif connection.vendor == "postgresql":
        statements = [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "DROP INDEX IF EXISTS thidua_honour_name_trgm",
            "CREATE INDEX thidua_honour_name_trgm ON thidua_wagtail_honour USING gin (search_name gin_trgm_ops)",
        ]
    else:
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def restore_name_index(apps, schema_editor):
    """For migrations that alter the honours table: SQLite does so by rebuilding the table, which drops
    the name index's triggers; remake them where the index was there."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        had_index = cursor.fetchone() is not None
    if had_index:
        rebuild_name_index(connection)
