"""The name search on the register's distinct names on SQLite too, as 0022 made it on PostgreSQL.

SQLite: migration 0004's FTS5 table of every honour's name gives way to a table of the distinct names and an FTS5
table of their trigrams, kept in step by triggers (see ``thidua_wagtail.search``). Both databases: the index of
each name's honours in the roll's order becomes one of the model's indexes. PostgreSQL had it already, made by
0022 in SQL; SQLite's table rebuilds now keep it, as they keep every index the model declares.
"""

from importlib import import_module

from django.db import DatabaseError, migrations, models, transaction

from thidua_wagtail.search import NAME_ROLL_INDEX, _sqlite_drop_statements, rebuild_name_index

ROLL_COLUMNS = "search_name, decision_status, decision_date DESC, decision_id DESC, sort_order, id"


def create_roll_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {NAME_ROLL_INDEX} ON thidua_wagtail_honour ({ROLL_COLUMNS})")


def drop_roll_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {NAME_ROLL_INDEX}")


def _had_index(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'thidua_wagtail_honour_name'")
        return cursor.fetchone() is not None


def sqlite_names(apps, schema_editor):
    connection = schema_editor.connection
    # Where 0004 could not make its index (an SQLite without FTS5), there is nothing to replace.
    if connection.vendor != "sqlite" or not _had_index(connection):
        return
    try:
        rebuild_name_index(connection)
    except DatabaseError as error:
        print(f"\n  thidua_wagtail: no index of names for the honour roll's name search ({error}).")
        with connection.cursor() as cursor:
            for statement in _sqlite_drop_statements():
                cursor.execute(statement)


def sqlite_every_honour(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite" or not _had_index(connection):
        return
    before = import_module("thidua_wagtail.migrations.0004_honour_name_search_index")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in [*_sqlite_drop_statements(), *before.SQLITE_CREATE]:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("thidua_wagtail", "0023_decision_count_year")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="honour",
                    index=models.Index(
                        fields=["search_name", "decision_status", "-decision_date", "-decision", "sort_order", "id"],
                        name=NAME_ROLL_INDEX,
                    ),
                )
            ],
            database_operations=[migrations.RunPython(create_roll_index, drop_roll_index, elidable=False)],
        ),
        migrations.RunPython(sqlite_names, sqlite_every_honour, elidable=False),
    ]
