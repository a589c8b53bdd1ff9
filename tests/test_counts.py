"""Totals without scanning the register (issue 12, item 2): the counts the package keeps equal a direct count of the
honours after every kind of write an editor or the import makes, on a random register."""

import datetime
import io
import random
from collections import Counter

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import make_decision, make_unit
from thidua_wagtail.models import AwardType, Decision, Honour, HonourCount
from thidua_wagtail.models.amendments import amend_honours
from thidua_wagtail.models.counts import KEY, rebuild_counts
from thidua_wagtail.stats import period_totals

pytestmark = pytest.mark.django_db

AWARDS = {"department": ["giay-khen", "lao-dong-tien-tien"], "province": ["bang-khen-cua-bo-ban-nganh-tinh"]}


def direct_count():
    """The honours counted one by one, as the kept counts must say."""
    counted = Counter()
    for honour in Honour.objects.all():
        key = (
            honour.decision_date.year,
            honour.decision_authority,
            honour.decision_status,
            honour.recipient_kind,
            honour.award_id,
            honour.decision_commendation_type,
        )
        counted[key] += 1
    return counted


def kept_count():
    return Counter({tuple(row[:-1]): row[-1] for row in HonourCount.objects.values_list(*KEY, "count") if row[-1]})


def honour_data(rng, authority):
    kind = rng.choice(["individual", "individual", "collective"])
    code = rng.choice(AWARDS[authority])
    if kind == "collective" and code == "lao-dong-tien-tien":
        code = "giay-khen"
    return {
        "recipient_kind": kind,
        "person_name": f"Người {rng.randrange(10**6)}" if kind == "individual" else "",
        "unit_text": f"Tập thể {rng.randrange(10**6)}" if kind == "collective" else "",
        "award": AwardType.objects.get(code=code),
    }


def test_the_kept_counts_equal_a_direct_count_after_every_kind_of_write(editor):
    rng = random.Random(20261206)
    unit = make_unit("Văn phòng Sở", kind="division")
    decisions = []
    for i in range(8):
        authority = rng.choice(["department", "province"])
        decisions.append(
            make_decision(
                number=f"{i}/QĐ",
                date=datetime.date(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), 10),
                authority=authority,
                status=rng.choice(["awarded", "awarded", "proposed"]),
                honours=[honour_data(rng, authority) for _ in range(rng.randint(0, 12))],
            )
        )
    assert kept_count() == direct_count()
    done = Counter()
    for step in range(60):
        decision = rng.choice(decisions)
        decision.refresh_from_db()
        action = rng.choice(["add", "edit", "move", "delete", "decision", "import", "revoke", "bulk_delete"])
        if action == "add":
            Honour.objects.create(decision=decision, unit=unit, **honour_data(rng, decision.authority))
        elif action == "edit" and decision.honours.exists():
            honour = rng.choice(list(decision.honours.all()))
            honour.recipient_kind = "individual"
            honour.person_name = f"Đổi {step}"
            honour.award = AwardType.objects.get(code=rng.choice(AWARDS[decision.authority]))
            honour.save()
        elif action == "move" and decision.honours.exists():
            same_level = [d for d in decisions if d.authority == decision.authority and d.pk != decision.pk]
            if same_level:
                honour = rng.choice(list(decision.honours.all()))
                honour.decision = rng.choice(same_level)
                honour.save()
        elif action == "delete" and decision.honours.exists():
            rng.choice(list(decision.honours.all())).delete()
        elif action == "decision":
            decision.date = datetime.date(rng.choice([2023, 2024, 2025]), 6, 1)
            decision.status = rng.choice(["awarded", "proposed"])
            decision.commendation_type = rng.choice(["merit", "phase_or_theme"])
            decision.save()
        elif action == "import" and decision.status == "awarded" and decision.authority == "department":
            workbook = Workbook()
            sheet = workbook.active
            sheet.append(["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng"])
            for n in range(rng.randint(1, 5)):
                sheet.append(["Cá nhân", f"Nhập {step}-{n}", "", "Văn phòng Sở", "Giấy khen"])
            data = io.BytesIO()
            workbook.save(data)
            data.name = "ds.xlsx"
            data.seek(0)
            editor.post(reverse("thidua_import_honours", args=(decision.pk,)), {"file": data})
        elif action == "revoke" and decision.status == "awarded" and decision.honours.exists():
            later = make_decision(
                number=f"R{step}/QĐ",
                date=decision.date + datetime.timedelta(days=30),
                authority=decision.authority,
                amendment="revokes",
                amends=decision,
                amendment_scope="some",
            )
            amend_honours(later, rng.sample(list(decision.honours.all()), 1))
            if rng.random() < 0.5:
                later.delete()  # the revoked honour is awarded again
        elif action == "bulk_delete" and decision.honours.count() > 1:
            chosen = rng.sample(list(decision.honours.all()), 2)
            url = reverse("wagtail_bulk_action", args=("thidua_wagtail", "honour", "delete"))
            editor.post(f"{url}?id={chosen[0].pk}&id={chosen[1].pk}")
        done[action] += 1
        assert kept_count() == direct_count(), (step, action)
    # Every kind of write was drawn (seed 20261206: each several times).
    assert len(done) == 8
    # A decision deleted takes its honours and its counts with it (revoking decisions first: they protect theirs).
    for later in Decision.objects.filter(number__startswith="R"):
        later.delete()
        assert kept_count() == direct_count()
    for decision in decisions[:3]:
        Decision.objects.get(pk=decision.pk).delete()
        assert kept_count() == direct_count()
    # Rebuilding from scratch finds what was kept.
    kept = kept_count()
    rebuild_counts()
    assert kept_count() == kept == direct_count()


def test_the_totals_read_the_kept_counts_with_one_query_whatever_the_register(django_assert_num_queries):
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    decision = make_decision(date=datetime.date(2024, 3, 1))
    Honour.objects.bulk_create(
        [Honour(decision=decision, person_name=f"N {i}", award=award, decision_date=decision.date,
                decision_authority="department", decision_status="awarded") for i in range(3000)]
    )  # fmt: skip
    rebuild_counts()
    with CaptureQueriesContext(connection) as queries:
        totals = period_totals(2021, 2025)
    assert totals.own.individuals == 3000
    # The kept counts and the tallies: two queries, neither on the honours table.
    assert len(queries.captured_queries) == 2
    assert not any('thidua_wagtail_honour"' in q["sql"] or "thidua_wagtail_honour " in q["sql"] for q in queries)


def test_the_roll_counts_from_the_kept_counts_what_it_would_count_among_the_honours():
    from django.http import QueryDict

    from thidua_wagtail.filters import HonourRollFilterForm

    rng = random.Random(7)
    for i in range(12):
        authority = rng.choice(["department", "province"])
        make_decision(
            number=f"{i}/QĐ",
            date=datetime.date(rng.choice([2022, 2023, 2024]), 5, 1),
            authority=authority,
            commendation_type=rng.choice(["merit", "phase_or_theme"]),
            honours=[honour_data(rng, authority) for _ in range(rng.randint(1, 6))],
        )
    make_decision(number="P/QĐ", authority="province", status="proposed", honours=[honour_data(rng, "province")])
    giay_khen = AwardType.objects.get(code="giay-khen").pk
    queries = ["", "year_from=2023", "year_to=2023&year_from=2023", f"award={giay_khen}", "authority=province"]
    queries += ["kind=collective&year_from=2024", "commendation_type=phase_or_theme", "q=nguoi", "year_from=abc"]
    for query in queries:
        form = HonourRollFilterForm(QueryDict(query) if query else None)
        honours = form.filter(Honour.objects.all())
        counted_from_counts = set(form._valid_data()) <= {"year_from", "year_to", "award", "authority", "kind",
                                                         "commendation_type"}  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            number = form.count(honours)
        assert number == honours.count(), query
        on_the_honours = any('"thidua_wagtail_honour"' in q["sql"] for q in captured.captured_queries)
        assert on_the_honours != counted_from_counts, query


def test_a_filtered_roll_s_count_reads_an_index_not_the_whole_table():
    from django.http import QueryDict

    from thidua_wagtail.filters import HonourRollFilterForm

    units = [make_unit(f"Đơn vị {i}", kind="division") for i in range(40)]
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    decision = make_decision(date=datetime.date(2024, 3, 1))
    Honour.objects.bulk_create(
        [Honour(decision=decision, person_name=f"N {i}", award=award, unit=units[i % 40], unit_name="x",
                decision_date=decision.date, decision_authority="department", decision_status="awarded")
         for i in range(8000)]
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    form = HonourRollFilterForm(QueryDict(f"unit={units[3].pk}"))
    honours = form.filter(Honour.objects.all())
    # The query the roll makes for its count, as the database receives it.
    with CaptureQueriesContext(connection) as queries:
        assert form.count(honours) == 200
    sql = queries.captured_queries[-1]["sql"]
    params = ()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "USING COVERING INDEX" in plan or "USING INDEX" in plan, plan
            assert "SCAN thidua_wagtail_honour " not in plan + " ", plan
        else:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan and "Seq Scan on thidua_wagtail_honour" not in plan, plan


def test_every_page_of_the_whole_roll_found_through_the_kept_counts_is_the_page_the_index_gives(monkeypatch):
    from django.http import QueryDict

    from thidua_wagtail.filters import ROLL_ORDER, HonourRollFilterForm

    # Seek through the kept counts from the first row on (by default, only beyond the first SEEK_FROM rows).
    monkeypatch.setattr("thidua_wagtail.filters.SEEK_FROM", 0)

    rng = random.Random(11)
    for i in range(18):
        make_decision(
            number=f"{i}/QĐ",
            # Several decisions share a day; a page runs on from one year into the next.
            date=datetime.date(rng.choice([2022, 2023, 2024, 2024]), rng.randint(1, 3), rng.randint(1, 5)),
            status=rng.choice(["awarded", "awarded", "awarded", "proposed"]),
            honours=[honour_data(rng, "department") for _ in range(rng.randint(0, 9))],
        )
    revoked = Honour.objects.filter(decision_status="awarded").first()
    later = make_decision(number="R/QĐ", date=datetime.date(2025, 1, 1), amendment="revokes",
                          amends=revoked.decision, amendment_scope="some")  # fmt: skip
    amend_honours(later, [revoked])
    form = HonourRollFilterForm(None)
    honours = form.filter(Honour.objects.all())
    expected = list(honours.order_by(*ROLL_ORDER).values_list("pk", flat=True))
    assert revoked.pk not in expected and len(expected) > 20
    assert {2022, 2023, 2024} <= set(honours.values_list("decision_date__year", flat=True))
    # With the cache on, the running totals are kept and bisected; off, the database finds the decision each time.
    for cache in (True, False):
        with override_settings(**({} if cache else {"THIDUA_CACHE": None})):
            for offset in range(0, len(expected) + 3):
                for size in (1, 4, 7):
                    found = form.page_keys(honours, offset, size)
                    assert found == expected[offset : offset + size], (cache, offset, size)
    # The kept running totals follow a new decision at once.
    make_decision(number="M/QĐ", date=datetime.date(2024, 2, 3), honours=[honour_data(rng, "department")] * 3)
    expected = list(honours.order_by(*ROLL_ORDER).values_list("pk", flat=True))
    assert [form.page_keys(honours, offset, 5) for offset in range(len(expected))] == [
        expected[offset : offset + 5] for offset in range(len(expected))
    ]
    # A filtered roll pages on its index, as before.
    filtered = HonourRollFilterForm(QueryDict("kind=collective"))
    found = filtered.filter(Honour.objects.all())
    assert filtered.page_keys(found, 1, 3) == list(found.order_by(*ROLL_ORDER).values_list("pk", flat=True)[1:4])


def test_a_search_matching_more_than_the_limit_says_so_and_pages_through_the_limit(client, settings):
    from tests.factories import make_hub
    from thidua_wagtail.models import HonourRollPage

    settings.THIDUA_ROLL_COUNT_LIMIT = 30
    hub = make_hub()
    roll = HonourRollPage(title="Danh sách", slug="danh-sach")
    hub.add_child(instance=roll)
    make_decision(honours=[{"person_name": f"Nguyễn Văn {i}", "award": "giay-khen"} for i in range(40)])
    from tests.utils import text_of

    text = text_of(client.get(roll.url, {"q": "nguyen"}))
    assert "Hơn 30 lượt khen thưởng: thu hẹp bộ lọc để xem hết" in text
    assert "40 lượt khen thưởng" in text_of(client.get(roll.url))  # the whole roll is counted exactly
    # Under the limit, the count is exact: as many as the rows listed.
    narrowed = client.get(roll.url, {"q": "nguyen van 1"})
    shown = len(narrowed.context["page_obj"].object_list)
    assert 0 < shown < 30 and f"{shown} lượt khen thưởng" in text_of(narrowed) and "Hơn" not in text_of(narrowed)


def test_a_search_by_name_is_counted_and_paged_from_one_reading_of_the_name_index(client, settings):
    from tests.factories import make_hub
    from tests.utils import text_of
    from thidua_wagtail.filters import ROLL_ORDER
    from thidua_wagtail.models import HonourRollPage

    settings.THIDUA_ROLL_SEARCH_LIMIT = 12
    settings.THIDUA_ROLL_PAGE_SIZE = 5
    settings.THIDUA_CACHE = None  # what every visitor's first search costs
    hub = make_hub()
    roll = HonourRollPage(title="Danh sách", slug="danh-sach")
    hub.add_child(instance=roll)
    make_decision(
        number="1/QĐ",
        date=datetime.date(2023, 1, 5),
        honours=[{"person_name": f"Trần Thị Hoa {i}", "award": "giay-khen"} for i in range(9)],
    )
    make_decision(
        number="2/QĐ",
        date=datetime.date(2024, 1, 5),
        honours=[{"person_name": f"Lê Văn Nam {i}", "award": "giay-khen"} for i in range(20)],
    )
    expected = list(
        Honour.objects.filter(search_name__contains="tran thi hoa").order_by(*ROLL_ORDER).values_list("pk", flat=True)
    )
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(roll.url, {"q": "Trần Thị Hoa", "page": 2})
    honour_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "thidua_wagtail_honour"' in q["sql"]]
    # One reading of the matches, one of the page's rows: no count of its own.
    assert len(honour_queries) == 2 and not any("COUNT(" in sql for sql in honour_queries)
    shown = [row["pk"] for row in response.context["page_obj"].object_list]
    assert shown == expected[5:9]
    assert "9 lượt khen thưởng" in text_of(response) and "XLSX" in text_of(response)
    # Beyond the limit the roll says so, pages through that many and offers the CSV only.
    capped = client.get(roll.url, {"q": "nam", "page": 3})
    text = text_of(capped)
    assert "Hơn 12 lượt khen thưởng: thu hẹp bộ lọc để xem hết" in text
    assert capped.context["page_obj"].paginator.num_pages == 3 and len(capped.context["page_obj"].object_list) == 2
    assert "XLSX chứa tối đa" in text
