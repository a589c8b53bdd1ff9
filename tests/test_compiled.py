"""Compiled queries (thidua_wagtail.compiled): built and compiled once, then run with other values, they give what
the queryset itself would, on either database; a queryset that cannot be compiled is built on every call, and says
why. The package's pages compile every query they make."""

import datetime
import threading

import pytest
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from tests.factories import make_hub, make_plan, make_unit
from thidua_wagtail import compiled
from thidua_wagtail.compiled import CompiledQuery
from thidua_wagtail.models import PlanPage, Unit

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
    for values in cases:
        expected = [(u.pk, u.name, u.parent.name, u.parent_name) for u in units_named(**values)]
        got = [(u.pk, u.name, u.parent.name, u.parent_name) for u in query.list(**values)]
        assert got == expected, values
        assert got  # every case finds something, so that a wrong value would show
    assert [u.name for u in query.list(**cases[2])] == ["Phòng 50%_giảm"]
    # Compiled twice (with two sets of stand-ins) per shape: no key, then one key.
    assert query.build.calls == 4
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


@pytest.mark.django_db(transaction=True)
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
    with CaptureQueriesContext(connection) as ctx:
        query.list(pk=agency.pk)
    assert len(ctx.captured_queries) == 1
    assert query.build.calls == 2


def test_the_package_pages_compile_every_query_they_make(client):
    hub = make_hub()
    plan = make_plan(hub)
    PlanPage.objects.get(pk=plan.pk)
    for url in (hub.url, plan.url):
        assert client.get(url).status_code == 200
    used = [query for query in compiled.registry if query._compiled and query.name.startswith("thidua_wagtail.")]
    names = {query.name.rsplit(".", 1)[-1] for query in used}
    assert {"_movements_of_plan", "_sub_plans", "_hub_plans", "_reviews", "_kept_counts"} <= names
    assert {query.name: query.failures for query in used if query.failures} == {}
