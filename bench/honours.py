"""The honours register at scale: 50,000 honours, the roll and plan pages, and a 10,000-row import.

    .venv/bin/python bench/honours.py                # SQLite
    bash scripts/with-postgres.sh .venv/bin/python bench/honours.py

Reports render times as a ratio to a plain Wagtail page (the demo's news article)
measured in the same run (target: at most 2x), the SQL queries of each page, and the
import rate of a 10,000-row XLSX (target: at least 2,000 rows per second).

The pages are timed twice: with the package's cache off (THIDUA_CACHE = None, the package's
default: every page computed and rendered in full) and on (THIDUA_CACHE = "default", as the
example portal sets it: unchanged content served from the cache, see thidua_wagtail/cache.py).
"""

import datetime
import io
import os
import random
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
from django.test.utils import CaptureQueriesContext  # noqa: E402

HONOURS = int(os.environ.get("BENCH_HONOURS", "50000"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Hương", "Khánh", "Lan", "Nam", "Phúc", "Tâm", "Vy"]


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def load_honours(rng):
    from thidua_wagtail.models import AwardType, Decision, Honour, Unit
    from thidua_wagtail.models.counts import refresh_counts

    department = Unit.objects.get(name="Sở Tư pháp tỉnh Đồng Tháp", locale__language_code="vi")
    units = [Unit.objects.create(name=f"Đơn vị {i}", parent=department) for i in range(50)]
    individual = AwardType.objects.get(code="lao-dong-tien-tien", locale__language_code="vi")
    collective = AwardType.objects.get(code="tap-the-lao-dong-tien-tien", locale__language_code="vi")
    certificate = AwardType.objects.get(code="giay-khen", locale__language_code="vi")
    per_decision = 500
    for d in range(HONOURS // per_decision):
        decision = Decision.objects.create(
            number=f"{d + 1}/QĐ-STP",
            date=datetime.date(2016 + d % 10, 1 + d % 12, 1 + d % 28),
            authority="department",
            issuing_body="Sở Tư pháp tỉnh Đồng Tháp",
        )
        batch = []
        for i in range(per_decision):
            unit = rng.choice(units)
            if i % 10 == 0:
                honour = Honour(decision=decision, recipient_kind="collective", unit=unit, award=collective)
            else:
                honour = Honour(
                    decision=decision,
                    recipient_kind="individual",
                    person_name=person(rng),
                    position="Chuyên viên",
                    unit=unit,
                    award=individual if i % 3 else certificate,
                )
            honour.sort_order = i
            honour.fill_copies(decision)
            batch.append(honour)
        Honour.objects.bulk_create(batch, batch_size=2000)
        refresh_counts([decision.pk])  # as the import does after its bulk_create
    return units


def timed(client, pages):
    """Median time and queries of each (label, url, params), the pages requested in turn each round,
    so that a slower moment of the machine weighs on every page alike rather than on one."""
    samples = {label: [] for label, _url, _params in pages}
    for _label, url, params in pages:
        assert client.get(url, params).status_code == 200, (url, params)
    for _ in range(ROUNDS):
        for label, url, params in pages:
            start = time.perf_counter()
            client.get(url, params)
            samples[label].append(time.perf_counter() - start)
    results = []
    for label, url, params in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, params)
        results.append((label, statistics.median(samples[label]), len(ctx.captured_queries)))
    return results


def import_rate(rng, units):
    from openpyxl import Workbook

    from thidua_wagtail.models import Decision
    from thidua_wagtail.spreadsheets import import_honours, read_rows

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng", "Thành tích", "Truy tặng"]
    )
    for i in range(IMPORT_ROWS):
        sheet.append(
            ["Cá nhân", f"{person(rng)} {i}", "Chuyên viên", rng.choice(units).name, "Lao động tiên tiến", "", ""]
        )
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    decision = Decision.objects.create(
        number="9999/QĐ-STP", date=datetime.date(2025, 12, 1), authority="department", issuing_body="Sở Tư pháp"
    )
    start = time.perf_counter()
    result = import_honours(decision, read_rows(data, 50 * 1024 * 1024))
    elapsed = time.perf_counter() - start
    assert not result.errors and result.created == IMPORT_ROWS, result.errors[:3]
    return IMPORT_ROWS / elapsed, elapsed


def main():
    # No setup_test_environment(): its template instrumentation would weigh on every page measured.
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from baseline import plain_article_url
        from django.test import Client

        from news.demo import load_demo
        from thidua_wagtail.models import HonourRollPage, PlanPage

        rng = random.Random(2021)
        load_demo()
        started = time.perf_counter()
        units = load_honours(rng)
        # A production database is vacuumed and analysed by autovacuum; a fresh bulk load is neither yet,
        # so PostgreSQL would read every heap page for its visibility and plan without statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"database: {connection.vendor}; {HONOURS} honours loaded in {time.perf_counter() - started:.1f} s")
        client = Client()
        roll = HonourRollPage.objects.get(locale__language_code="vi").url
        pages = [
            ("plain Wagtail page (news article)", plain_article_url(), None),
            ("honour roll, page 1", roll, None),
            ("honour roll, name search", roll, {"q": "nguyen van an"}),
            ("honour roll, unit + year filters", roll, {"unit": units[3].pk, "year_from": 2020, "year_to": 2022}),
            ("honour roll, page 500", roll, {"page": 500}),
            ("plan 599/KH-STP", PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi").url, None),
        ]
        print(f"median of {ROUNDS} rounds, each page requested once per round")
        for heading, alias in (("THIDUA_CACHE off", None), ('THIDUA_CACHE = "default" (local memory)', "default")):
            caches["default"].clear()
            with override_settings(THIDUA_CACHE=alias):
                results = timed(client, pages)
            print(heading)
            base = results[0][1]
            for label, median, queries in results:
                print(f"  {label:36s} {median * 1000:8.2f} ms  {median / base:5.2f}x  {queries:3d} queries")
        rate, elapsed = import_rate(rng, units)
        print(f"import of a {IMPORT_ROWS}-row XLSX: {elapsed:.2f} s, {rate:,.0f} rows/s")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
