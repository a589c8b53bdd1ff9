"""Every public page of the package, and the host's article and home page that embed its blocks and panels, timed
as a ratio to a plain page of the example portal measured in the same run, at growing numbers of honours.

    .venv/bin/python bench/scale.py                                   # SQLite: 1,000 and 50,000 honours
    bash scripts/with-postgres.sh .venv/bin/python bench/scale.py --sizes 1000 50000 1000000
    BENCH_CACHE_URL=redis://127.0.0.1:6379/0 …                       # the cache on Redis rather than in memory
    PG_PREPARE_THRESHOLD=none …                                       # Django's default: no prepared statement

For each size the register is grown to that many honours (decisions of 500, names drawn from common Vietnamese
names, and a probe of 60 honours of one unit and one name that every size holds, so that the pages filtered by them
show the same rows at every size), then every page is requested once per round, in turn, for ``--warmup`` untimed
rounds (a warm worker) and ``--rounds`` timed ones (interleaved, so that a slow moment of the machine weighs on all
pages alike), with the package's cache off and on. Printed per page: the median time, its ratio to the plain page,
and the SQL queries of one request. Targets (issue 12): at most 1.5x with the cache off and 1.1x with it on, at most
the plain page's queries + 8, and a ratio at the largest size at most 1.1 times the ratio at the smallest; beside
that growth, the time each page spends in the database's calls at each size (the driver's execute: on PostgreSQL it
fetches the rows too). ``--markdown`` prints the tables for docs/deployment.md.
"""

from __future__ import annotations

import argparse
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

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Đức", "Kim", "Hoài"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Hương", "Khánh", "Lan", "Nam", "Phúc", "Tâm", "Vy", "Yến", "Sơn"]
PER_DECISION = 500

# "--names realistic" (the default): names as a register holds them. Family names weighted as in Vietnam's
# population (Nguyễn about 38%), "Văn" and "Thị" the usual middle names, two in four-word names (four in ten), and
# sixty given names: about 150,000 different names in a million honours, each held by a few honours, as a person is
# honoured year after year. "--names few" draws from the fourteen, ten and fourteen above (1,960 names), as the
# benchmark did before migration 0022; its tables in docs/deployment.md came from that.
REAL_FAMILY = {
    "Nguyễn": 38,
    "Trần": 11,
    "Lê": 9.5,
    "Phạm": 7,
    "Huỳnh": 5,
    "Hoàng": 5,
    "Phan": 4.5,
    "Võ": 3.9,
    "Vũ": 3.9,
    "Đặng": 2.1,
    "Bùi": 2,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1,
    "Lý": 0.5,
}
REAL_MIDDLE = {"Văn": 25, "Thị": 25, "Minh": 5, "Thanh": 5, "Ngọc": 5, "Hữu": 4, "Quốc": 4, "Đức": 4, "Kim": 3}
REAL_MIDDLE |= dict.fromkeys(["Hoài", "Thu", "Hồng", "Xuân", "Bảo", "Gia", "Hải", "Mỹ", "Phương", "Quang", "Anh"], 2)
REAL_SECOND = ["Thu", "Hồng", "Xuân", "Bích", "Diệu", "Kiều", "Mai", "Như", "Tuyết", "Cẩm"]
REAL_SECOND += ["Minh", "Ngọc", "Thanh", "Hoài", "Bảo", "Gia", "Hải", "Quang", "Trung", "Đình"]
REAL_GIVEN = [*GIVEN, "Anh", "Bảo", "Châu", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hùng", "Huy", "Khoa"]
REAL_GIVEN += ["Linh", "Loan", "Long", "Mai", "Minh", "My", "Nga", "Ngân", "Nhung", "Phong", "Phương", "Quân"]
REAL_GIVEN += ["Quyên", "Tài", "Thắng", "Thảo", "Thành", "Thịnh", "Thư", "Thủy", "Tiến", "Trang", "Trung", "Tú"]
REAL_GIVEN += ["Tuấn", "Tùng", "Uyên", "Việt", "Vinh", "Xuân", "Duy", "Hậu", "Kiên", "Lộc"]


def person_name(rng, kind):
    if kind == "few":
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    family = rng.choices(list(REAL_FAMILY), weights=list(REAL_FAMILY.values()))[0]
    middle = rng.choices(list(REAL_MIDDLE), weights=list(REAL_MIDDLE.values()))[0]
    second = f" {rng.choice(REAL_SECOND)}" if rng.random() < 0.4 else ""
    return f"{family} {middle}{second} {rng.choice(REAL_GIVEN)}"


def grow_register(rng, target, state):
    """Add honours until the register holds ``target``, in decisions of 500 spread over 2016–2026."""
    from thidua_wagtail.models import AwardType, Decision, Honour, Unit

    try:
        from thidua_wagtail.models.counts import refresh_counts
    except ImportError:  # a version of the package before the kept counts (issue 12, item 2)
        refresh_counts = None
    if "units" not in state:
        department = Unit.objects.get(name="Sở Tư pháp tỉnh Đồng Tháp", locale__language_code="vi")
        state["units"] = [Unit.objects.create(name=f"Đơn vị thử nghiệm {i}", parent=department) for i in range(50)]
        state["awards"] = {
            code: AwardType.objects.get(code=code, locale__language_code="vi")
            for code in ("lao-dong-tien-tien", "tap-the-lao-dong-tien-tien", "giay-khen")
        }
        state["probe"] = _probe(department, state["awards"]["lao-dong-tien-tien"])
        if refresh_counts is not None:
            refresh_counts([state["probe"]["decision"]])
        state["count"] = Honour.objects.count()
    units, awards = state["units"], state["awards"]
    while state["count"] < target:
        n = min(PER_DECISION, target - state["count"])
        number = state["count"] // PER_DECISION
        day = datetime.date(2016 + number % 11, 1 + number % 12, 1 + number % 28)
        decision = Decision.objects.create(
            number=f"{number}/QĐ-BENCH", date=day, authority="department", issuing_body="Sở Tư pháp", status="awarded"
        )
        batch = []
        for i in range(n):
            unit = rng.choice(units)
            collective = i % 10 == 0
            name = "" if collective else person_name(rng, state.get("names", "realistic"))
            award = awards[
                "tap-the-lao-dong-tien-tien" if collective else rng.choice(("lao-dong-tien-tien", "giay-khen"))
            ]
            batch.append(_honour(decision, i, unit, award, name))
        Honour.objects.bulk_create(batch, batch_size=5000)
        state["last_decision"] = decision.pk
        if refresh_counts is not None:
            refresh_counts([decision.pk])  # as the import does after its bulk_create
        state["count"] += n
    with connection.cursor() as cursor:
        # A production database is vacuumed and analysed by autovacuum; a fresh bulk load is neither yet.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    try:
        from thidua_wagtail.search import refresh_name_statistics
    except ImportError:  # a version of the package before migration 0022
        return
    # What `manage.py thidua_rebuild_name_index` does for a site after a bulk load (docs/honours.md).
    refresh_name_statistics(connection)


def _honour(decision, sort_order, unit, award, name):
    """An awarded honour of ``decision`` as the import writes it, its copies filled: an individual's, or with no
    ``name`` the unit's own (a collective)."""
    from thidua_wagtail.models import Honour
    from thidua_wagtail.text import fold

    return Honour(
        decision=decision,
        recipient_kind="individual" if name else "collective",
        person_name=name,
        position="Chuyên viên" if name else "",
        unit=unit,
        award=award,
        sort_order=sort_order,
        decision_date=decision.date,
        decision_authority="department",
        decision_status="awarded",
        decision_commendation_type="merit",
        unit_name=unit.name,
        search_name=fold(name or unit.name),
    )


#: The probe: honours that every size holds, the same ones, so that a page showing them shows the same rows whatever
#: the register around them. A unit of its own, and a name that none of the drawn names contains ("Lưu" is not among
#: the family names, "Mẫu" not among the given ones).
PROBE_NAME, PROBE_HONOURS = "Lưu Thị Mẫu", 60


def _probe(department, award):
    from thidua_wagtail.models import Decision, Honour, Unit

    unit = Unit.objects.create(name="Đơn vị đối chứng", parent=department)
    day = datetime.date(2021, 6, 15)
    decision = Decision.objects.create(
        number="1/QĐ-DOICHUNG", date=day, authority="department", issuing_body="Sở Tư pháp", status="awarded"
    )
    Honour.objects.bulk_create(_honour(decision, i, unit, award, PROBE_NAME) for i in range(PROBE_HONOURS))
    return {"unit": unit.pk, "decision": decision.pk}


def pages_to_time(state):
    from baseline import plain_article_url

    from thidua_wagtail.models import EmulationIndexPage, HonourRollPage, MovementPage, PlanPage

    hub = EmulationIndexPage.objects.get(locale__language_code="vi")
    roll = HonourRollPage.objects.get(locale__language_code="vi").url
    deep = max(1, state["count"] // 50 // 2)
    return [
        ("plain page (news article)", plain_article_url(), None),
        ("host article with the package's blocks", "/vi/tin-tuc/phat-dong-phong-trao-thi-dua-2021-2025/", None),
        ("host news item with a decision's honours", "/vi/tin-tuc/khen-thuong-dot-1-minh-hoa/", None),
        ("host home page with the package's panels", "/vi/", None),
        ("hub", hub.url, None),
        ("plan 599/KH-STP", PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi").url, None),
        (
            "sample plan under way",
            PlanPage.objects.get(slug="ke-hoach-thi-dua-minh-hoa", locale__language_code="vi").url,
            None,
        ),
        ("movement", MovementPage.objects.filter(locale__language_code="vi").order_by("pk").first().url, None),
        ("roll, page 1", roll, None),
        ("roll, a middle page", roll, {"page": deep}),
        ("roll, unit and years", roll, {"unit": state["units"][3].pk, "year_from": 2020, "year_to": 2022}),
        ("roll, name search", roll, {"q": "nguyen van an"}),
        # A middle name and a given name found together in about one honour in 140, of trigrams found in every other
        # name: the trigram index's hardest case.
        ("roll, common-name search", roll, {"q": "thi hoa"}),
        # Two honours in five: found at once, walking the roll in order.
        ("roll, family-name search", roll, {"q": "nguyen"}),
        ("roll, two-letter search", roll, {"q": "an"}),
        # The same rows at every size (the probe above): what grows here is the register's cost, not the page's.
        (
            "roll, the probe's unit and years",
            roll,
            {"unit": state["probe"]["unit"], "year_from": 2020, "year_to": 2022},
        ),
        ("roll, the probe's name", roll, {"q": "luu thi mau"}),
        ("roll, one-letter search", roll, {"q": "a"}),
        # Issue 13: the decisions' listing and pages, the section's feed and calendar.
        ("decisions, page 1", roll + "decisions/", None),
        ("decisions, searched by a name", roll + "decisions/", {"q": "nguyen van an"}),
        ("decisions, the probe's name", roll + "decisions/", {"q": "luu thi mau"}),
        ("decision of 500 honours, page 5", f"{roll}decisions/{state['last_decision']}/", {"page": 5}),
        ("section feed (RSS)", hub.url + "feed/rss/", None),
        ("section calendar", hub.url + "calendar/", None),
        # Issue 13, item 4: the JSON API.
        ("API: plans", "/api/thidua/plans/", None),
        ("API: decisions", "/api/thidua/decisions/", None),
        ("API: honours", "/api/thidua/honours/", None),
        ("API: honours, a middle offset", "/api/thidua/honours/", {"offset": state["count"] // 2}),
        ("API: honours, name search", "/api/thidua/honours/", {"q": "nguyen van an"}),
        ("API: honours, the probe's name", "/api/thidua/honours/", {"q": "luu thi mau"}),
        ("API: totals of ten years", "/api/thidua/totals/", None),
    ]


def timed(client, pages, rounds, warmup):
    """{label: (median seconds, queries of one request, median seconds spent in the database's calls)}."""
    samples = {label: [] for label, _url, _params in pages}
    in_sql = {label: [] for label, _url, _params in pages}
    for label, url, params in pages:
        response = client.get(url, params)
        assert response.status_code == 200, (label, url, response.status_code)
    # A worker of a portal soon has served each page many times: its caches are warm, and PostgreSQL has prepared
    # and planned the package's queries once for all (prepared at their first run, then five custom plans: see
    # docs/deployment.md, "Database connections"). Untimed, interleaved like the rounds that follow.
    for _ in range(warmup):
        for _label, url, params in pages:
            client.get(url, params)
    spent = [0.0]

    def database(execute, sql, params, many, context):
        # The time in the driver's execute (on PostgreSQL, the rows are fetched there too; on SQLite, after it).
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - start

    with connection.execute_wrapper(database):
        for _ in range(rounds):
            for label, url, params in pages:
                spent[0] = 0.0
                start = time.perf_counter()
                client.get(url, params)
                samples[label].append(time.perf_counter() - start)
                in_sql[label].append(spent[0])
    results = {}
    for label, url, params in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, params)
        results[label] = (
            statistics.median(samples[label]),
            len(ctx.captured_queries),
            statistics.median(in_sql[label]),
        )
    return results


def cache_settings():
    url = os.environ.get("BENCH_CACHE_URL")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}, "local memory"
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}, url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 50000])
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "30")))
    parser.add_argument("--warmup", type=int, default=12, help="untimed rounds first (a warm worker)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--names", choices=("realistic", "few"), default="realistic", help="see REAL_FAMILY above")
    args = parser.parse_args()
    if connection.vendor == "postgresql":
        # As the example portal runs PostgreSQL in production (docs/deployment.md, "Database connections"): the
        # package's compiled queries prepared on a connection at their first run. PG_PREPARE_THRESHOLD=none measures
        # Django's default, which prepares nothing.
        threshold = os.environ.get("PG_PREPARE_THRESHOLD", "5")
        threshold = None if threshold.lower() == "none" else int(threshold)
        connection.settings_dict.setdefault("OPTIONS", {})["prepare_threshold"] = threshold
        print(f"postgresql: prepare_threshold = {threshold}")
    old_name = connection.creation.create_test_db(verbosity=0)
    caches_config, cache_label = cache_settings()
    table = {}
    try:
        from django.test import Client

        from news.demo import load_demo

        load_demo(english=False)
        rng, state = random.Random(2026), {"names": args.names}
        client = Client()
        for size in sorted(args.sizes):
            started = time.perf_counter()
            grow_register(rng, size, state)
            print(f"{connection.vendor}: {state['count']:,} honours ({time.perf_counter() - started:.0f} s to load)")
            pages = pages_to_time(state)
            for mode, alias in (("cache off", None), ("cache on", "default")):
                # The API's rate limit is for visitors, not for the benchmark's thousands of requests.
                with override_settings(CACHES=caches_config, THIDUA_CACHE=alias, THIDUA_API_RATE=None):
                    caches["default"].clear()
                    results = timed(client, pages, args.rounds, args.warmup)
                base, base_queries, _base_sql = results[pages[0][0]]
                print(
                    f"  {mode} ({cache_label if alias else 'THIDUA_CACHE = None'}), median of {args.rounds} "
                    f"after {args.warmup} untimed rounds"
                )
                for label, (median, queries, sql) in results.items():
                    table.setdefault((label, mode), {})[size] = (median / base, queries - base_queries, sql)
                    print(
                        f"    {label:44s} {median * 1000:8.2f} ms {median / base:6.2f}x {queries:4d} queries"
                        f" {sql * 1000:6.2f} ms of them in the database"
                    )
        if args.markdown:
            sizes = sorted(args.sizes)
            print(f"\n| page ({connection.vendor}) | " + " | ".join(f"{s:,}: off / on" for s in sizes) + " |")
            print("|---|" + "---|" * len(sizes))
            labels = list(dict.fromkeys(label for label, _mode in table))
            for label in labels:
                cells = []
                for size in sizes:
                    off, on = table[(label, "cache off")][size], table[(label, "cache on")][size]
                    cells.append(f"{off[0]:.2f}× ({off[1]:+d}) / {on[0]:.2f}× ({on[1]:+d})")
                print(f"| {label} | " + " | ".join(cells) + " |")
            print("\n(ratio to the plain page, and in brackets the queries beyond its own)")
            if len(sizes) > 1:
                # The growth criterion, and what of it the database's calls explain: a page that shows more rows
                # at the larger size renders them too, which is not a cost of the register's size.
                first, last = sizes[0], sizes[-1]
                print(
                    f"\n| page ({connection.vendor}, cache off) | ratio at {last:,} / at {first:,} | "
                    + " | ".join(f"in the database at {s:,}" for s in sizes)
                    + " |"
                )
                print("|---|---|" + "---|" * len(sizes))
                for label in labels:
                    row = table[(label, "cache off")]
                    growth = row[last][0] / row[first][0]
                    cells = " | ".join(f"{row[s][2] * 1000:.2f} ms" for s in sizes)
                    print(f"| {label} | {growth:.2f} | {cells} |")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
