"""A bounded load on the portal served as in production: throughput and latency percentiles, and errors.

    bash scripts/with-postgres.sh .venv/bin/python bench/load.py                       # 5,000 requests, 20 at a time
    bash scripts/with-postgres.sh .venv/bin/python bench/load.py --requests 20000 --concurrency 50
    .venv/bin/python bench/load.py --base-url http://127.0.0.1:8000                   # a portal already served

Without ``--base-url`` the demo portal is served on loopback (scripts/portal_stack.py): a new PostgreSQL database,
Redis as the package's cache, one gunicorn process of ``--workers`` workers, with 50,000 honours added to the
demo's. The requests cycle over the hub, a plan, the honour roll (page 1, a middle page, a name search, a unit and
years), a host article that embeds the package's blocks, the home page with its panels, and the roll's CSV export
of one unit; each answer must be 200. Printed: requests per second, the 50th, 95th and 99th percentiles per page
and in all, and the errors (target: none).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

HONOURS = (
    "import datetime, random\n"
    "from thidua_wagtail.models import AwardType, Decision, Honour, Unit\n"
    "from thidua_wagtail.models.counts import refresh_counts\n"
    "from thidua_wagtail.text import fold\n"
    "rng = random.Random(7)\n"
    "units = list(Unit.objects.filter(locale__language_code='vi', valid_until__isnull=True))\n"
    "award = AwardType.objects.get(code='lao-dong-tien-tien', locale__language_code='vi')\n"
    "family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi']\n"
    "given = ['Văn An', 'Thị Hoa', 'Minh Tâm', 'Thanh Bình', 'Ngọc Lan', 'Quốc Bảo']\n"
    "for d in range({count} // 500):\n"
    "    day = datetime.date(2016 + d % 10, 1 + d % 12, 10)\n"
    "    decision = Decision.objects.create(number=f'{{d}}/QĐ-TAI', date=day, authority='department',\n"
    "        issuing_body='Sở Tư pháp')\n"
    "    batch = []\n"
    "    for i in range(500):\n"
    "        unit, name = rng.choice(units), f'{{rng.choice(family)}} {{rng.choice(given)}}'\n"
    "        batch.append(Honour(decision=decision, person_name=name, unit=unit, award=award, sort_order=i,\n"
    "            decision_date=day, decision_authority='department', decision_status='awarded',\n"
    "            decision_commendation_type='merit', unit_name=unit.name, search_name=fold(name)))\n"
    "    Honour.objects.bulk_create(batch)\n"
    "    refresh_counts([decision.pk])\n"
    "print(Unit.objects.get(name='Văn phòng Sở', locale__language_code='vi').pk)\n"
)


def pages(unit):
    roll = "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/"
    return [
        ("hub", "/vi/thi-dua-khen-thuong/"),
        ("plan", "/vi/thi-dua-khen-thuong/ke-hoach-599-kh-stp/"),
        ("roll, page 1", roll),
        ("roll, page 400", roll + "?page=400"),
        ("roll, name search", roll + "?q=nguyen+van+an"),
        ("roll, unit and years", roll + f"?unit={unit}&year_from=2018&year_to=2022"),
        ("host article with blocks", "/vi/tin-tuc/phat-dong-phong-trao-thi-dua-2021-2025/"),
        ("host home with panels", "/vi/"),
        ("roll export, one unit (CSV)", roll + f"export/csv/?unit={unit}&year_from=2025"),
    ]


def load(base, targets, requests, concurrency):
    latencies = {name: [] for name, _path in targets}
    errors = []
    counter = iter(range(requests))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            name, path = targets[index % len(targets)]
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError as error:
                status = repr(error)
            elapsed = time.perf_counter() - start
            with lock:
                latencies[name].append(elapsed)
                if status != 200:
                    errors.append((name, status))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, errors


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def report(elapsed, latencies, errors, requests, concurrency, label):
    everything = [value for values in latencies.values() for value in values]
    print(
        f"{label}: {requests:,} requests, {concurrency} at a time, in {elapsed:.1f} s: {requests / elapsed:,.0f} req/s"
    )
    print(f"  {'page':32s} {'p50':>8s} {'p95':>8s} {'p99':>8s}  (ms)")
    for name, values in [*latencies.items(), ("all", everything)]:
        cells = " ".join(f"{percentile(values, p) * 1000:8.1f}" for p in (50, 95, 99))
        print(f"  {name:32s} {cells}")
    print(f"  errors: {len(errors)}" + (f" (first: {errors[:5]})" if errors else ""))
    return not errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url")
    parser.add_argument("--unit", type=int, help="a unit's id for the filtered pages (with --base-url)")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--honours", type=int, default=50000)
    args = parser.parse_args()
    if args.base_url:
        elapsed, latencies, errors = load(args.base_url, pages(args.unit or 1), args.requests, args.concurrency)
        sys.exit(0 if report(elapsed, latencies, errors, args.requests, args.concurrency, args.base_url) else 1)

    from portal_stack import served

    found = {}

    def add_honours(stack):
        found["unit"] = int(stack.manage("shell", "--no-imports", code=HONOURS.format(count=args.honours)).split()[-1])

    with served("load", servers=1, workers=args.workers, setup=add_honours) as stack:
        targets = pages(found["unit"])
        load(stack.urls[0], targets, len(targets) * 2, 4)  # warm: every worker's connections, the cache
        elapsed, latencies, errors = load(stack.urls[0], targets, args.requests, args.concurrency)
        label = f"PostgreSQL + Redis + gunicorn ({args.workers} workers), {args.honours:,} honours added"
        ok = report(elapsed, latencies, errors, args.requests, args.concurrency, label)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
