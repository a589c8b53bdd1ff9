"""System checks: the honour roll's name index, which a later SQLite migration can silently drop."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connections


@register(Tags.database)
def check_name_index(app_configs=None, databases=None, **kwargs):
    from django.db.migrations.recorder import MigrationRecorder

    from .search import name_index_missing

    warnings = []
    for alias in databases or []:
        connection = connections[alias]
        try:
            # Before migration 0004 has run (a fresh database being migrated) there is nothing to miss.
            applied = MigrationRecorder(connection).applied_migrations()
            if ("thidua_wagtail", "0004_honour_name_search_index") not in applied:
                continue
            missing = name_index_missing(connection)
        except DatabaseError:
            continue
        if missing:
            warnings.append(
                Warning(
                    "The honour roll's name search has no trigram index on this database, so it reads the "
                    "whole honours table.",
                    hint="Run `manage.py thidua_rebuild_name_index`.",
                    id="thidua_wagtail.W001",
                )
            )
    return warnings
