"""The front-end cache (a CDN, Varnish): every URL whose content changed is purged, in batches, when anything the
package shows changes.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a page when it is published. The package's pages show far
more than their own fields (a plan shows its movements, its sub-units' plans, the totals; the roll shows every
decision; a host's article embeds a plan's timeline), so on every change of the package's public content
(:mod:`thidua_wagtail.changes`) the package purges, once the transaction has committed and once per
transaction:

* every live page of the package (hub, plans, movements, roll), in every language, and the roll's downloads;
* the host's pages that link to or embed one of them or one of the package's records, found through Wagtail's
  reference index (an article with a plan summary, a phase timeline or a decision's honours);
* the paths of ``THIDUA_PURGE_PATHS`` on each site, for the pages the reference index cannot know of (a home
  page that shows the package's panels, an article with a totals block).

Purging is on when ``wagtail.contrib.frontend_cache`` is installed with ``WAGTAILFRONTENDCACHE`` configured, or
when ``THIDUA_PURGE`` says so.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from django.db import transaction
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from .conf import thidua_settings

__all__ = ["RecordingBackend", "connect_signals", "is_enabled", "purge_public_content", "urls_to_purge"]


def is_enabled() -> bool:
    """Whether the package purges the front-end cache (``THIDUA_PURGE``: None follows ``WAGTAILFRONTENDCACHE``)."""
    from django.apps import apps
    from django.conf import settings

    if thidua_settings.PURGE is not None:
        return bool(thidua_settings.PURGE)
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_to_purge() -> list[str]:
    """The full URLs of everything whose content may show what changed (see the module's description)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.models import ReferenceIndex, Site

    from .decisions import public_decisions
    from .models import Decision, EmulationIndexPage, HonourRollPage, MovementPage, PlanPage
    from .models.base import page_model

    Page = page_model()
    own = [EmulationIndexPage, PlanPage, MovementPage, HonourRollPage]
    pages = list(Page.objects.live().type(*own).specific().defer_streamfields())
    has_roll = any(isinstance(p, HonourRollPage) for p in pages)
    decision_keys = list(public_decisions().values_list("pk", flat=True)) if has_roll else []
    urls = []
    for page in pages:
        url = page.get_full_url()
        if not url:
            continue
        urls.append(url)
        if isinstance(page, HonourRollPage):
            urls += [url + page.reverse_subpage("export", args=(fmt,)) for fmt in ("csv", "xlsx")]
            # The decisions' listing and pages (whose honours, links and counts any change may touch).
            urls.append(url + page.reverse_subpage("decisions"))
            urls += [url + page.reverse_subpage("open_data", args=(fmt,)) for fmt in ("csv", "json")]
            urls.append(url + page.reverse_subpage("open_data_dcat"))
            urls += [url + page.reverse_subpage("decision", args=(pk,)) for pk in decision_keys]
        if isinstance(page, EmulationIndexPage):
            urls += [url + page.reverse_subpage("feed", args=(fmt,)) for fmt in ("rss", "atom")]
        if isinstance(page, EmulationIndexPage | PlanPage):
            urls.append(url + page.reverse_subpage("calendar"))
    # The host's pages that link to the package's pages or records (articles, home pages with blocks). The index
    # records a link to a page under the base page type, and a link to a snippet under its own.
    page_type = ContentType.objects.get_for_model(Page)
    decision_type = ContentType.objects.get_for_model(Decision)
    linking = (
        ReferenceIndex.objects.filter(base_content_type=page_type)
        .filter(
            Q(to_content_type=page_type, to_object_id__in=[str(page.pk) for page in pages])
            | Q(to_content_type=decision_type)
        )
        .values_list("object_id", flat=True)
        .distinct()
    )
    linking_ids = [int(pk) for pk in linking if pk.isascii() and pk.isdigit()]
    for page in Page.objects.live().filter(pk__in=linking_ids).exclude(pk__in=[p.pk for p in pages]):
        url = page.get_full_url()
        if url:
            urls.append(url)
    for site in Site.objects.all():
        root = site.root_url.rstrip("/")
        urls += [root + "/" + path.lstrip("/") for path in thidua_settings.PURGE_PATHS]
    return list(dict.fromkeys(urls))


def purge_public_content():
    """Purge :func:`urls_to_purge` in batches through Wagtail's front-end cache backends."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_urls(urls_to_purge())
    batch.purge()


_state = threading.local()


def _run_purge():
    _state.pending = False
    purge_public_content()


def _purge_after_commit(**_kwargs):
    # Once per transaction, after it commits: an import of 10,000 honours or a plan published with its phases and
    # movements is one purge, and no CDN fetches a page before the change it must show is visible to every process.
    if not is_enabled():
        return
    pending = [func for _ids, func, _robust in transaction.get_connection().run_on_commit]
    if getattr(_state, "pending", False) and _run_purge in pending:
        return
    _state.pending = True
    transaction.on_commit(_run_purge)


def connect_signals():
    """Purge on every change of the package's public content (:mod:`thidua_wagtail.changes`)."""
    from .changes import on_public_content_change

    on_public_content_change(_purge_after_commit, "purge")


class RecordingBackend(BaseBackend):
    """A front-end cache backend that purges nothing and records the URLs it is asked to purge, one JSON list per
    batch, in the file ``LOCATION``: for a staging site, and for the tests of a site of several processes.

    ``WAGTAILFRONTENDCACHE = {"log": {"BACKEND": "thidua_wagtail.purge.RecordingBackend", "LOCATION": path}}``
    """

    def __init__(self, params):
        super().__init__(params)
        self.location = Path(params["LOCATION"])

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        # Appended in one write: several processes may purge at once.
        with self.location.open("a", encoding="utf-8") as log:
            log.write(json.dumps(sorted(urls), ensure_ascii=False) + "\n")
