"""PostgreSQL: beside the register's distinct names, their distinct words and each name's suffixes from each of its
words, kept by the same triggers, so that a name search reads a range of a B-tree rather than intersect the trigrams
most Vietnamese names share (see ``thidua_wagtail.search``). The table of names is made afresh with them, and 0004's
trigram index of every honour's name is dropped (``search.HONOURS_TRIGRAM_INDEX``); going back makes it again. Where
0022 could not make the names (no pg_trgm), the search keeps using what 0004 left, and so does this migration.
"""

from django.db import DatabaseError, migrations

from thidua_wagtail.cache import bump_content_version
from thidua_wagtail.search import NAMES_TABLE, rebuild_name_index


def _remake(schema_editor, suffixes):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [NAMES_TABLE])
        if not cursor.fetchone()[0]:
            return  # 0022 could not make the names
    try:
        # In a savepoint of its own, so that a refusal leaves PostgreSQL's migration transaction usable: the layout of
        # 0025 (names, words, suffixes; no trigram index of every honour's name), or back, that of 0022.
        rebuild_name_index(connection, suffixes=suffixes)
    except DatabaseError as error:
        print(f"\n  thidua_wagtail: the honour roll's names were not remade ({error}); the search reads the honours.")


def add_suffixes(apps, schema_editor):
    _remake(schema_editor, suffixes=True)


def remove_suffixes(apps, schema_editor):
    _remake(schema_editor, suffixes=False)


def forget_cached_pages(apps, schema_editor):
    # A search found in a few names is now listed by name: the roll's pages kept in the package's cache (in roll
    # order) are forgotten rather than served until the register next changes.
    bump_content_version()


class Migration(migrations.Migration):
    dependencies = [("thidua_wagtail", "0024_sqlite_names_index")]

    operations = [
        migrations.RunPython(add_suffixes, remove_suffixes, elidable=False),
        migrations.RunPython(forget_cached_pages, forget_cached_pages, elidable=True),
    ]
