"""The package's cache of public content: fragments of its pages and the honour roll's filter lists.

A page of the package shows far more than its own fields: the movements a plan adopts, the plans
its sub-units filed, units, zones, exemplary models, news that links to it. Its ``cache_key`` must
therefore change whenever any of those does, not only when the page itself is published. Every
entry is keyed on a *content version*, kept in the cache itself, that changes on any save or
delete of what the package shows (pages, view restrictions, sites, locales, documents, images
and the package's own snippets). A change thus invalidates every entry at once: edits are rare
on a portal next to visits, and an entry is cheap to rebuild.

Off unless ``THIDUA_CACHE`` names one of the site's caches. Every process of the site must see
the same cache (Redis, Memcached, the database cache), or a process would go on serving what
another one changed until ``THIDUA_CACHE_TIMEOUT`` expires; ``checks.py`` warns of a
per-process cache outside ``DEBUG``.
"""

from __future__ import annotations

import uuid

from django.core.cache import caches
from django.db import transaction
from django.utils import translation

from .conf import thidua_settings

__all__ = [
    "bump_content_version",
    "cached_page_fragment",
    "cached_value",
    "content_version",
    "get_cache",
    "is_enabled",
    "page_fragment_key",
    "render_page_fragment",
]

VERSION_KEY = "thidua_wagtail:content-version"


def is_enabled() -> bool:
    return bool(thidua_settings.CACHE)


def get_cache():
    """The cache the package keeps its entries in, or ``None`` if ``THIDUA_CACHE`` is not set."""
    alias = thidua_settings.CACHE
    return caches[alias] if alias else None


def content_version() -> str:
    """The current version of the package's public content ("" when the cache is off)."""
    cache = get_cache()
    if cache is None:
        return ""
    version = cache.get(VERSION_KEY)
    if version is None:
        # First use, or the cache evicted or lost the key: any new value is as good, as long as
        # concurrent processes agree on one, hence add() then get().
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or ""
    return version


def _new_version():
    cache = get_cache()
    if cache is not None:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_content_version(**_kwargs):
    """Invalidate every entry of the package's cache; usable as a signal receiver.

    The version changes at once, so that this transaction's own requests never read an entry of
    before the change, and again once the transaction commits: a request of another process may
    have cached what it read before the commit under the first new version.
    """
    if get_cache() is None:
        return
    _new_version()
    transaction.on_commit(_new_version)


def cached_value(name, vary_on, compute):
    """``compute()``, kept in the cache under ``name``, the content version, the current language
    and ``vary_on``; computed every time when the cache is off. The value must pickle."""
    cache = get_cache()
    if cache is None:
        return compute()
    key = ":".join(["thidua_wagtail", name, content_version(), translation.get_language() or "", *map(str, vary_on)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, thidua_settings.CACHE_TIMEOUT)
    return value


def page_fragment_key(name, page, request, today):
    """The cache key of a page's content: per page state (Wagtail's ``cache_key``, which for the
    package's pages includes the local date and the content version), site, language, and the
    date the content was computed for (a request begun before midnight may render after it)."""
    from django.core.cache.utils import make_template_fragment_key
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return make_template_fragment_key(
        f"thidua_wagtail.{name}",
        [page.cache_key, site.pk if site else None, translation.get_language(), today.isoformat()],
    )


def _cacheable(request) -> bool:
    # Previews show unpublished content: never served from, nor kept in, the cache (Wagtail's rule
    # for {% wagtailcache %}).
    return get_cache() is not None and request is not None and not getattr(request, "is_preview", False)


def cached_page_fragment(name, page, request, today):
    """The page's content as kept in the cache, or ``None`` (not cached, cache off, or a preview)."""
    if not _cacheable(request):
        return None
    return get_cache().get(page_fragment_key(name, page, request, today))


def render_page_fragment(name, page, request, today, render):
    """``render()``, kept in the cache as the page's content unless the request is a preview."""
    html = render()
    if _cacheable(request):
        get_cache().set(page_fragment_key(name, page, request, today), html, thidua_settings.CACHE_TIMEOUT)
    return html


def connect_signals():
    """Bump the content version on every change to what the package's pages show (:mod:`thidua_wagtail.changes`)."""
    from .changes import on_public_content_change

    on_public_content_change(bump_content_version, "cache")
