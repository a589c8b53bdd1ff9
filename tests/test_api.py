"""Issue 13, item 4: the read-only JSON API, as a provincial portal or the Ministry's aggregator reads it: every
endpoint, its pagination and filters, its refusals, and what it never shows (drafts, proposals, restricted pages,
private fields)."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from tests.factories import make_decision, make_hub, make_plan, make_roll, make_unit, person
from thidua_wagtail.models import AwardType

pytestmark = pytest.mark.django_db

API = "/api/thidua/"


@pytest.fixture
def hub():
    return make_hub()


@pytest.fixture
def roll(hub):
    return make_roll(hub)


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def items(client, path, **params):
    response, data = get(client, path, **params)
    assert response.status_code == 200, data
    return data["items"]


class TestEndpoints:
    def test_a_plan_with_its_phases_reviews_and_links_to_the_page_and_its_own_detail(self, client, hub):
        plan = make_plan(hub, summary="Kế hoạch tổ chức phong trào thi đua giai đoạn 2021 – 2025.")
        (listed,) = items(client, "plans/")
        assert listed["id"] == plan.pk
        assert listed["number"] == "599/KH-STP"
        assert listed["issue_date"] == "2021-05-28"
        assert listed["issuer"] == "Sở Tư pháp"
        assert [p["name"] for p in listed["phases"]] == ["Đợt 1", "Đợt 2"]
        assert [r["kind"] for r in listed["reviews"]] == ["interim", "final"]
        assert listed["reviews"][0]["date"] == listed["phases"][0]["end_date"]
        assert client.get(listed["meta"]["html_url"].replace("http://localhost", "")).status_code == 200
        response, detail = get(client, f"plans/{plan.pk}/")
        assert response.status_code == 200
        assert detail == listed
        assert listed["meta"]["detail_url"].endswith(f"{API}plans/{plan.pk}/")

    def test_movements_phases_and_reviews_have_their_own_listings_filtered_by_plan(self, client, hub):
        first = make_plan(hub)
        second = make_plan(hub, number="12/KH-STP", slug="ke-hoach-2", phases=3, movements=1)
        assert len(items(client, "movements/")) == 3
        assert {p["plan"]["id"] for p in items(client, "phases/")} == {first.pk, second.pk}
        phases = items(client, "phases/", plan=second.pk)
        assert [p["name"] for p in phases] == ["Đợt 1", "Đợt 2", "Đợt 3"]
        reviews = items(client, "reviews/", plan=second.pk)
        assert [r["date"] for r in reviews] == [p["end_date"] for p in phases]
        assert items(client, "plans/", year=2021) and not items(client, "plans/", year=2030)

    def test_a_decision_with_every_public_fact_and_its_honours(self, client, hub, roll):
        plan = make_plan(hub)
        unit = make_unit("Phòng Hành chính tư pháp")
        decision = make_decision(
            number="123/QĐ-STP",
            date=datetime.date(2024, 12, 20),
            signer_name="Nguyễn Văn Minh",
            signer_position="Giám đốc",
            reason="vì đã có thành tích xuất sắc",
            plan=plan,
            honours=[person("Trần Thị Hoa", unit=unit), person("Lê Văn Bình", award="giay-khen")],
        )
        (listed,) = items(client, "decisions/")
        assert listed["id"] == decision.pk
        assert (listed["number"], listed["date"], listed["signer_name"]) == (
            "123/QĐ-STP",
            "2024-12-20",
            "Nguyễn Văn Minh",
        )
        assert listed["authority"] == "department" and listed["honour_count"] == 2
        assert listed["plan"] == plan.pk
        page = client.get(listed["meta"]["html_url"].replace("http://localhost", ""))
        assert page.status_code == 200 and "123/QĐ-STP" in page.content.decode()
        honours = items(client, listed["honours_url"].split(API, 1)[1].split("?")[0], decision_id=decision.pk)
        assert [(h["name"], h["award"], h["unit"]) for h in honours] == [
            ("Trần Thị Hoa", "Lao động tiên tiến", "Phòng Hành chính tư pháp"),
            ("Lê Văn Bình", "Giấy khen", ""),
        ]
        assert honours[0]["decision"]["detail_url"] == listed["meta"]["detail_url"]
        response, one = get(client, f"honours/{honours[0]['id']}/")
        assert response.status_code == 200 and one == honours[0]

    def test_the_award_catalogue_highest_first_and_in_english(self, client, hub):
        awards = items(client, "awards/", limit=20)
        assert awards[0]["code"] == "huan-chuong-sao-vang"
        assert [a["rank"] for a in awards] == sorted(a["rank"] for a in awards)
        forms = items(client, "awards/", category="form", limit=20)
        assert forms and {a["category"] for a in forms} == {"form"}
        _response, data = get(client, "awards/", limit=1)
        assert data["meta"]["total_count"] == AwardType.objects.filter(locale=Locale.get_default()).count()

    def test_totals_per_year_equal_a_direct_count(self, client, hub):
        make_decision(date=datetime.date(2023, 3, 1), honours=[person("A"), person("B"), person("C")])
        make_decision(number="2/QĐ-UBND", authority="province", date=datetime.date(2023, 6, 1), honours=[person("D")])
        make_decision(number="3/QĐ-STP", date=datetime.date(2024, 6, 1), honours=[person("E")])
        totals = {row["year"]: row["scopes"] for row in items(client, "totals/", year_from=2022, year_to=2024)}
        assert list(totals) == [2024, 2023, 2022]
        assert totals[2023]["own"]["individuals"] == 3
        assert totals[2023]["higher"]["individuals"] == 1
        assert totals[2024]["own"]["total"] == 1
        assert totals[2022]["own"]["total"] == 0


class TestPaginationAndFilters:
    def test_limit_and_offset_walk_the_honours_in_the_roll_order(self, client, hub):
        make_decision(honours=[person(f"Nguyễn Văn {i:02d}") for i in range(30)])
        _response, first = get(client, "honours/", limit=20)
        assert first["meta"]["total_count"] == 30 and len(first["items"]) == 20
        rest = items(client, "honours/", limit=20, offset=20)
        names = [h["name"] for h in first["items"] + rest]
        assert names == [f"Nguyễn Văn {i:02d}" for i in range(30)]

    def test_the_roll_filters_find_a_name_without_diacritics_and_by_year_and_award(self, client, hub):
        make_decision(date=datetime.date(2023, 5, 1), honours=[person("Trần Thị Hoa"), person("Lê Văn Bình")])
        make_decision(
            number="9/QĐ-STP", date=datetime.date(2024, 5, 1), honours=[person("Hoàng Hoa", award="giay-khen")]
        )
        assert {h["name"] for h in items(client, "honours/", q="hoa")} == {"Trần Thị Hoa", "Hoàng Hoa"}
        assert [h["name"] for h in items(client, "honours/", year_from=2024)] == ["Hoàng Hoa"]
        award = AwardType.objects.get(code="giay-khen", locale=Locale.get_default())
        assert [h["name"] for h in items(client, "honours/", award=award.pk)] == ["Hoàng Hoa"]
        assert [d["number"] for d in items(client, "decisions/", q="binh")] == ["1/QĐ-STP"]
        assert [d["number"] for d in items(client, "decisions/", year=2024)] == ["9/QĐ-STP"]

    @pytest.mark.parametrize(
        "path, params, field",
        [
            ("honours/", {"year_from": "hai nghìn"}, "year_from"),
            ("honours/", {"year_from": "2024", "year_to": "2020"}, "year_to"),
            ("honours/", {"kind": "robot"}, "kind"),
            ("decisions/", {"year": "1800"}, "year"),
            ("honours/", {"limit": "-1"}, "limit"),
            ("honours/", {"limit": "1000"}, "limit"),
            ("honours/", {"offset": "x"}, "offset"),
            ("honours/", {"birth_date": "1980"}, "birth_date"),
            ("plans/", {"locale": "fr"}, "fr"),
            ("awards/", {"category": "medal"}, "category"),
            ("totals/", {"year_from": "1900"}, "year_from"),
        ],
    )
    def test_a_bad_parameter_answers_400_naming_it(self, client, hub, path, params, field):
        response, data = get(client, path, **params)
        assert response.status_code == 400
        assert field in data["message"]

    def test_errors_are_in_vietnamese_by_default_and_in_english_on_request(self, client, hub):
        _response, data = get(client, "honours/", limit="x")
        assert "số nguyên" in data["message"]
        _response, data = get(client, "honours/", limit="x", locale="en")
        assert "whole number" in data["message"]


class TestNeverShown:
    def test_a_draft_plan_is_not_listed_and_its_address_answers_404(self, client, hub):
        plan = make_plan(hub)
        plan.unpublish()
        assert items(client, "plans/") == []
        assert items(client, "phases/") == [] and items(client, "reviews/") == []
        assert get(client, f"plans/{plan.pk}/")[0].status_code == 404

    def test_a_restricted_plan_is_hidden_even_from_an_editor_who_may_view_it(self, client, hub, admin_user):
        plan = make_plan(hub)
        restriction = PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.LOGIN)
        assert items(client, "plans/") == []
        client.force_login(admin_user)
        assert items(client, "plans/") == []
        assert get(client, f"plans/{plan.pk}/")[0].status_code == 404
        restriction.groups.set(Group.objects.all())

    def test_a_proposal_never_appears_nor_its_honours(self, client, hub):
        proposal = make_decision(
            number="5/TTr-STP", status="proposed", authority="province", honours=[person("Võ Văn Kiệt")]
        )
        assert items(client, "decisions/") == []
        assert get(client, f"decisions/{proposal.pk}/")[0].status_code == 404
        assert items(client, "honours/") == []
        assert items(client, "honours/", decision_id=proposal.pk) == []
        honour = proposal.honours.get()
        assert get(client, f"honours/{honour.pk}/")[0].status_code == 404
        assert "Võ Văn Kiệt" not in client.get(API + "honours/", {"q": "kiet"}).content.decode()
        # No lookup address besides the public listing and detail (Wagtail's v2 ``find/`` is not mounted).
        found = client.get(API + "decisions/find/", {"id": proposal.pk}, follow=True)
        assert found.status_code == 404 and "5/TTr-STP" not in found.content.decode()

    def test_a_decision_does_not_name_a_draft_plan(self, client, hub):
        plan = make_plan(hub)
        plan.unpublish()
        make_decision(plan=plan, honours=[person("A")])
        (listed,) = items(client, "decisions/")
        assert listed["plan"] is None

    def test_no_private_or_internal_field_is_sent(self, client, hub, admin_user):
        decision = make_decision(honours=[person("Trần Thị Hoa")])
        decision.locked, decision.locked_by = True, admin_user
        decision.save()
        decision.save_revision(user=admin_user)
        decision_json = client.get(API + f"decisions/{decision.pk}/").content.decode()
        honour_json = client.get(API + "honours/").content.decode()
        for text in (decision_json, honour_json):
            for private in (admin_user.username, admin_user.email, "locked", "search_name", "number_key", "status"):
                assert private not in text
        honour = json.loads(honour_json)["items"][0]
        assert set(honour) == {
            "id",
            "meta",
            "recipient_kind",
            "name",
            "position",
            "unit",
            "award",
            "achievement",
            "posthumous",
            "decision",
            "corrected_by",
        }


class TestCacheRateAndQueries:
    def test_an_editors_change_shows_at_once(self, client, hub):
        plan = make_plan(hub)
        assert items(client, "plans/")[0]["title"] == plan.title
        plan.title = "Kế hoạch thi đua đã sửa"
        plan.save_revision().publish()
        assert items(client, "plans/")[0]["title"] == "Kế hoạch thi đua đã sửa"

    @override_settings(THIDUA_API_RATE="3/minute")
    def test_a_client_over_the_rate_is_told_to_wait(self, client, hub):
        for _ in range(3):
            assert client.get(API + "awards/").status_code == 200
        response = client.get(API + "awards/")
        assert response.status_code == 429
        assert "Retry-After" in response

    @pytest.mark.parametrize("path", ["plans/", "decisions/", "honours/", "awards/", "totals/", "reviews/"])
    def test_queries_do_not_grow_with_the_rows(self, client, hub, roll, path):
        def count():
            from django.core.cache import caches

            caches["default"].clear()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(API + path).status_code == 200
            return len(queries)

        make_plan(hub)
        make_decision(honours=[person("A")])
        few = count()
        make_plan(hub, number="2/KH-STP", slug="ke-hoach-2")
        for i in range(5):
            make_decision(number=f"{i + 10}/QĐ-STP", honours=[person(f"N {j}") for j in range(5)])
        assert count() <= few
        # Fewer than a plain page of the example portal (15), with the cache off.
        assert few <= 14


@override_settings(THIDUA_ROLL_COUNT_LIMIT=5)
def test_a_count_beyond_the_roll_limit_says_more(client):
    make_hub()
    make_decision(honours=[person(f"Nguyễn Văn {i}") for i in range(8)])
    response, data = get(client, "honours/", q="nguyen", limit=3)
    assert data["meta"] == {"total_count": 5, "more": True}
    _response, data = get(client, "honours/", limit=3)
    assert data["meta"] == {"total_count": 8}
    assert response["Cache-Control"] == "no-cache"


def test_in_english_the_translated_plan_and_decision_and_the_english_pages(client, roll):
    english = Locale.objects.get_or_create(language_code="en")[0]
    hub = roll.get_parent()
    plan = make_plan(hub)
    decision = make_decision(number="8/QĐ-STP", reason="vì thành tích xuất sắc", honours=[person("Bùi Thị Vy")])
    english_decision = decision.copy_for_translation(english)
    english_decision.reason = "for outstanding achievements"
    english_decision.save()
    for page in (*hub.get_ancestors().filter(depth__gt=1), hub, roll, plan):
        specific = page.specific
        if not specific.get_translations().filter(locale=english).exists():
            translated = specific.copy_for_translation(english)
            if page.pk == plan.pk:
                translated.title = "Emulation plan 2021 – 2025"
            translated.save_revision().publish()

    (english_plan,) = items(client, "plans/", locale="en")
    assert english_plan["title"] == "Emulation plan 2021 – 2025"
    assert english_plan["meta"]["html_url"].startswith("http://localhost/en/")
    assert [r["kind_label"] for r in english_plan["reviews"]] == ["Interim review", "Final review"]
    (vietnamese_plan,) = items(client, "plans/")
    assert vietnamese_plan["title"] == plan.title and vietnamese_plan["id"] != english_plan["id"]

    (listed,) = items(client, "decisions/", locale="en")
    assert listed["id"] == decision.pk and listed["reason"] == "for outstanding achievements"
    assert listed["meta"]["html_url"].startswith("http://localhost/en/")
    assert client.get(listed["meta"]["html_url"].replace("http://localhost", "")).status_code == 200
    (honour,) = items(client, "honours/", locale="en")
    assert honour["name"] == "Bùi Thị Vy"  # names are facts, never translated


class TestCraftedQueries:
    """What an independent review sent: each answers 400 or 404 with a message, never 500."""

    @pytest.mark.parametrize(
        "path, params",
        [
            ("plans/", {"year": "²"}),
            ("phases/", {"plan": "²"}),
            ("reviews/", {"plan": "99999999999999999999999"}),
            ("honours/", {"decision_id": "9223372036854775808"}),
            ("honours/", {"award": "²"}),
            ("honours/", {"unit": "²"}),
            ("decisions/", {"award": "²"}),
            ("totals/", {"year_to": "²"}),
            ("decisions/", {"offset": "100000000000000000000"}),
            ("plans/", {"offset": "100000000000000000000"}),
            ("honours/", {"q": "a", "offset": "100000000000000000000"}),
            ("honours/", {"limit": "５"}),
            ("phases/", {"plan": "0"}),
            ("honours/", {"decision_id": "0"}),
            ("plans/", {"locale": "\x00"}),
        ],
    )
    def test_a_crafted_value_answers_400(self, client, hub, path, params):
        make_plan(hub)
        make_decision(honours=[person("A")])
        response, data = get(client, path, **params)
        assert response.status_code == 400, data
        assert data["message"]

    @pytest.mark.parametrize("path", ["plans/9999999999999999999999999/", "movements/9999999999999999999999999/"])
    def test_an_id_beyond_any_key_is_not_found(self, client, hub, path):
        assert get(client, path)[0].status_code == 404

    def test_a_parameter_given_twice_is_refused_rather_than_cached_under_the_other_order(self, client, hub):
        make_plan(hub)
        response, data = get(client, "plans/", year=["2021", "2030"])
        assert response.status_code == 400 and "year" in data["message"]

    def test_the_honour_roll_and_the_decisions_take_an_odd_page_number(self, client, hub, roll):
        for path in ("", "decisions/"):
            assert client.get(roll.url + path, {"page": "²"}).status_code == 200
            assert client.get(roll.url + path, {"award": "²"}).status_code == 200

    def test_each_host_has_its_own_answer_and_links(self, client, hub):
        make_plan(hub)
        first = client.get(API + "plans/", HTTP_HOST="localhost").json()
        other = client.get(API + "plans/", HTTP_HOST="127.0.0.1").json()
        assert first["items"][0]["meta"]["detail_url"].startswith("http://localhost/")
        assert other["items"] == [] or other["items"][0]["meta"]["detail_url"].startswith("http://127.0.0.1/")

    @override_settings(THIDUA_API_RATE="2/minute")
    def test_a_forged_forwarded_for_header_does_not_escape_the_rate(self, client, hub):
        statuses = [client.get(API + "awards/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(4)]
        assert statuses == [200, 200, 429, 429]

    def test_documents_cost_no_query_per_decision(self, client, hub):
        from django.core.cache import caches
        from django.core.files.base import ContentFile
        from wagtail.documents.models import Document

        def count():
            caches["default"].clear()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(API + "decisions/").status_code == 200
            return len(queries)

        def with_document(i):
            document = Document.objects.create(title=f"QĐ {i}", file=ContentFile(b"%PDF-1.4", name=f"qd-{i}.pdf"))
            make_decision(number=f"{i}/QĐ-STP", document=document, honours=[person("A")])

        with_document(1)
        few = count()
        for i in range(2, 8):
            with_document(i)
        assert count() <= few
        (first, *_rest) = client.get(API + "decisions/").json()["items"]
        assert first["document_url"].startswith("http://testserver/documents/")

    def test_a_decision_amending_a_proposal_does_not_name_it(self, client, hub):
        proposal = make_decision(number="7/TTr-STP", status="proposed", authority="province", honours=[person("A")])
        make_decision(number="8/QĐ-STP", amendment="corrects", amends=proposal, amendment_scope="whole")
        amending = [d for d in items(client, "decisions/") if d["number"] == "8/QĐ-STP"]
        assert amending and amending[0]["amends"] is None
