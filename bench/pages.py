"""Render time of the package's pages as a ratio to a plain Wagtail page, measured in the same run.

    .venv/bin/python bench/pages.py                # SQLite (in memory)
    DATABASE_URL=postgres://… .venv/bin/python bench/pages.py

Builds a throwaway test database, loads the demo content plus a plan with 20 phases,
20 movements and 20 sub-unit plans, then times each page with Django's test client.
The baseline is the demo's news article, a plain Wagtail page of the example portal.
Pages are timed with the package's cache off (THIDUA_CACHE = None, the default) and on.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402


def timed(client, pages, rounds):
    """Median time of each page, the pages requested in turn each round, so that a slower moment
    of the machine weighs on every page alike rather than on one."""
    samples = {label: [] for label in pages}
    for url in pages.values():
        assert client.get(url).status_code == 200, url  # warm up
    for _ in range(rounds):
        for label, url in pages.items():
            start = time.perf_counter()
            client.get(url)
            samples[label].append(time.perf_counter() - start)
    return {label: statistics.median(times) for label, times in samples.items()}


def main():
    rounds = int(os.environ.get("BENCH_ROUNDS", "50"))
    # No setup_test_environment(): its template instrumentation would weigh on every page measured.
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from baseline import plain_article_url
        from django.test import Client

        from news.demo import load_demo
        from tests.factories import make_plan, make_unit
        from thidua_wagtail.models import EmulationIndexPage, PlanPage

        load_demo()
        hub = EmulationIndexPage.objects.get(locale__language_code="vi")
        issuer = make_unit("Sở Tư pháp (bench)")
        big = make_plan(hub, issuer=issuer, phases=20, movements=20, number="1/KH-BENCH", slug="bench")
        for i in range(20):
            unit = make_unit(f"Phòng {i} (bench)", parent=issuer, kind="division")
            make_plan(big, issuer=unit, number=f"{i}/KH-BENCH", slug=f"bench-{i}", phases=1, movements=0)

        client = Client()
        pages = {
            "plain Wagtail page (news article)": plain_article_url(),
            "hub": hub.url,
            "plan 599/KH-STP (demo)": PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi").url,
            "plan, 20 phases/movements/sub-plans": big.url,
            "movement": big.get_movements()[0].url,
        }
        print(f"database: {connection.vendor}; median of {rounds} rounds, each page requested once per round")
        for heading, alias in (("THIDUA_CACHE off", None), ('THIDUA_CACHE = "default" (local memory)', "default")):
            caches["default"].clear()
            with override_settings(THIDUA_CACHE=alias):
                medians = timed(client, pages, rounds)
            print(heading)
            base = next(iter(medians.values()))
            for label, median in medians.items():
                print(f"  {label:40s} {median * 1000:7.2f} ms  {median / base:5.2f}x")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
