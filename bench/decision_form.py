"""The admin's decision form and its honours' listing, for a decision of 20,000 honours (a city's five years).

    .venv/bin/python bench/decision_form.py                # SQLite
    bash scripts/with-postgres.sh .venv/bin/python bench/decision_form.py

Reports, as medians over interleaved rounds, the edit form of a 20,000-honour decision and the
first and a deep page of its honours' listing, each as a ratio to the edit form of an empty
decision measured in the same run (target for the form: at most 2x), with their SQL queries.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

HONOURS = int(os.environ.get("BENCH_HONOURS", "20000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def big_decision(rng):
    from honours import person

    from thidua_wagtail.models import AwardType, Decision, Honour, Unit
    from thidua_wagtail.models.counts import refresh_counts

    department = Unit.objects.get(name="Sở Tư pháp tỉnh Đồng Tháp", locale__language_code="vi")
    units = [Unit.objects.create(name=f"Đơn vị {i}", parent=department) for i in range(50)]
    individual = AwardType.objects.get(code="lao-dong-tien-tien", locale__language_code="vi")
    collective = AwardType.objects.get(code="tap-the-lao-dong-tien-tien", locale__language_code="vi")
    decision = Decision.objects.create(
        number="2025/QĐ-UBND",
        date=datetime.date(2025, 12, 1),
        authority="department",
        issuing_body="Sở Tư pháp tỉnh Đồng Tháp",
    )
    batch = []
    for i in range(HONOURS):
        unit = rng.choice(units)
        if i % 10 == 0:
            honour = Honour(decision=decision, recipient_kind="collective", unit=unit, award=collective)
        else:
            honour = Honour(decision=decision, person_name=person(rng), unit=unit, award=individual)
        honour.sort_order = i
        honour.fill_copies(decision)
        batch.append(honour)
    Honour.objects.bulk_create(batch, batch_size=2000)
    refresh_counts([decision.pk])  # as the import does after its bulk_create
    empty = Decision.objects.create(
        number="1/QĐ-STP", date=datetime.date(2025, 12, 1), authority="department", issuing_body="Sở Tư pháp"
    )
    return decision, empty


def main():
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from news.demo import load_demo

        load_demo()
        started = time.perf_counter()
        decision, empty = big_decision(random.Random(2025))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        loaded = time.perf_counter() - started
        print(f"database: {connection.vendor}; a decision of {HONOURS} honours loaded in {loaded:.1f} s")
        client = Client()
        client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.vn", "x"))
        edit = "wagtailsnippets_thidua_wagtail_decision:edit"
        listing = reverse("wagtailsnippets_thidua_wagtail_honour:list")
        pages = [
            ("edit form, empty decision (baseline)", reverse(edit, args=(empty.pk,)), None),
            (f"edit form, {HONOURS}-honour decision", reverse(edit, args=(decision.pk,)), None),
            ("its honours, page 1", listing, {"decision": decision.pk}),
            ("its honours, page 300", listing, {"decision": decision.pk, "p": 300}),
            ("its honours, name search", listing, {"decision": decision.pk, "q": "nguyen van an"}),
        ]
        samples = {label: [] for label, _url, _params in pages}
        for _label, url, params in pages:
            assert client.get(url, params).status_code == 200, (url, params)
        for _ in range(ROUNDS):
            for label, url, params in pages:
                start = time.perf_counter()
                client.get(url, params)
                samples[label].append(time.perf_counter() - start)
        print(f"median of {ROUNDS} rounds, each page requested once per round")
        base = statistics.median(samples[pages[0][0]])
        for label, url, params in pages:
            with CaptureQueriesContext(connection) as ctx:
                client.get(url, params)
            median = statistics.median(samples[label])
            print(
                f"  {label:40s} {median * 1000:8.2f} ms  {median / base:5.2f}x  {len(ctx.captured_queries):3d} queries"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
