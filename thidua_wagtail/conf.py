"""Settings of thidua-wagtail, each with the ``THIDUA_`` prefix and a default here.

Read a setting as ``thidua_settings.BASE_TEMPLATE``; it is looked up on the
Django settings at access time, so ``override_settings`` works in tests.
"""

from django.conf import settings

__all__ = ["DEFAULTS", "thidua_settings"]

#: Every setting of the package, with its default. Documented in docs/settings.md.
DEFAULTS = {
    # Template that the package's page templates extend; the host portal's own
    # base template, which must define the blocks ``title`` and ``content``.
    "BASE_TEMPLATE": "base.html",
    # Time zone that decides what "today" is for phase status and countdowns.
    "TIME_ZONE": "Asia/Ho_Chi_Minh",
    # How many days ahead a phase counts as "ending soon" on the hub page and the dashboard.
    "ENDING_SOON_DAYS": 30,
    # Most reviews still to come that the hub lists under "Sắp diễn ra", soonest first.
    "UPCOMING_REVIEWS": 10,
    # The level at which the agency signs its own commendation decisions: honours
    # at this level count as "within its own authority", those above as "proposed
    # to a higher authority". A Sở is "department"; a ministry "ministry".
    "OWN_AUTHORITY": "department",
    # The licence of the honour roll's open data (a URL, e.g. "https://creativecommons.org/licenses/by/4.0/"), named in
    # its DCAT description; None names none.
    "OPEN_DATA_LICENSE": None,
    # Requests a client (an IP address) may make to the package's API (thidua_wagtail.api), in Django REST
    # framework's notation ("120/minute", "5000/day"), counted in THIDUA_CACHE (else Django's default cache);
    # None, no limit.
    "API_RATE": "120/minute",
    # Items of the section's RSS and Atom feeds (its newest decisions, plans and reviews).
    "FEED_ITEMS": 30,
    # Rows per page of the public honour roll.
    "ROLL_PAGE_SIZE": 50,
    # The most honours the roll counts for a set of filters its kept counts cannot answer (a name, a unit, a decision
    # number): beyond it, the roll says "more than" and pages through that many. A search of one letter in a register
    # of a million would otherwise read every match on every visit.
    "ROLL_COUNT_LIMIT": 10000,
    # The most honours a search by name finds (at most ROLL_COUNT_LIMIT): they are read, in the search's order (by
    # name for a text found in a few names, else the roll's), in one query that gives both the count and the pages.
    "ROLL_SEARCH_LIMIT": 1000,
    # How many of the first pages of each set of the roll's filters are kept in the package's cache (with the
    # count), until the register changes; None keeps every page a visitor reads.
    "ROLL_CACHED_PAGES": None,
    # Most rows a visitor may download as XLSX from the honour roll. An XLSX file is built
    # whole before it is sent (about 4 s of CPU for 50,000 rows); CSV streams and has no limit.
    "XLSX_MAX_ROWS": 10000,
    # Largest spreadsheet an editor may import, in bytes.
    "IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    # An import of more rows than this runs as a background task, which the editor follows on its own page.
    "IMPORT_BACKGROUND_ROWS": 2000,
    # Alias of the TASKS backend the package's background work is queued on: in production a backend with a
    # worker, such as django-tasks-db's database backend (docs/deployment.md).
    "TASKS_BACKEND": "default",
    # An export of an admin listing of more rows than this (CSV or XLSX) is written by a background task, and the
    # editor downloads the file from the export's page when it is ready.
    "EXPORT_BACKGROUND_ROWS": 5000,
    # Days a finished export's file is kept for its editor to download; older ones are deleted.
    "EXPORT_KEEP_DAYS": 7,
    # Alias (in Django's STORAGES) of the storage that keeps the files of background imports and exports, shared
    # by every server of the site; they name people, so it should not be publicly served.
    "STORAGE": "default",
    # Alias of the Django cache that keeps rendered fragments of the package's pages and the honour
    # roll's filter lists, invalidated on every change to what they show; None turns it off. Every
    # process of the site must share that cache (Redis, Memcached, the database cache).
    "CACHE": None,
    # Whether to purge the front-end cache (CDN, Varnish) of every URL whose content changed, through
    # wagtail.contrib.frontend_cache: None purges when WAGTAILFRONTENDCACHE is configured.
    "PURGE": None,
    # Paths purged on every site as well (pages the reference index cannot know show the package's content,
    # such as a home page with its panels), e.g. ["/", "/vi/", "/en/"].
    "PURGE_PATHS": [],
    # Longest life, in seconds, of an entry of that cache: the bound on how stale a page can be
    # after a change made without Django's signals (a QuerySet.update() in a shell).
    "CACHE_TIMEOUT": 600,
}


class _Settings:
    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown thidua-wagtail setting: THIDUA_{name}")
        return getattr(settings, f"THIDUA_{name}", DEFAULTS[name])


thidua_settings = _Settings()
