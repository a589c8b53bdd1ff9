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
from thidua_wagtail.models import AwardType, Decision, Honour, HonourCount, UnitHonourCount
from thidua_wagtail.models.amendments import amend_honours
from thidua_wagtail.models.counts import KEY, UNIT_KEY, rebuild_counts, refresh_counts
from thidua_wagtail.stats import period_totals

pytestmark = pytest.mark.django_db

AWARDS = {"department": ["giay-khen", "lao-dong-tien-tien"], "province": ["bang-khen-cua-bo-ban-nganh-tinh"]}


def direct_count():
    """The honours counted one by one, as the kept counts must say: (the counts by level, award, kind and type, the
    counts by unit)."""
    counted, by_unit = Counter(), Counter()
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
        if honour.unit_id:
            by_unit[(honour.decision_date.year, honour.decision_status, honour.unit_id)] += 1
    return counted, by_unit


def kept_count():
    def kept(model, key):
        return Counter({tuple(row[:-1]): row[-1] for row in model.objects.values_list(*key, "count") if row[-1]})

    return kept(HonourCount, KEY), kept(UnitHonourCount, UNIT_KEY)


def honour_data(rng, authority, units=()):
    kind = rng.choice(["individual", "individual", "collective"])
    code = rng.choice(AWARDS[authority])
    if kind == "collective" and code == "lao-dong-tien-tien":
        code = "giay-khen"
    unit = rng.choice([None, *units])
    return {
        "recipient_kind": kind,
        "person_name": f"Người {rng.randrange(10**6)}" if kind == "individual" else "",
        "unit_text": f"Tập thể {rng.randrange(10**6)}" if kind == "collective" and unit is None else "",
        "unit": unit,
        "award": AwardType.objects.get(code=code),
    }


def test_the_kept_counts_equal_a_direct_count_after_every_kind_of_write(editor):
    rng = random.Random(20261206)
    units = [make_unit("Văn phòng Sở", kind="division"), make_unit("Thanh tra Sở", kind="division")]
    decisions = []
    for i in range(8):
        authority = rng.choice(["department", "province"])
        decisions.append(
            make_decision(
                number=f"{i}/QĐ",
                date=datetime.date(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), 10),
                authority=authority,
                status=rng.choice(["awarded", "awarded", "proposed"]),
                honours=[honour_data(rng, authority, units) for _ in range(rng.randint(0, 12))],
            )
        )
    assert kept_count() == direct_count()
    assert sum(kept_count()[1].values()) > 0
    done = Counter()
    for step in range(60):
        decision = rng.choice(decisions)
        decision.refresh_from_db()
        action = rng.choice(["add", "edit", "move", "delete", "decision", "import", "revoke", "bulk_delete"])
        if action == "add":
            Honour.objects.create(decision=decision, **honour_data(rng, decision.authority, units))
        elif action == "edit" and decision.honours.exists():
            honour = rng.choice(list(decision.honours.all()))
            honour.recipient_kind = "individual"
            honour.person_name = f"Đổi {step}"
            honour.unit = rng.choice(units)
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
    from wagtail.models import Locale

    from thidua_wagtail.filters import HonourRollFilterForm

    rng = random.Random(7)
    # A unit translated into English (an honour may name either), and one that became it.
    office = make_unit("Văn phòng Sở", kind="division")
    english = office.copy_for_translation(Locale.objects.create(language_code="en"))
    english.name = "Office of the Department"
    english.save()
    earlier = make_unit("Văn phòng Sở cũ", kind="division", successor=office)
    units = [office, english, earlier, make_unit("Thanh tra Sở", kind="division")]
    for i in range(12):
        authority = rng.choice(["department", "province"])
        make_decision(
            number=f"{i}/QĐ",
            date=datetime.date(rng.choice([2022, 2023, 2024]), 5, 1),
            authority=authority,
            commendation_type=rng.choice(["merit", "phase_or_theme"]),
            honours=[honour_data(rng, authority, units) for _ in range(rng.randint(1, 6))],
        )
    make_decision(number="P/QĐ", authority="province", status="proposed", honours=[honour_data(rng, "province", units)])
    # An honour now always names the default language's unit; one recorded before may name its translation.
    legacy = make_decision(number="E/QĐ", date=datetime.date(2024, 2, 1), honours=[honour_data(rng, "department")] * 3)
    legacy.honours.update(unit=english)
    refresh_counts([legacy.pk])
    assert {honour.unit_id for honour in Honour.objects.all()} >= {unit.pk for unit in units}
    giay_khen = AwardType.objects.get(code="giay-khen").pk
    queries = ["", "year_from=2023", "year_to=2023&year_from=2023", f"award={giay_khen}", "authority=province"]
    queries += ["kind=collective&year_from=2024", "commendation_type=phase_or_theme", "q=nguoi", "year_from=abc"]
    queries += [f"unit={office.pk}", f"unit={english.pk}&year_from=2023", f"unit={office.pk}&with_predecessors=on"]
    queries += [f"unit={earlier.pk}&year_to=2023", f"unit={units[3].pk}&year_from=2024&year_to=2024"]
    queries += [f"unit={office.pk}&kind=individual", f"unit={office.pk}&award={giay_khen}"]
    for query in queries:
        form = HonourRollFilterForm(QueryDict(query) if query else None)
        honours = form.filter(Honour.objects.all())
        used = set(form._valid_data())
        counted_from_counts = used <= {"year_from", "year_to", "award", "authority", "kind", "commendation_type"} or (
            "unit" in used and used <= {"unit", "with_predecessors", "year_from", "year_to"}
        )
        assert form.is_counted() == counted_from_counts, query
        with CaptureQueriesContext(connection) as captured:
            number = form.count(honours)
        assert number == honours.count(), query
        on_the_honours = any('"thidua_wagtail_honour"' in q["sql"] for q in captured.captured_queries)
        assert on_the_honours != counted_from_counts, query
    # What the unit filter stands for, counted one by one: the unit and its translation, then those it came from.
    by_unit = Counter(honour.unit_id for honour in Honour.objects.filter(decision_status="awarded"))
    form = HonourRollFilterForm(QueryDict(f"unit={office.pk}"))
    assert form.count(form.filter(Honour.objects.all())) == by_unit[office.pk] + by_unit[english.pk]
    form = HonourRollFilterForm(QueryDict(f"unit={office.pk}&with_predecessors=on"))
    expected = by_unit[office.pk] + by_unit[english.pk] + by_unit[earlier.pk]
    assert form.count(form.filter(Honour.objects.all())) == expected
    in_2023 = Counter(h.unit_id for h in Honour.objects.filter(decision_status="awarded", decision_date__year=2023))
    form = HonourRollFilterForm(QueryDict(f"unit={office.pk}&with_predecessors=on&year_from=2023&year_to=2023"))
    expected = in_2023[office.pk] + in_2023[english.pk] + in_2023[earlier.pk]
    assert form.count(form.filter(Honour.objects.all())) == expected > 0


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
    # A unit and a kind of recipient: the kept counts answer neither together.
    form = HonourRollFilterForm(QueryDict(f"unit={units[3].pk}&kind=individual"))
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


@override_settings(THIDUA_CACHE=None)
def test_a_deep_page_of_the_whole_roll_is_found_and_read_in_one_statement_on_the_roll_s_index():
    from thidua_wagtail.filters import ROLL_ORDER, SEEK_FROM, HonourRollFilterForm, _seek_statement

    award = AwardType.objects.get(code="lao-dong-tien-tien")
    # Decisions of 400 honours over six years, several on one day (the 21st and the 24th, say): the page at 9,590
    # runs from one decision into the next of the same year, the one at 9,980 into the next decision and the year
    # before, the one at 11,990 to the end of the roll.
    decisions = [make_decision(number=f"{i}/QĐ", date=datetime.date(2026 - i // 5, 6, 1 + i % 3)) for i in range(30)]
    Honour.objects.bulk_create(
        [Honour(decision=decisions[i // 400], person_name=f"N {i}", award=award, unit_name="x", sort_order=-i,
                decision_date=decisions[i // 400].date, decision_authority="department",
                decision_status="awarded") for i in range(12000)]
    )  # fmt: skip
    rebuild_counts()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    form = HonourRollFilterForm(None)
    honours = form.filter(Honour.objects.all())
    expected = list(honours.order_by(*ROLL_ORDER).values_list("pk", flat=True))
    for offset in (SEEK_FROM, 9590, 9980, 11990, 11999, 12000):
        with CaptureQueriesContext(connection) as ctx:
            assert form.page_keys(honours, offset, 50) == expected[offset : offset + 50], offset
        assert len(ctx.captured_queries) == 1, offset
    for offset in (SEEK_FROM, 9980):
        sql, params = _seek_statement(offset, 50)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = cursor.fetchall()
                # The statement itself (parent 0, not the yearly and decisions' sums before it): a range of the
                # roll's index from the decision's place, read in order.
                outer = " ".join(str(row[-1]) for row in plan if row[1] == 0)
                assert "SEARCH h USING COVERING INDEX thidua_honour_roll (decision_status=? AND decision_date<" in outer
                assert "TEMP B-TREE" not in outer, outer
            else:
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = [row[0] for row in cursor.fetchall()]
                scan = next(line for line in plan if "thidua_honour_roll" in line)
                assert "Scan using thidua_honour_roll on thidua_wagtail_honour h" in scan, plan
                assert not any("Sort Key: h." in line for line in plan), plan
                # The decision's place is a condition of the index, not a filter on what it reads.
                conditions = plan[plan.index(scan) + 1 :]
                assert "Index Cond:" in conditions[0] and "ROW(decision_date, decision_id) <= ROW(" in conditions[0]
                assert not any("Filter" in line for line in conditions), plan


def test_a_page_of_the_roll_filtered_by_a_unit_and_years_is_read_in_order_from_the_unit_s_index():
    from django.http import QueryDict

    from thidua_wagtail.filters import ROLL_ORDER, HonourRollFilterForm

    units = [make_unit(f"Đơn vị {i}", kind="division") for i in range(40)]
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    decisions = [make_decision(number=f"{i}/QĐ", date=datetime.date(2019 + i % 6, 1 + i % 12, 5)) for i in range(24)]
    Honour.objects.bulk_create(
        [Honour(decision=decisions[i % 24], person_name=f"N {i}", award=award, unit=units[i % 40], unit_name="x",
                sort_order=i, decision_date=decisions[i % 24].date, decision_authority="department",
                decision_status="awarded") for i in range(12000)]
    )  # fmt: skip
    rebuild_counts()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    form = HonourRollFilterForm(QueryDict(f"unit={units[3].pk}&year_from=2020&year_to=2022"))
    honours = form.filter(Honour.objects.all())
    assert form.is_counted()
    expected = sorted(
        (h for h in Honour.objects.all() if h.unit_id == units[3].pk and 2020 <= h.decision_date.year <= 2022),
        key=lambda h: (-h.decision_date.toordinal(), -h.decision_id, h.sort_order, h.pk),
    )
    assert form.count(honours) == len(expected) > 100
    assert form.page_keys(honours, 50, 50) == [h.pk for h in expected[50:100]]
    sql, params = honours.order_by(*ROLL_ORDER).values_list("pk", flat=True)[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "thidua_honour_unit_roll" in plan and "TEMP B-TREE" not in plan, plan
        else:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "thidua_honour_unit_roll" in plan and "Sort" not in plan, plan
