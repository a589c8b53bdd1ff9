"""Issue 13, item 1: a public page per decision, reached from the roll and from a listing of decisions that a visitor
filters and searches; proposals never appear."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.models import Locale, PageViewRestriction

from tests.factories import make_decision, make_hub, make_plan, make_roll, make_unit, person
from tests.utils import text_of
from thidua_wagtail.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    return make_hub()


@pytest.fixture
def roll(hub):
    return make_roll(hub)


@pytest.fixture
def unit():
    return make_unit("Phòng Phổ biến giáo dục pháp luật")


def listing(client, roll, **params):
    return client.get(roll.url + "decisions/", params)


def listed_numbers(response):
    """The decision numbers the listing shows, in its order."""
    return re.findall(r"Quyết định số (\S+) ngày", text_of(response).split("quyết định", 2)[-1])


def decision_link(decision):
    return f"decisions/{decision.pk}/"


class TestDecisionPage:
    def test_a_visitor_follows_the_roll_to_the_decision_and_reads_every_fact_of_it(self, client, roll, unit, hub):
        plan = make_plan(hub)
        document = Document.objects.create(title="QĐ 123 đã ký", file=ContentFile(b"%PDF-1.4", name="qd-123.pdf"))
        decision = make_decision(
            number="123/QĐ-STP",
            date=datetime.date(2024, 12, 20),
            signer_name="Nguyễn Văn Minh",
            signer_position="Giám đốc",
            reason="vì đã có thành tích xuất sắc trong phong trào thi đua năm 2024",
            commendation_type="phase_or_theme",
            document=document,
            plan=plan,
            honours=[person("Trần Thị Hoa", unit), person("Lê Văn Bình", unit, award="giay-khen")],
        )
        roll_page = client.get(roll.url)
        assert f'href="{roll.url}{decision_link(decision)}"' in roll_page.content.decode()

        response = client.get(roll.url + decision_link(decision))
        assert response.status_code == 200
        text = text_of(response)
        assert "Quyết định số 123/QĐ-STP ngày 20/12/2024" in text
        assert "Sở Tư pháp tỉnh Đồng Tháp" in text
        assert "Nguyễn Văn Minh, Giám đốc" in text
        assert f"Cấp khen thưởng {decision.get_authority_display()}" in text
        assert f"Loại hình khen thưởng {decision.get_commendation_type_display()}" in text
        assert "Lý do: vì đã có thành tích xuất sắc trong phong trào thi đua năm 2024" in text
        assert "2 lượt khen thưởng" in text
        assert "Trần Thị Hoa" in text and "Lê Văn Bình" in text
        html = response.content.decode()
        assert document.url in html
        assert f'href="{plan.url}"' in html
        # The breadcrumb leads back to the roll and the listing.
        assert f'href="{roll.url}decisions/"' in html

    def test_a_proposal_has_no_page_and_is_never_listed(self, client, roll):
        proposal = make_decision(
            number="9/TTr-STP", status="proposed", authority="province", honours=[person("Võ Văn Tâm")]
        )
        awarded = make_decision(number="10/QĐ-STP", honours=[person("Võ Thị Lan")])
        assert client.get(roll.url + decision_link(proposal)).status_code == 404
        assert client.get(roll.url + "decisions/999999/").status_code == 404
        text = text_of(listing(client, roll))
        assert "10/QĐ-STP" in text and "9/TTr-STP" not in text
        # Not by its number, nor by the name of the person it proposes.
        assert "9/TTr-STP" not in text_of(listing(client, roll, q="9/ttr"))
        assert listed_numbers(listing(client, roll, q="vo van tam")) == []
        assert listed_numbers(listing(client, roll, q="vo thi lan")) == [awarded.number]

    def test_a_restricted_plan_is_not_linked_from_the_decision(self, client, roll, hub):
        plan = make_plan(hub)
        PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.LOGIN)
        decision = make_decision(number="5/QĐ-STP", plan=plan, honours=[person("Phan Văn An")])
        html = client.get(roll.url + decision_link(decision)).content.decode()
        assert f'href="{plan.url}"' not in html

    def test_honours_are_paginated_and_every_page_costs_the_same_queries(self, client, roll, unit):
        small = make_decision(number="1/QĐ-STP", honours=[person(f"Người Thứ {i}", unit) for i in range(3)])
        big = make_decision(number="2/QĐ-STP", honours=[person(f"Người Số {i:03d}", unit) for i in range(120)])
        page3 = client.get(roll.url + decision_link(big), {"page": 3})
        text = text_of(page3)
        assert "120 lượt khen thưởng" in text and "Trang 3/3" in text
        assert "Người Số 100" in text and "Người Số 119" in text and "Người Số 099" not in text
        counts = []
        for decision in (small, big):
            client.get(roll.url + decision_link(decision))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(roll.url + decision_link(decision)).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]

    def test_a_deep_page_of_a_decision_of_thousands_reads_its_page_from_the_roll_s_index(self, client, roll, unit):
        from thidua_wagtail.decision_views import decision_keys, decision_page_keys
        from thidua_wagtail.filters import ROLL_ORDER
        from thidua_wagtail.models import AwardType, Honour
        from thidua_wagtail.models.counts import refresh_counts

        award = AwardType.objects.get(code="lao-dong-tien-tien")
        big = make_decision(number="7/QĐ-STP", date=datetime.date(2024, 5, 2))
        other = make_decision(number="8/QĐ-STP", date=datetime.date(2024, 5, 2))
        Honour.objects.bulk_create(
            [Honour(decision=decision, person_name=f"Người {n} {i:05d}", award=award, unit=unit, unit_name=unit.name,
                    sort_order=(i * 7919) % 6000, decision_date=decision.date, decision_authority="department",
                    decision_status="awarded") for n, decision in (("A", big), ("B", other)) for i in range(6000)]
        )  # fmt: skip
        refresh_counts([big.pk, other.pk])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        in_order = list(Honour.objects.filter(decision=big).order_by(*ROLL_ORDER).values_list("person_name", flat=True))
        response = client.get(roll.url + decision_link(big), {"page": 100})
        text = text_of(response)
        assert "6.000 lượt khen thưởng" in text and "Trang 100/120" in text
        shown = [row["person_name"] for row in response.context["honours"]]
        assert shown == in_order[4950:5000]
        # A page's 50 keys from the roll's index, in order (the decision's status, date and key are its first
        # columns): no sort of the decision's 6,000 honours, nor a reading of the other decision's. (For the last
        # pages, PostgreSQL may rather sort the decision's keys than walk them: the same bounded work.)
        sql, params = decision_keys(big)[50:100].query.sql_with_params()
        assert (
            decision_page_keys(big, 4950, 50)
            == [pk for pk in Honour.objects.filter(decision=big).order_by(*ROLL_ORDER).values_list("pk", flat=True)][
                4950:5000
            ]
        )
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
                assert "thidua_honour_roll (decision_status=? AND decision_date=? AND decision_id=?)" in plan, plan
                assert "TEMP B-TREE" not in plan, plan
            else:
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = " ".join(row[0] for row in cursor.fetchall())
                assert "Scan using thidua_honour_roll" in plan and "Sort" not in plan, plan

    def test_the_rebuild_command_copies_a_decision_s_facts_again_onto_its_honours_after_a_write_past_the_models(
        self, client, roll, unit
    ):
        from thidua_wagtail.models import Honour, HonourCount

        decision = make_decision(
            number="9/QĐ-STP", date=datetime.date(2024, 3, 1), honours=[person("Trịnh Văn Một"), person("Mai Thị Hai")]
        )
        # A script moved the decision to another year, and set one honour's status, in SQL: the honours still carry
        # the old date, which the roll's index, its counts by year and the decision's own page read.
        Decision.objects.filter(pk=decision.pk).update(date=datetime.date(2023, 12, 1))
        Honour.objects.filter(person_name="Mai Thị Hai").update(decision_status="proposed")
        out = io.StringIO()
        call_command("thidua_rebuild_counts", stdout=out)
        assert "copied again onto 2 honour(s)" in out.getvalue()
        assert set(Honour.objects.values_list("decision_date", "decision_status")) == {
            (datetime.date(2023, 12, 1), "awarded")
        }
        assert dict(HonourCount.objects.filter(count__gt=0).values_list("year", "count")) == {2023: 2}
        text = text_of(client.get(roll.url + decision_link(decision)))
        assert "2 lượt khen thưởng" in text and "Trịnh Văn Một" in text and "Mai Thị Hai" in text
        # Nothing out of step: nothing copied, and the command says only what it counted.
        out = io.StringIO()
        call_command("thidua_rebuild_counts", stdout=out)
        assert "copied again" not in out.getvalue() and "2 honours counted" in out.getvalue()

    def test_revocation_links_both_decisions_and_the_revoked_honours_leave_the_list(self, client, roll):
        earlier = make_decision(number="30/QĐ-STP", date=datetime.date(2023, 3, 1), honours=[person("Đỗ Văn Sơn")])
        later = make_decision(
            number="31/QĐ-STP",
            date=datetime.date(2023, 9, 1),
            amendment="revokes",
            amends=earlier,
            amendment_text="Thu hồi do phát hiện sai phạm.",
        )
        text = text_of(client.get(roll.url + decision_link(earlier)))
        assert "Đã thu hồi" in text and "31/QĐ-STP" in text
        assert "1 lượt khen thưởng của quyết định này đã bị thu hồi" in text
        assert "Đỗ Văn Sơn" not in text
        html = client.get(roll.url + decision_link(later)).content.decode()
        assert f'href="{roll.url}{decision_link(earlier)}"' in html
        assert "Thu hồi Quyết định số 30/QĐ-STP ngày 1/3/2023" in text_of(client.get(roll.url + decision_link(later)))
        # Listed as what it does, not as a decision of no honour.
        listed = text_of(listing(client, roll, q="31/qd"))
        assert "Thu hồi một quyết định trước" in listed and "0 lượt khen thưởng" not in listed


class TestDecisionListing:
    @pytest.fixture
    def decisions(self, unit):
        return {
            "2022": make_decision(
                number="12/QĐ-STP", date=datetime.date(2022, 6, 1), honours=[person("Nguyễn Văn An", unit)]
            ),
            "2024": make_decision(
                number="45/QĐ-UBND",
                date=datetime.date(2024, 8, 28),
                authority="province",
                issuing_body="UBND tỉnh Đồng Tháp",
                commendation_type="phase_or_theme",
                honours=[person("Hồ Thị Yến", unit, award="bang-khen-cua-bo-ban-nganh-tinh")],
            ),
            "2025": make_decision(
                number="7/QĐ-STP",
                date=datetime.date(2025, 1, 15),
                honours=[
                    {
                        "recipient_kind": "collective",
                        "unit_text": "Phòng Tư pháp huyện Cao Lãnh",
                        "award": "tap-the-lao-dong-tien-tien",
                    }
                ],
            ),
        }

    def test_newest_first_with_each_decisions_honours_counted(self, client, roll, decisions):
        response = listing(client, roll)
        assert response.status_code == 200
        assert listed_numbers(response) == ["7/QĐ-STP", "45/QĐ-UBND", "12/QĐ-STP"]
        assert "3 quyết định" in text_of(response)
        assert f'href="{roll.url}{decision_link(decisions["2024"])}"' in response.content.decode()

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"year": "2024"}, ["45/QĐ-UBND"]),
            ({"authority": "province"}, ["45/QĐ-UBND"]),
            ({"commendation_type": "phase_or_theme"}, ["45/QĐ-UBND"]),
            ({"q": "12/qd-stp"}, ["12/QĐ-STP"]),  # a number without diacritics
            ({"q": "45"}, ["45/QĐ-UBND"]),
            ({"q": "nguyen van an"}, ["12/QĐ-STP"]),  # a person's name, as the roll finds it
            ({"q": "ho thi yen"}, ["45/QĐ-UBND"]),
            ({"q": "tư pháp huyện cao lãnh"}, ["7/QĐ-STP"]),  # a collective named in text
            ({"q": "không có ai tên này"}, []),
        ],
    )
    def test_filters_and_search(self, client, roll, decisions, params, expected):
        response = listing(client, roll, **params)
        assert response.status_code == 200
        assert listed_numbers(response) == expected
        if not expected:
            assert "Không có quyết định nào khớp với bộ lọc này." in text_of(response)

    def test_the_award_filter_takes_the_awards_given(self, client, roll, decisions):
        from thidua_wagtail.models import AwardType

        award = AwardType.objects.get(code="tap-the-lao-dong-tien-tien", locale__language_code="vi")
        assert listed_numbers(listing(client, roll, award=award.pk)) == ["7/QĐ-STP"]

    @pytest.mark.parametrize(
        ("params", "field", "message"),
        [
            ({"year": "abc"}, "year", "Nhập năm bằng chữ số, ví dụ 2024."),
            ({"year": "1800"}, "year", "1945"),
            (
                {"authority": "king"},
                "authority",
                "Giá trị này không có trong danh sách: hãy chọn một mục trong danh sách.",
            ),
            ({"award": "999999"}, "award", "Giá trị này không có trong danh sách: hãy chọn một mục trong danh sách."),
            ({"q": "x" * 101}, "q", "100"),
        ],
    )
    def test_bad_filters_are_reported_on_their_field_and_ignored(self, client, roll, decisions, params, field, message):
        response = listing(client, roll, **params)
        assert response.status_code == 200
        errors = re.findall(r'<p class="thidua-field__error">([^<]*)</p>', response.content.decode())
        assert any(message in error for error in errors), errors
        assert len(listed_numbers(response)) == 3  # the bad filter is ignored, the rest of the page works

    def test_the_listing_costs_the_same_queries_whatever_its_length(self, client, roll, unit):
        counts = []
        for n in (2, 25):
            for i in range(n - Decision.objects.count()):
                make_decision(number=f"{100 + len(counts) * 50 + i}/QĐ-STP", honours=[person(f"Người {i}", unit)])
            listing(client, roll)
            with CaptureQueriesContext(connection) as queries:
                listing(client, roll, q="nguoi")
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestInEnglish:
    def test_an_english_reader_gets_the_translated_decision_at_the_same_address_under_the_english_roll(
        self, client, roll
    ):
        english = Locale.objects.get_or_create(language_code="en")[0]
        decision = make_decision(number="8/QĐ-STP", reason="vì thành tích xuất sắc", honours=[person("Bùi Thị Vy")])
        english_decision = decision.copy_for_translation(english)
        english_decision.reason = "for outstanding achievements"
        english_decision.issuing_body = "Dong Thap Department of Justice"
        english_decision.save()
        hub = roll.get_parent()
        for page in (*hub.get_ancestors().filter(depth__gt=1), hub, roll):
            specific = page.specific
            if not specific.get_translations().filter(locale=english).exists():
                specific.copy_for_translation(english).save_revision().publish()
        english_roll = roll.get_translation(english)

        response = client.get(english_roll.url + decision_link(decision))
        assert response.status_code == 200
        text = text_of(response)
        assert "Reason: for outstanding achievements" in text
        assert "Dong Thap Department of Justice" in text
        assert "Bùi Thị Vy" in text  # names are facts, never translated
        # The translation's own number leads to the one address of the decision.
        redirect = client.get(english_roll.url + decision_link(english_decision))
        assert redirect.status_code == 301 and redirect["Location"].endswith(decision_link(decision))
        # The language switcher stays on the decision.
        html = client.get(roll.url + decision_link(decision)).content.decode()
        assert f'href="{english_roll.url}{decision_link(decision)}"' in html
        english_listing = text_of(client.get(english_roll.url + "decisions/"))
        assert "Decision No. 8/QĐ-STP of" in english_listing and "for outstanding achievements" in english_listing


def test_the_sitemap_lists_the_listing_and_every_public_decision_but_no_proposal(client, roll):
    awarded = make_decision(number="14/QĐ-STP", date=datetime.date(2024, 2, 3), honours=[person("Ngô Văn Nam")])
    proposal = make_decision(number="15/TTr-STP", status="proposed", authority="province")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert any(loc.endswith(roll.url + "decisions/") for loc in locations)
    page = next(loc for loc in locations if loc.endswith(roll.url + decision_link(awarded)))
    assert f"<loc>{page}</loc><lastmod>2024-02-03</lastmod>" in re.sub(r"\s+", "", xml)
    assert not any(loc.endswith(decision_link(proposal)) for loc in locations)
    # Every location the sitemap gives answers.
    for loc in locations:
        assert client.get(loc.split("://", 1)[1].split("/", 1)[1].join(["/", ""])).status_code == 200, loc


def test_the_hub_and_the_latest_decisions_panel_lead_to_the_decisions(client, roll, hub):
    from django.template import Context, Template
    from django.test import RequestFactory

    make_plan(hub)  # the hub shows its totals, with the links to the roll and the decisions
    decision = make_decision(number="16/QĐ-STP", honours=[person("Dương Thị Kim")])
    assert f'href="{roll.url}decisions/"' in client.get(hub.url).content.decode()
    request = RequestFactory().get("/vi/")
    html = Template("{% load thidua_tags %}{% thidua_latest_decisions_panel 5 %}").render(Context({"request": request}))
    assert f'href="{roll.url}{decision_link(decision)}"' in html and f'href="{roll.url}decisions/"' in html


def test_with_the_cache_on_the_decision_pages_are_kept_until_something_changes(client, roll, unit, settings):
    decision = make_decision(number="60/QĐ-STP", honours=[person(f"Người Số {i}", unit) for i in range(60)])
    urls = [(roll.url + decision_link(decision), {"page": 2}), (roll.url + "decisions/", {"q": "nguoi so"})]

    def queries_of(url, params):
        client.get(url, params)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    settings.THIDUA_CACHE = None
    computed = [queries_of(url, params) for url, params in urls]
    settings.THIDUA_CACHE = "default"
    kept = [queries_of(url, params) for url, params in urls]
    # Kept, a page reads only the page tree and the decision that names it: none of its content.
    assert all(k <= c - 5 for k, c in zip(kept, computed, strict=True)), (kept, computed)
    # An edit shows at once: the content version changed.
    decision.reason = "vì thành tích mới"
    decision.save()
    assert "Lý do: vì thành tích mới" in text_of(client.get(roll.url + decision_link(decision)))
    make_decision(number="61/QĐ-STP", honours=[person("Người Số Mới", unit)])
    assert "61/QĐ-STP" in text_of(listing(client, roll, q="nguoi so"))


def test_a_decision_amending_a_proposal_does_not_name_it_on_its_page(client, roll):
    proposal = make_decision(number="7/TTr-STP", status="proposed", authority="province", honours=[person("An")])
    amending = make_decision(number="8/QĐ-STP", amendment="corrects", amends=proposal, amendment_scope="whole")
    response = client.get(roll.url + decision_link(amending))
    assert response.status_code == 200
    assert "7/TTr-STP" not in response.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_listing_names_each_level_and_type_as_django_would_in_the_reader_s_language(language):
    """Decision's own get_authority_display and get_commendation_type_display (quicker than Django's, which the
    listing called on every row) give what Django's gives, for every value and for a value that is not a choice."""
    from django.db.models import Model
    from django.utils import translation

    from thidua_wagtail.models import Authority, CommendationType

    with translation.override(language):
        for authority in [*Authority.values, "", "retired-level"]:
            for kind in [*CommendationType.values, ""]:
                decision = Decision(authority=authority, commendation_type=kind)
                for name in ("authority", "commendation_type"):
                    expected = Model._get_FIELD_display(decision, Decision._meta.get_field(name))
                    assert getattr(decision, f"get_{name}_display")() == expected
        assert (
            Decision(authority="province").get_authority_display()
            == {
                "vi": "Chủ tịch UBND cấp tỉnh",
                "en": "Chair of the provincial People's Committee",
            }[language]
        )
