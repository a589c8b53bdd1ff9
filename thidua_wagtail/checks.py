"""System checks: the honour roll's name index, which a later SQLite migration can silently drop,
and the cache the package keeps its pages in."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections

# Backends whose entries live in one process: another process never sees a change's invalidation.
PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


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
            # SQLite's index is looked for as 0024 makes it, once 0024 has run.
            if connection.vendor == "sqlite" and ("thidua_wagtail", "0024_sqlite_names_index") not in applied:
                continue
            # The table of names (PostgreSQL) is looked for once its migration has made it.
            missing = name_index_missing(
                connection,
                names=("thidua_wagtail", "0022_honour_names_index") in applied,
                suffixes=("thidua_wagtail", "0025_honour_name_suffixes") in applied,
            )
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


@register(Tags.caches)
def check_cache(app_configs=None, **kwargs):
    from .conf import thidua_settings

    alias = thidua_settings.CACHE
    if not alias:
        return []
    if alias not in settings.CACHES:
        return [
            Error(
                f"THIDUA_CACHE names the cache {alias!r}, which is not in CACHES.",
                hint="Name one of the CACHES, or set THIDUA_CACHE = None to turn the package's cache off.",
                id="thidua_wagtail.E002",
            )
        ]
    if settings.CACHES[alias].get("BACKEND") in PER_PROCESS_CACHES and not settings.DEBUG:
        return [
            Warning(
                f"THIDUA_CACHE names {alias!r}, a local-memory cache: with several processes, a page changed "
                "in one may be served unchanged by the others for up to THIDUA_CACHE_TIMEOUT seconds.",
                hint="Use a cache that every process shares (Redis, Memcached, the database cache).",
                id="thidua_wagtail.W002",
            )
        ]
    return []
