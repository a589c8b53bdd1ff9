"""Compiled queries (thidua_wagtail.compiled): built and compiled once, then run with other values, they give what
the queryset itself would, on either database; a queryset that cannot be compiled is built on every call, and says
why. The package's pages compile every query they make."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.db.models import F, Q
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from news.models import NewsIndexPage
from tests.factories import make_decision, make_home, make_hub, make_plan, make_roll, make_unit, person
from thidua_wagtail import compiled
from thidua_wagtail.blocks import _read_with_shown
from thidua_wagtail.compiled import CompiledQuery
from thidua_wagtail.models import AwardType, HonourTally, PlanPage, Scope, TallyRow, Unit
from thidua_wagtail.stats import period_totals

pytestmark = pytest.mark.django_db


class Counting:
    """A builder that counts how often it is called."""

    def __init__(self, build):
        self.build, self.calls = build, 0

    def __call__(self, *shape, **values):
        self.calls += 1
        return self.build(*shape, **values)


def units_named(*, prefix, parent_id, since, keys):
    return (
        Unit.objects.filter(name__startswith=prefix, parent_id=parent_id, valid_from__gte=since)
        .exclude(translation_key__in=keys)
        .select_related("parent")
        .annotate(parent_name=F("parent__name"))
        .order_by("name")
    )


@pytest.fixture
def units():
    agency = make_unit("Sở Tư pháp")
    other = make_unit("Sở Nội vụ")
    made = {}
    for parent in (agency, other):
        for i, name in enumerate(["Phòng A", "Phòng B", "Phòng 50%_giảm", "Phòng 50 giảm", "Trung tâm C"]):
            unit = make_unit(name, parent=parent, kind="division", valid_from=datetime.date(2015 + i, 1, 1))
            made[(parent.name, name)] = unit
    return agency, other, made


def test_each_call_gives_what_the_queryset_gives_with_its_own_values(units):
    agency, other, made = units
    query = CompiledQuery(Counting(units_named), name="test.units_named")
    cases = [
        {"prefix": "Phòng", "parent_id": agency.pk, "since": datetime.date(2016, 1, 1), "keys": []},
        {"prefix": "Phòng", "parent_id": other.pk, "since": datetime.date(2010, 1, 1), "keys": []},
        # LIKE's wildcards in a value match themselves, as the queryset's escaping makes them.
        {"prefix": "Phòng 50%_", "parent_id": agency.pk, "since": datetime.date(2010, 1, 1), "keys": []},
        {"prefix": "Trung", "parent_id": other.pk, "since": datetime.date(2010, 1, 1), "keys": []},
        {
            "prefix": "Phòng",
            "parent_id": agency.pk,
            "since": datetime.date(2010, 1, 1),
            "keys": [made[("Sở Tư pháp", "Phòng A")].translation_key],
        },
    ]
    builds = []
    for values in cases:
        expected = [(u.pk, u.name, u.parent.name, u.parent_name) for u in units_named(**values)]
        got = [(u.pk, u.name, u.parent.name, u.parent_name) for u in query.list(**values)]
        assert got == expected, values
        assert got  # every case finds something, so that a wrong value would show
        builds.append(query.build.calls)
    assert [u.name for u in query.list(**cases[2])] == ["Phòng 50%_giảm"]
    # Built when first called (to compile it), not again for other values of the same shape; a list of one key
    # instead of none is another shape.
    assert builds[0] > 0 and builds[0] == builds[1] == builds[2] == builds[3] < builds[4]
    assert query.failures == {}


def test_dates_come_back_as_dates_and_annotations_as_the_queryset_gives_them(units):
    agency, _other, _made = units
    query = CompiledQuery(
        lambda *, parent_id: Unit.objects.filter(parent_id=parent_id).values_list("name", "valid_from").order_by("name")
    )
    rows = query.list(parent_id=agency.pk)
    assert rows == list(Unit.objects.filter(parent_id=agency.pk).values_list("name", "valid_from").order_by("name"))
    assert all(isinstance(valid_from, datetime.date) for _name, valid_from in rows)


def test_a_value_that_changes_the_sql_is_built_as_it_is(units):
    agency, _other, _made = units
    query = CompiledQuery(Counting(lambda *, parent_id: Unit.objects.filter(parent_id=parent_id).order_by("pk")))
    assert query.list(parent_id=agency.pk) == list(Unit.objects.filter(parent_id=agency.pk).order_by("pk"))
    calls = query.build.calls
    # None is IS NULL, not a value in the same SQL.
    assert query.list(parent_id=None) == list(Unit.objects.filter(parent__isnull=True).order_by("pk"))
    assert query.build.calls == calls + 1
    assert query.failures == {}


def test_a_queryset_whose_sql_depends_on_a_value_is_not_compiled_and_still_right(units):
    agency, other, _made = units

    def build(*, parent_id, since):
        units = Unit.objects.filter(parent_id=parent_id, valid_from__gte=since)
        # The shape differs with the value: compiling it once would answer every later call wrongly.
        if since.year > 2001:
            units = units.exclude(name__startswith="Trung")
        return units.order_by("pk")

    query = CompiledQuery(build)
    for parent in (agency, other):
        since = datetime.date(2017, 1, 1)
        expected = list(Unit.objects.filter(parent=parent, valid_from__gte=since).exclude(name__startswith="Trung"))
        assert query.list(parent_id=parent.pk, since=since) == sorted(expected, key=lambda unit: unit.pk)
        assert expected
    assert list(query.failures.values()) == ["its SQL changes with the values"]


def test_a_parameter_computed_from_a_value_is_not_compiled(units):
    query = CompiledQuery(lambda *, pk: Unit.objects.filter(pk__lt=pk + 1).order_by("pk"))
    last = Unit.objects.order_by("pk")[3]
    assert query.list(pk=last.pk) == list(Unit.objects.filter(pk__lte=last.pk).order_by("pk"))
    assert "comes from no value" in next(iter(query.failures.values()))


def test_a_related_managers_queryset_is_not_compiled(units):
    agency, _other, _made = units
    query = CompiledQuery(lambda *, name: agency.children.filter(name=name))
    assert query.list(name="Phòng A") == list(Unit.objects.filter(parent=agency, name="Phòng A"))
    assert "related manager" in next(iter(query.failures.values()))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_query_compiled_in_one_thread_runs_in_another(units):
    agency, other, _made = units
    query = CompiledQuery(lambda *, parent_id: Unit.objects.filter(parent_id=parent_id).order_by("pk"))
    assert query.list(parent_id=agency.pk) == list(Unit.objects.filter(parent=agency).order_by("pk"))
    found, errors = [], []

    def read():
        from django.db import connection as own

        try:
            found.extend(query.list(parent_id=other.pk))
        except Exception as error:  # the assertion below shows it
            errors.append(error)
        finally:
            own.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert errors == []
    assert found == list(Unit.objects.filter(parent=other).order_by("pk"))


def test_a_compiled_call_makes_one_query_and_no_compilation(units):
    agency, _other, _made = units
    query = CompiledQuery(
        Counting(lambda *, pk: Unit.objects.filter(Q(pk=pk) | Q(parent_id=pk)).select_related("parent"))
    )
    query.list(pk=agency.pk)
    builds = query.build.calls
    with CaptureQueriesContext(connection) as ctx:
        query.list(pk=agency.pk)
    assert len(ctx.captured_queries) == 1
    assert query.build.calls == builds


@pytest.mark.usefixtures("units")
def test_lists_of_ever_new_lengths_compile_no_more_than_a_bound(monkeypatch):
    monkeypatch.setattr(compiled, "MOST_SHAPES", 3)
    query = CompiledQuery(lambda *, ids: Unit.objects.filter(pk__in=ids).order_by("pk"))
    everyone = list(Unit.objects.order_by("pk"))
    for length in range(1, 7):
        ids = [unit.pk for unit in everyone[:length]]
        assert query.list(ids=ids) == everyone[:length]
    assert len(query._compiled) == 3


def test_the_database_routers_choose_where_a_compiled_query_reads(units):
    agency, _other, _made = units
    asked = []

    class Router:
        def db_for_read(self, model, **hints):
            asked.append(model)
            return "default"

    query = CompiledQuery(lambda *, parent_id: Unit.objects.filter(parent_id=parent_id).order_by("pk"))
    with override_settings(DATABASE_ROUTERS=[Router()]):
        assert query.list(parent_id=agency.pk) == list(Unit.objects.filter(parent=agency).order_by("pk"))
        asked.clear()
        query.list(parent_id=agency.pk)
    assert asked == [Unit]


@time_machine.travel("2022-05-01 09:00 +0700")
def test_the_package_pages_compile_every_query_they_make(client):
    from tests.test_integration import article

    home = make_home()
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=news)
    hub = make_hub(home)
    plan = make_plan(hub, issuer=make_unit("Sở Tư pháp tỉnh Đồng Tháp"), phases=2, movements=1)
    tally = HonourTally.objects.create(start_year=2016, end_year=2020, scope=Scope.OWN, individuals=3)
    TallyRow.objects.create(tally=tally, award=AwardType.objects.first(), recipient_kind="individual", count=3)
    page = article(
        {"news": news},
        [
            ("plan_summary", {"plan": plan}),
            ("movement_card", {"movement": plan.get_movements()[0]}),
            ("phase_timeline", {"plan": plan}),
            ("honour_totals", {"start_year": 2016, "end_year": 2020}),
        ],
    )
    roll = make_roll(hub)
    make_decision(honours=[person("Nguyễn Văn An"), person("Trần Thị Bình")])
    for url in (hub.url, plan.url, plan.get_movements()[0].url, page.url, roll.url):
        assert client.get(url).status_code == 200
    assert "Trần Thị Bình" in client.get(roll.url).content.decode()
    # In a language other than the default, names come translated and chosen pages with their translations.
    with translation.override("en"):
        assert period_totals(2016, 2020, breakdown=True).breakdown
        assert _read_with_shown(PlanPage, [plan.pk], "en")[plan.pk][0] == plan
    used = {
        query.name.rsplit(".", 1)[-1]: query
        for query in compiled.registry
        if query._compiled and query.name.startswith("thidua_wagtail.")
    }
    expected = {"_movements_of_plan", "_sub_plans", "_filing_units", "_reviews", "_phases", "_attachments"}
    expected |= {"_tradition_day", "_exemplary_models", "_zone_members", "_linking_pages", "_kept_counts", "_tallies"}
    expected |= {"_tally_rows", "_hub_plans", "_phases_under_way", "_upcoming_reviews", "_hub_movements"}
    expected |= {"_child_roll", "_all_tallies", "_chosen_pages"}
    expected |= {"_plans_of_movement", "_reviews_of_movement", "_movement_exemplary_models", "_roll_rows"}
    assert expected <= set(used)
    assert {name: query.failures for name, query in used.items() if query.failures} == {}


def test_an_empty_list_of_keys_matches_nothing_without_a_query_and_is_no_failure(units):
    agency, other, _made = units
    query = CompiledQuery(Counting(lambda *, ids: Unit.objects.filter(pk__in=ids).order_by("pk")))
    with CaptureQueriesContext(connection) as ctx:
        assert query.list(ids=[]) == []
        assert query.list(ids=[]) == []
    assert ctx.captured_queries == []
    calls = query.build.calls
    assert query.list(ids=[]) == [] and query.build.calls == calls
    # Keys again: the list's length is another shape, compiled as usual.
    assert query.list(ids=[agency.pk, other.pk]) == [agency, other]
    assert query.failures == {}


def _prepared_statements(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f'%"{table}"%'])
        return [statement for (statement,) in cursor.fetchall()]


def test_a_compiled_query_is_logged_with_its_values_and_runs_prepared_where_the_site_allows_it(units):
    agency, other, made = units
    by_name = CompiledQuery(lambda *, name, parent_id: Unit.objects.filter(name=name, parent_id=parent_id))
    with CaptureQueriesContext(connection) as ctx:
        for parent in (agency, other, agency):
            assert by_name.list(name="Phòng 50%_giảm", parent_id=parent.pk) == [made[(parent.name, "Phòng 50%_giảm")]]
    # What a developer reads in the query log (or the debug toolbar): the query with its values, prepared or not.
    assert [query["sql"].count("'Phòng 50%_giảm'") for query in ctx.captured_queries] == [1, 1, 1]
    assert [f"= {other.pk}" in query["sql"] for query in ctx.captured_queries] == [False, True, False]
    if connection.vendor != "postgresql":
        return
    # The suite's settings let psycopg prepare statements after five runs, as the portal's do; a compiled query is
    # prepared at its first (psycopg's count of runs would lose it among the page's other queries)...
    assert connection.connection.prepare_threshold == 5
    (statement,) = _prepared_statements("thidua_wagtail_unit")
    assert "$1" in statement and "Phòng" not in statement
    # ...and with Django's default (None: no prepared statement, for poolers that cannot keep them) none is.
    by_parent = CompiledQuery(lambda *, parent_id: Unit.objects.filter(parent_id=parent_id).order_by("name"))
    connection.connection.prepare_threshold = None
    try:
        assert by_parent.list(parent_id=other.pk) == list(Unit.objects.filter(parent=other).order_by("name"))
        assert by_parent.list(parent_id=agency.pk) == list(Unit.objects.filter(parent=agency).order_by("name"))
        assert _prepared_statements("thidua_wagtail_unit") == [statement]
    finally:
        connection.connection.prepare_threshold = 5
    assert by_parent.list(parent_id=other.pk) == list(Unit.objects.filter(parent=other).order_by("name"))
    assert len(_prepared_statements("thidua_wagtail_unit")) == 2
