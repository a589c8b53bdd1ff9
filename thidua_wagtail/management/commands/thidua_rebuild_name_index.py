"""``manage.py thidua_rebuild_name_index``: recreate the index of the honour roll's name search."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from ...search import name_index_missing, rebuild_name_index


class Command(BaseCommand):
    help = (
        "Recreate the indexes of the honour roll's name search (the table of distinct names, which forgets names "
        "no honour holds any longer, and its trigram index: pg_trgm on PostgreSQL, FTS5 on SQLite), e.g. after a "
        "migration that rebuilt the honours table on SQLite, or after deleting honours that must not be kept in "
        "any form."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        try:
            rebuild_name_index(connection)
        except DatabaseError as error:
            raise CommandError(f"The name index could not be created: {error}") from error
        if name_index_missing(connection):
            raise CommandError(f"This database ({connection.vendor}) has no trigram index for the name search.")
        self.stdout.write(self.style.SUCCESS("The name index of the honour roll is rebuilt."))
