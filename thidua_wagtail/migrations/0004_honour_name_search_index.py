"""A trigram index for the honour roll's name search, in each database's own way.

The roll searches names with ``contains`` (a visitor types any part of a name), which no
B-tree index can serve. PostgreSQL gets a GIN index with pg_trgm, which its planner uses
for ``LIKE '%…%'`` as it stands; SQLite gets an FTS5 table with the trigram tokenizer,
kept in step by triggers (so bulk inserts and raw updates are covered too), which
``thidua_wagtail.search`` queries. Where neither is available (pg_trgm not permitted,
an SQLite built without FTS5), the migration says so and the search still works, only
by reading the whole table.
"""

from django.db import DatabaseError, migrations, transaction

FTS_TABLE = "thidua_wagtail_honour_name"
PG_INDEX = "thidua_honour_name_trgm"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        search_name, content='thidua_wagtail_honour', content_rowid='id', tokenize='trigram'
    )""",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON thidua_wagtail_honour BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_name) VALUES (new.id, new.search_name);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON thidua_wagtail_honour BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name) VALUES ('delete', old.id, old.search_name);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF search_name ON thidua_wagtail_honour BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name) VALUES ('delete', old.id, old.search_name);
        INSERT INTO {FTS_TABLE}(rowid, search_name) VALUES (new.id, new.search_name);
    END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    # What a later layout adds (0024), where going back past 0009 or 0012 remade it (their restore_name_index).
    "DROP TRIGGER IF EXISTS thidua_wagtail_honour_names_fts",
    "DROP TABLE IF EXISTS thidua_wagtail_honour_names",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON thidua_wagtail_honour USING gin (search_name gin_trgm_ops)",
        ]
    elif vendor == "sqlite":
        statements = SQLITE_CREATE
    else:
        return
    try:
        # A savepoint, so that a refusal leaves PostgreSQL's migration transaction usable.
        with transaction.atomic(using=schema_editor.connection.alias):
            with schema_editor.connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    except DatabaseError as error:
        print(
            f"\n  thidua_wagtail: no trigram index for the honour roll's name search ({error}). "
            "The search works without it, but reads the whole table."
        )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        elif vendor == "sqlite":
            for statement in SQLITE_DROP:
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("thidua_wagtail", "0003_load_award_catalogue")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
