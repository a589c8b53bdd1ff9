"""The honours register as editors and visitors meet it: catalogue, decisions, totals, roll."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from tests.factories import make_decision, make_hub, make_unit
from tests.utils import text_of
from thidua_wagtail.catalogue import ENTRIES
from thidua_wagtail.catalogue_loader import load_catalogue
from thidua_wagtail.models import AwardType, Decision, Honour, HonourRollPage, HonourTally, Scope
from thidua_wagtail.stats import period_totals, totals_by_authority

pytestmark = pytest.mark.django_db


def rows_of(response):
    """The text of the roll's table body only (the filter form lists every unit and award too)."""
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def award(code):
    return AwardType.objects.get(code=code)


class TestCatalogue:
    def test_migrations_load_the_whole_legal_catalogue(self):
        assert AwardType.objects.filter(is_statutory=True).count() == len(ENTRIES)

    def test_loading_again_changes_nothing_and_restores_tampering(self):
        assert load_catalogue() == (0, 0)
        AwardType.objects.filter(code="lao-dong-tien-tien").update(name="Sai tên", authorities=["president"])
        local = AwardType.objects.create(code="khen-rieng", name="Khen thưởng riêng", category="form", group="other")
        assert load_catalogue() == (0, 1)
        restored = award("lao-dong-tien-tien")
        assert restored.name == "Lao động tiên tiến"
        assert "department" in restored.authorities
        assert AwardType.objects.get(pk=local.pk).name == "Khen thưởng riêng"

    def test_titles_and_forms_stay_apart(self):
        assert award("lao-dong-tien-tien").category == "title"
        assert award("giay-khen").category == "form"

    def test_editor_cannot_change_or_delete_a_statutory_entry(self, editor):
        entry = award("lao-dong-tien-tien")
        edit = reverse("wagtailsnippets_thidua_wagtail_awardtype:edit", args=(entry.pk,))
        assert editor.get(edit).status_code in (302, 403)
        editor.post(edit, {"name": "Đổi tên", "code": entry.code, "category": "title", "group": "individual_title"})
        delete = reverse("wagtailsnippets_thidua_wagtail_awardtype:delete", args=(entry.pk,))
        editor.post(delete)
        entry.refresh_from_db()
        assert entry.name == "Lao động tiên tiến"

    def test_editor_adds_and_edits_a_local_entry(self, editor):
        add = reverse("wagtailsnippets_thidua_wagtail_awardtype:add")
        data = {
            "name": "Giấy khen của Giám đốc Sở",
            "code": "giay-khen-so",
            "category": "form",
            "group": "certificate",
            "recipients": ["individual", "collective"],
            "authorities": ["department"],
            "legal_basis": "",
            "order": 900,
        }
        assert editor.post(add, data).status_code == 302
        local = AwardType.objects.get(code="giay-khen-so")
        assert local.recipients == ["collective", "individual"] and not local.is_statutory
        edit = reverse("wagtailsnippets_thidua_wagtail_awardtype:edit", args=(local.pk,))
        assert editor.post(edit, {**data, "name": "Giấy khen Sở"}).status_code == 302

    def test_local_entry_cannot_mix_a_title_group_with_the_form_category(self, editor):
        add = reverse("wagtailsnippets_thidua_wagtail_awardtype:add")
        data = {"name": "Lẫn lộn", "code": "lan-lon", "category": "form", "group": "individual_title", "order": 1}
        data.update({"recipients": ["individual"], "authorities": ["department"]})
        response = editor.post(add, data)
        assert response.status_code == 200
        assert "group" in response.context["form"].errors
        assert not AwardType.objects.filter(code="lan-lon").exists()


def decision_form(number="12/QĐ-STP", authority="department", date="2024-05-10"):
    return nested_form_data(
        {
            "number": number,
            "date": date,
            "authority": authority,
            "status": "awarded",
            "issuing_body": "Sở Tư pháp tỉnh Đồng Tháp",
            "signer_name": "",
            "signer_position": "Giám đốc",
            "commendation_type": "merit",
            "document": "",
            "plan": "",
            "movement": "",
            "phase": "",
            "amendment": "",
            "amends": "",
            "amendment_scope": "whole",
            "amendment_text": "",
        }
    )


def honour_form(decision, unit, **row):
    return {
        "decision": decision.pk,
        "recipient_kind": "individual",
        "person_name": "",
        "position": "",
        "unit": unit.pk,
        "achievement": "",
        "posthumous": "",
        **row,
    }


class TestAuthorityRules:
    """An editor adds honours one by one to a decision, from its own listing of honours."""

    def add_honour(self, editor, data):
        return editor.post(reverse("wagtailsnippets_thidua_wagtail_honour:add"), data)

    def errors(self, response, field):
        return " ".join(response.context["form"].errors.get(field, []))

    def test_a_department_cannot_award_a_provincial_certificate_of_merit(self, editor):
        decision, unit = make_decision(), make_unit()
        bang_khen = award("bang-khen-cua-bo-ban-nganh-tinh")
        response = self.add_honour(editor, honour_form(decision, unit, person_name="Nguyễn Văn An", award=bang_khen.pk))
        assert response.status_code == 200
        assert "không thuộc thẩm quyền" in self.errors(response, "award")
        assert not Honour.objects.exists()

    def test_a_collective_cannot_be_an_advanced_worker(self, editor):
        decision, unit = make_decision(), make_unit()
        data = honour_form(decision, unit, recipient_kind="collective", award=award("lao-dong-tien-tien").pk)
        response = self.add_honour(editor, data)
        assert "tập thể" in self.errors(response, "award")
        assert not Honour.objects.exists()

    def test_an_individual_needs_a_name(self, editor):
        decision, unit = make_decision(), make_unit()
        response = self.add_honour(editor, honour_form(decision, unit, award=award("lao-dong-tien-tien").pk))
        assert self.errors(response, "person_name")
        assert not Honour.objects.exists()

    def test_an_award_of_the_earlier_law_is_refused_after_2023(self, editor):
        decision, unit = make_decision(authority="province", date=datetime.date(2024, 5, 10)), make_unit()
        old = award("bang-khen-cap-bo-nganh-tinh-2003")
        response = self.add_honour(editor, honour_form(decision, unit, person_name="Lê Thị Hoa", award=old.pk))
        assert "không có hiệu lực vào ngày" in self.errors(response, "award")
        assert not Honour.objects.exists()

    def test_the_same_award_to_the_same_person_twice_is_refused(self, editor):
        decision, unit = make_decision(), make_unit()
        data = honour_form(decision, unit, person_name="Nguyễn Văn An", award=award("lao-dong-tien-tien").pk)
        assert self.add_honour(editor, data).status_code == 302
        response = self.add_honour(editor, {**data, "person_name": "nguyen van an"})
        assert "đã tặng hình thức khen thưởng này cho cùng đối tượng" in self.errors(response, "award")
        assert Honour.objects.count() == 1

    def test_a_valid_decision_is_saved_then_given_its_honours(self, editor):
        unit = make_unit()
        assert editor.post(reverse("wagtailsnippets_thidua_wagtail_decision:add"), decision_form()).status_code == 302
        decision = Decision.objects.get()
        rows = [
            {"person_name": "Nguyễn Văn An", "award": award("lao-dong-tien-tien").pk},
            {"recipient_kind": "collective", "award": award("tap-the-lao-dong-tien-tien").pk},
        ]
        for row in rows:
            response = self.add_honour(editor, honour_form(decision, unit, **row))
            assert response.status_code == 302
            assert response["Location"].endswith(f"?decision={decision.pk}")
        assert decision.honours.count() == 2
        assert {h.decision_date for h in decision.honours.all()} == {datetime.date(2024, 5, 10)}
        assert list(decision.honours.order_by("sort_order").values_list("person_name", flat=True)) == [
            "Nguyễn Văn An",
            "",
        ]

    def test_changing_the_decisions_level_is_refused_when_its_honours_would_fall_outside_it(self, editor):
        decision = make_decision(
            authority="province",
            date=datetime.date(2024, 5, 10),
            honours=[{"person_name": "Lê Thị Hoa", "award": "bang-khen-cua-bo-ban-nganh-tinh"}],
        )
        url = reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,))
        response = editor.post(url, decision_form(number=decision.number, authority="department"))
        assert response.status_code == 200
        assert "không thuộc thẩm quyền" in " ".join(response.context["form"].errors["authority"])
        decision.refresh_from_db()
        assert decision.authority == "province"


class TestTotals:
    def test_totals_per_scope_in_one_query_each(self, django_assert_num_queries):
        unit = make_unit()
        make_decision(
            honours=[
                {"recipient_kind": "individual", "person_name": "A", "award": "lao-dong-tien-tien", "unit": unit},
                {"recipient_kind": "individual", "person_name": "B", "award": "lao-dong-tien-tien", "unit": unit},
                {"recipient_kind": "collective", "award": "tap-the-lao-dong-tien-tien", "unit": unit},
            ]
        )
        make_decision(
            number="9/QĐ-UBND",
            authority="province",
            honours=[{"recipient_kind": "individual", "person_name": "C", "award": "bang-khen-cua-bo-ban-nganh-tinh"}],
        )
        make_decision(
            number="10/QĐ-STP",
            status="proposed",
            honours=[{"recipient_kind": "individual", "person_name": "D", "award": "lao-dong-tien-tien"}],
        )
        with django_assert_num_queries(2):  # the aggregate, and the tallies
            totals = period_totals(2021, 2025)
        assert (totals.own.collectives, totals.own.individuals) == (1, 2)
        assert (totals.higher.collectives, totals.higher.individuals) == (0, 1)
        by_authority = totals_by_authority(2021, 2025)
        assert list(by_authority) == ["province", "department"]

    def test_a_tally_wins_over_records_of_the_same_period_and_scope(self):
        make_decision(
            date=datetime.date(2018, 3, 1),
            honours=[{"recipient_kind": "individual", "person_name": "A", "award": "lao-dong-tien-tien"}],
        )
        HonourTally.objects.create(start_year=2016, end_year=2020, scope=Scope.OWN, collectives=43, individuals=333)
        totals = period_totals(2016, 2020)
        assert (totals.own.collectives, totals.own.individuals) == (43, 333)
        assert totals.sources == {"own": "tally", "higher": "records"}

    def test_demo_shows_the_article_s_2016_2020_figures(self, client):
        from django.core.management import call_command

        call_command("load_demo", stdout=open("/dev/null", "w"))
        text = text_of(client.get("/vi/thi-dua-khen-thuong/"))
        assert "2016–2020 43 tập thể, 333 cá nhân 16 tập thể, 20 cá nhân (UBND Tỉnh, Bộ Tư pháp, Chính phủ)" in text


@pytest.fixture
def roll():
    hub = make_hub()
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=page)
    return page


class TestHonourRoll:
    def test_name_search_ignores_diacritics_and_case(self, client, roll):
        unit = make_unit("Phòng Hành chính tư pháp")
        make_decision(
            honours=[
                {
                    "recipient_kind": "individual",
                    "person_name": "Nguyễn Văn An",
                    "award": "lao-dong-tien-tien",
                    "unit": unit,
                },
                {
                    "recipient_kind": "individual",
                    "person_name": "Trần Thị Bình",
                    "award": "lao-dong-tien-tien",
                    "unit": unit,
                },
            ]
        )
        text = rows_of(client.get(roll.url, {"q": "nguyen van an"}))
        assert "Nguyễn Văn An" in text and "Trần Thị Bình" not in text
        assert "Nguyễn Văn An" in rows_of(client.get(roll.url, {"q": "NGUYỄN VĂN"}))

    def test_filters_and_public_fields_only(self, client, roll):
        unit_a, unit_b = make_unit("Phòng A"), make_unit("Phòng B")
        make_decision(
            honours=[
                {
                    "recipient_kind": "individual",
                    "person_name": "Người A",
                    "award": "lao-dong-tien-tien",
                    "unit": unit_a,
                    "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2022",
                },
                {"recipient_kind": "collective", "award": "tap-the-lao-dong-tien-tien", "unit": unit_b},
            ]
        )
        make_decision(
            number="2/QĐ-STP",
            status="proposed",
            honours=[{"recipient_kind": "individual", "person_name": "Chưa quyết định", "award": "lao-dong-tien-tien"}],
        )
        text = rows_of(client.get(roll.url))
        assert "Người A" in text and "Phòng B" in text
        assert "Chưa quyết định" not in text  # proposals are not honours yet
        assert "Hoàn thành xuất sắc nhiệm vụ năm 2022" in text  # the achievement is public, with its honour
        # In the award's cell of the honour's own row, as markup: a row with an achievement was once escaped whole,
        # and showed its tags as text.
        html = client.get(roll.url).content.decode()
        row = re.search(r"<tr><th scope=\"row\" data-label=\"[^\"]+\">Người A</th>.*?</tr>", html)
        assert row and '<p class="thidua-achievement">' in row.group(0), html.split("<tbody>", 1)[-1][:600]
        assert "&lt;td" not in html and "&lt;th" not in html
        assert "Phòng B" not in rows_of(client.get(roll.url, {"unit": unit_a.pk}))
        assert "Người A" not in rows_of(client.get(roll.url, {"kind": "collective"}))
        assert "Người A" not in rows_of(client.get(roll.url, {"year_from": 2023}))
        assert "Người A" in text_of(
            client.get(roll.url, {"year_from": 2022, "year_to": 2022, "authority": "department"})
        )

    def test_bad_filter_values_get_a_message_not_an_error(self, client, roll):
        response = client.get(roll.url, {"year_from": "abc", "unit": "999999", "kind": "<script>", "page": "x"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()

    def test_pagination_is_stable_and_complete(self, client, roll, settings):
        settings.THIDUA_ROLL_PAGE_SIZE = 7
        rows = [
            {"recipient_kind": "individual", "person_name": f"Người {i:02d}", "award": "lao-dong-tien-tien"}
            for i in range(20)
        ]
        make_decision(honours=rows)
        seen = []
        for page in (1, 2, 3):
            seen += re.findall(r"Người \d\d", rows_of(client.get(roll.url, {"page": page})))
        assert sorted(seen) == [f"Người {i:02d}" for i in range(20)]

    def test_query_count_does_not_grow_with_honours(self, client, roll):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def count():
            client.get(roll.url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(roll.url, {"q": "nguoi"}).status_code == 200
            return len(ctx.captured_queries)

        make_decision(
            honours=[
                {"recipient_kind": "individual", "person_name": f"Người {i}", "award": "giay-khen"} for i in range(10)
            ]
        )
        small = count()
        make_decision(
            number="3/QĐ-STP",
            honours=[
                {"recipient_kind": "individual", "person_name": f"Người {i}", "award": "giay-khen"} for i in range(300)
            ],
        )
        assert count() == small


class TestUnitHistory:
    def test_an_old_honour_keeps_the_unit_s_old_name(self):
        unit = make_unit("Phòng Tư pháp huyện Tân Hồng", kind="local_office")
        decision = make_decision(
            honours=[{"recipient_kind": "collective", "award": "tap-the-lao-dong-tien-tien", "unit": unit}]
        )
        unit.name = "Phòng Văn hóa – Xã hội xã Tân Hồng"
        unit.save()
        decision.save()
        honour = Honour.objects.get()
        honour.save()
        assert honour.unit_name == "Phòng Tư pháp huyện Tân Hồng"


@pytest.mark.parametrize(
    "filters",
    [{}, {"unit_id": 1}, {"award_id": 1}, {"decision_authority": "department"}, {"recipient_kind": "collective"}],
)
def test_roll_queries_read_honours_through_an_index(filters):
    from django.db import connection

    from thidua_wagtail.filters import roll_queryset

    queryset = roll_queryset().filter(decision_status="awarded", **filters)[:50]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # With a handful of rows the planner rightly scans; forbid that to see which index it can use.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert re.search(
                r"Index (Only )?Scan[^>]* on thidua_wagtail_honour|Bitmap Index Scan on thidua_honour", plan
            ), plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert re.search(r"SEARCH thidua_wagtail_honour USING (COVERING )?INDEX thidua_honour_", plan), plan


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "999999"},
        {"year_from": "99999"},
        {"unit": "abc"},
        {"q": "x" * 10000},
        {"award": "1e9"},
        {"movement": "-5"},
        {"year_from": "2020", "year_to": "2010"},
        {"kind": ["individual", "collective"]},
    ],
)
def test_odd_query_strings_never_fail(client, roll, params):
    make_decision(honours=[{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": "giay-khen"}])
    assert client.get(roll.url, params).status_code == 200
    assert client.get(roll.url + "export/csv/", params).status_code == 200


@pytest.mark.parametrize("field", ["unit", "award", "movement"])
def test_a_filter_naming_nothing_in_its_list_is_reported_on_its_field_and_ignored(client, roll, field):
    make_decision(honours=[{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": "giay-khen"}])
    response = client.get(roll.url, {field: "999999"})
    assert response.status_code == 200
    errors = re.findall(r'<p class="thidua-field__error"[^>]*>([^<]*)</p>', response.content.decode())
    assert "Giá trị này không có trong danh sách: hãy chọn một mục trong danh sách." in errors, errors
    assert "Nguyễn Văn An" in rows_of(response)


def test_a_longer_period_adds_the_tally_to_the_records_of_its_other_years():
    HonourTally.objects.create(start_year=2016, end_year=2020, scope=Scope.OWN, collectives=43, individuals=333)
    make_decision(
        date=datetime.date(2018, 3, 1),
        honours=[{"recipient_kind": "individual", "person_name": "Cũ", "award": "lao-dong-tien-tien"}],
    )
    make_decision(
        number="5/QĐ-STP",
        date=datetime.date(2022, 3, 1),
        honours=[{"recipient_kind": "individual", "person_name": "Mới", "award": "lao-dong-tien-tien"}],
    )
    totals = period_totals(2016, 2025)
    assert (totals.own.collectives, totals.own.individuals) == (43, 334)
    assert totals.sources["own"] == "mixed"


def test_decision_status_change_reaches_the_roll(client, roll):
    decision = make_decision(
        honours=[{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": "giay-khen"}]
    )
    assert "Nguyễn Văn An" in rows_of(client.get(roll.url))
    decision.status = "proposed"
    decision.save()
    assert "Nguyễn Văn An" not in rows_of(client.get(roll.url))
