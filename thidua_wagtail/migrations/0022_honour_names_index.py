"""PostgreSQL: the register's distinct names in a table of their own, with a trigram index, to which triggers
add every new name (see ``thidua_wagtail.search``). A name search reads the few names that match, then their
honours, rather than intersect trigrams that most Vietnamese names share in the honours' own index. Where
PostgreSQL refuses (no pg_trgm), the migration says so and the search uses what 0004 left. The index of each
name's honours in the roll's order, first made here, is made by 0024 since, and SQLite's names by 0024 too.
"""

from django.db import DatabaseError, migrations, transaction

from thidua_wagtail.search import pg_names_drop_statements, pg_names_statements, refresh_name_statistics


def create_names(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        # A savepoint, so that a refusal leaves PostgreSQL's migration transaction usable.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            # The layout of this migration; 0025 adds the names' words and suffixes.
            for statement in pg_names_statements(suffixes=False):
                cursor.execute(statement)
        refresh_name_statistics(connection)
    except DatabaseError as error:
        print(
            f"\n  thidua_wagtail: no table of names for the honour roll's name search ({error}). "
            "The search works without it, on the honours' own index."
        )


def drop_names(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in pg_names_drop_statements():
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("thidua_wagtail", "0021_export_jobs")]

    operations = [migrations.RunPython(create_names, drop_names, elidable=False)]
