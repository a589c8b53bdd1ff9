"""Each page makes a constant number of SQL queries, however many phases and movements a plan has,
with the package's cache off (every fragment rendered) and on (served from the cache)."""

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import make_decision, make_hub, make_plan, make_unit
from thidua_wagtail.models import AwardType, HonourTally, Scope, TallyRow
from thidua_wagtail.models.counts import refresh_counts

# A day when the factory plans' phases are under way, so the hub lists them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("phase_under_way")]


@pytest.fixture
def phase_under_way():
    with time_machine.travel("2022-05-01 09:00 +0700", tick=False):
        yield


# Guarded figures: a change that adds a query per page fails here first. They count the example
# portal's base template (its language switcher makes 2 queries). Served from the cache, a page
# makes only the queries of Wagtail's routing (two more a level deeper) and of the base template.
# The hub lists plans not yet translated into its language, under any of its translations, in the plans' query.
# The hub and the plan count their honours with a breakdown: the grouped records and the tallies, and the tallies'
# breakdown rows, each with its award's name, whatever the number of honours, tallies and rows.
# Reviews: the plan and the hub read theirs with the days they celebrate (one query), the movement its own.
EXPECTED = {"hub": 22, "plan": 27, "movement": 19}
EXPECTED_CACHED = {"hub": 12, "plan": 14, "movement": 14}


def build(size):
    hub = make_hub(slug=f"thi-dua-{size}")
    issuer = make_unit(f"Sở {size}")
    plan = make_plan(hub, issuer=issuer, phases=size, movements=size, slug=f"ke-hoach-{size}")
    for i in range(size):
        division = make_unit(f"Phòng {size}-{i}", parent=issuer, kind="division")
        make_plan(plan, issuer=division, number=f"{i}/KH", slug=f"ke-hoach-{size}-{i}", phases=1, movements=0)
    # Honours and a reported tally with its breakdown, as many as the size.
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    honours = [{"person_name": f"Người {size}-{i}", "award": award, "unit": division} for i in range(size)]
    make_decision(number=f"{size}/QĐ", honours=honours, issuing_body=issuer.name)
    tally = HonourTally.objects.create(start_year=2000 + size, end_year=2000 + size, scope=Scope.OWN, individuals=size)
    for _ in range(size):
        TallyRow.objects.create(tally=tally, award=award, recipient_kind="individual", count=1)
    movement = plan.get_movements()[0]
    return {"hub": hub.url, "plan": plan.url, "movement": movement.url}


def count_queries(client, url):
    client.get(url)  # warm caches that live for the process (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["hub", "plan", "movement"])
def test_query_count_does_not_grow_with_content(client, page):
    small, large = build(2), build(20)
    with override_settings(THIDUA_CACHE=None):
        small_count, large_count = count_queries(client, small[page]), count_queries(client, large[page])
    assert (small_count, large_count) == (EXPECTED[page], EXPECTED[page])


@pytest.mark.parametrize("page", ["hub", "plan", "movement"])
def test_query_count_served_from_the_cache(client, page):
    small, large = build(2), build(20)
    small_count, large_count = count_queries(client, small[page]), count_queries(client, large[page])
    assert (small_count, large_count) == (EXPECTED_CACHED[page], EXPECTED_CACHED[page])


def test_hub_lists_the_phases_under_way_it_counts(client):
    urls = build(20)
    html = client.get(urls["hub"]).content.decode()
    assert html.count('class="thidua-phase ') == 1


@override_settings(THIDUA_CACHE=None)
def test_guard_with_django_assert_num_queries(client, django_assert_num_queries):
    urls = build(20)
    client.get(urls["plan"])
    with django_assert_num_queries(EXPECTED["plan"]):
        client.get(urls["plan"])


def test_roll_and_plan_pages_make_the_same_queries_with_50000_honours_as_with_10(client):
    import datetime as dt

    from thidua_wagtail.models import AwardType, Decision, Honour, HonourRollPage

    hub = make_hub(slug="thi-dua-honours")
    plan = make_plan(hub, slug="ke-hoach-honours")
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=roll)
    award = AwardType.objects.get(code="lao-dong-tien-tien")

    def add_honours(count, number):
        decision = Decision.objects.create(
            number=number, date=dt.date(2022, 3, 1), authority="department", issuing_body="Sở", plan=plan
        )
        batch = []
        for i in range(count):
            honour = Honour(decision=decision, recipient_kind="individual", person_name=f"Nguyễn Văn {i}", award=award)
            honour.sort_order = i
            honour.fill_copies(decision)
            batch.append(honour)
        Honour.objects.bulk_create(batch, batch_size=5000)
        refresh_counts([decision.pk])  # as the import does after its bulk_create

    add_honours(10, "1/QĐ")
    small = {url: count_queries(client, url) for url in (roll.url, plan.url, hub.url)}
    add_honours(49_990, "2/QĐ")
    large = {url: count_queries(client, url) for url in (roll.url, plan.url, hub.url)}
    assert small == large


# The roll and the decisions' listing, cache off: Wagtail's routing, the base template, the filter lists (the
# units, awards and movements in one query), the count and the rows.
EXPECTED_ROLL = {"roll": 19, "decisions": 19}


@override_settings(THIDUA_CACHE=None)
def test_the_roll_reads_its_filter_lists_in_one_query_however_long_they_are(client):
    from thidua_wagtail.models import HonourRollPage

    hub = make_hub(slug="thi-dua-lists")
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=roll)
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    make_decision(number="1/QĐ", honours=[{"person_name": "Nguyễn Văn An", "award": award}])
    urls = {"roll": roll.url, "decisions": roll.url + "decisions/"}
    small = {name: count_queries(client, url) for name, url in urls.items()}
    issuer = make_unit("Sở Tư pháp")
    for i in range(30):
        make_unit(f"Phòng {i}", parent=issuer, kind="division")
    make_plan(hub, issuer=issuer, movements=10, slug="ke-hoach-lists")
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert small == large == EXPECTED_ROLL
    page = client.get(roll.url).content.decode()
    assert "Phòng 29" in page
