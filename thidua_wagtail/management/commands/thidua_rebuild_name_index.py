"""``manage.py thidua_rebuild_name_index``: recreate the index of the honour roll's name search."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder

from ...search import name_index_missing, rebuild_name_index


class Command(BaseCommand):
    help = (
        "Recreate the indexes of the honour roll's name search (the table of distinct names, which forgets names "
        "no honour holds any longer, with its trigram index, FTS5 on SQLite, and on PostgreSQL the names' words "
        "and suffixes, or before migration 0025 the trigram index of pg_trgm), e.g. after a "
        "migration that rebuilt the honours table on SQLite, or after deleting honours that must not be kept in "
        "any form."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        # The layout of the migrations applied: a site that has not run 0025 yet keeps the one it has.
        suffixes = ("thidua_wagtail", "0025_honour_name_suffixes") in MigrationRecorder(connection).applied_migrations()
        try:
            rebuild_name_index(connection, suffixes=suffixes)
        except DatabaseError as error:
            raise CommandError(f"The name index could not be created: {error}") from error
        if name_index_missing(connection, suffixes=suffixes):
            raise CommandError(f"This database ({connection.vendor}) has no trigram index for the name search.")
        self.stdout.write(self.style.SUCCESS("The name index of the honour roll is rebuilt."))
