"""Issue 11, items 5 and 7: collectives named in text, decisions with their reason, the roll's filters by type of
commendation and decision number, as an editor enters them and a visitor meets them."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import make_decision, make_hub, make_unit
from tests.test_honours import award, decision_form, rows_of
from tests.utils import text_of
from thidua_wagtail.models import Decision, Honour, HonourRollPage
from thidua_wagtail.stats import period_totals

pytestmark = pytest.mark.django_db

OTHER_AGENCY = "Phòng Tư pháp huyện Cao Lãnh"


@pytest.fixture
def roll():
    hub = make_hub()
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=page)
    return page


def add_honour(editor, data):
    return editor.post(reverse("wagtailsnippets_thidua_wagtail_honour:add"), data)


def collective(decision, **row):
    """The honour form as an editor fills it for a collective: no unit chosen unless ``row`` gives one."""
    data = {
        "decision": decision.pk,
        "recipient_kind": "collective",
        "person_name": "",
        "position": "",
        "unit": "",
        "unit_text": "",
        "award": award("tap-the-lao-dong-tien-tien").pk,
        "achievement": "",
        "posthumous": "",
    }
    return {**data, **row}


class TestCollectivesNamedInText:
    def test_an_editor_names_a_collective_of_another_agency_without_a_unit_record(self, editor, client, roll):
        decision = make_decision(number="20/QĐ-STP")
        response = add_honour(editor, collective(decision, unit_text=f"  {OTHER_AGENCY} "))
        assert response.status_code == 302
        honour = Honour.objects.get()
        assert honour.unit_id is None and honour.unit_name == OTHER_AGENCY
        # The roll shows it, finds it without diacritics, and the totals and export count it.
        assert OTHER_AGENCY in rows_of(client.get(roll.url))
        assert OTHER_AGENCY in rows_of(client.get(roll.url, {"q": "tu phap huyen cao lanh"}))
        assert period_totals(2022, 2022).own.collectives == 1
        export = b"".join(client.get(roll.url + "export/csv/").streaming_content).decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(export)))[1][0] == OTHER_AGENCY

    def test_a_collective_with_neither_unit_nor_name_is_refused_on_the_field(self, editor):
        decision = make_decision()
        response = add_honour(editor, collective(decision))
        assert response.status_code == 200
        message = " ".join(response.context["form"].errors["unit"])
        assert "Chọn tập thể (đơn vị) được khen thưởng" in message and "Tên đơn vị (ghi bằng chữ)" in message
        assert not Honour.objects.exists()

    def test_the_same_collective_named_twice_in_one_decision_is_refused(self, editor):
        decision = make_decision()
        assert add_honour(editor, collective(decision, unit_text=OTHER_AGENCY)).status_code == 302
        # A second, different collective with the same award is not a duplicate.
        assert add_honour(editor, collective(decision, unit_text="Phòng Tư pháp huyện Tháp Mười")).status_code == 302
        response = add_honour(editor, collective(decision, unit_text="phong tu phap huyen cao lanh"))
        assert response.status_code == 200
        assert "đã tặng hình thức khen thưởng này cho cùng đối tượng" in " ".join(
            response.context["form"].errors["award"]
        )
        assert decision.honours.count() == 2

    def test_a_unit_chosen_and_a_name_written_shows_the_name_and_keeps_the_link(self, editor, client, roll):
        decision = make_decision()
        unit = make_unit("Văn phòng Sở")
        data = collective(decision, unit=unit.pk, unit_text="Văn phòng Sở Tư pháp (nay là Văn phòng Sở)")
        assert add_honour(editor, data).status_code == 302
        honour = Honour.objects.get()
        assert honour.unit_id == unit.pk and honour.unit_name.startswith("Văn phòng Sở Tư pháp (nay")
        assert "nay là Văn phòng Sở" in rows_of(client.get(roll.url, {"unit": unit.pk}))
        # Clearing the written name brings back the unit's own name.
        edit = reverse("wagtailsnippets_thidua_wagtail_honour:edit", args=(honour.pk,))
        assert editor.post(edit, {**data, "unit_text": ""}).status_code == 302
        honour.refresh_from_db()
        assert honour.unit_name == "Văn phòng Sở"

    def test_an_import_keeps_collectives_it_does_not_know_as_written_and_says_so(self, editor, client, roll):
        make_unit("Phòng Hành chính tư pháp")
        decision = make_decision()
        rows = [
            ["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng"],
            ["Tập thể", "", "", "Phòng Hành chính tư pháp", "Tập thể lao động tiên tiến"],
            ["Tập thể", "", "", OTHER_AGENCY, "Tập thể lao động tiên tiến"],
            ["Cá nhân", "Trần Văn Bình", "Trưởng phòng", OTHER_AGENCY, "Lao động tiên tiến"],
        ]
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        data = io.BytesIO()
        workbook.save(data)
        data.name = "ds.xlsx"
        data.seek(0)
        url = reverse("thidua_import_honours", args=(decision.pk,))
        response = editor.post(url, {"file": data}, follow=True)
        assert decision.honours.count() == 3
        linked, named = decision.honours.get(unit__isnull=False), decision.honours.get(person_name="", unit=None)
        assert linked.unit_name == "Phòng Hành chính tư pháp" and named.unit_name == OTHER_AGENCY
        assert decision.honours.get(person_name="Trần Văn Bình").unit_name == OTHER_AGENCY
        notices = " ".join(str(m) for m in response.context["messages"])
        assert f"dòng 3: “{OTHER_AGENCY}” không có trong danh sách đơn vị" in notices
        # The same file again adds nothing: a collective named in text is recognised by its name.
        data.seek(0)
        editor.post(url, {"file": data})
        assert decision.honours.count() == 3
        table = rows_of(client.get(roll.url))
        assert table.count(OTHER_AGENCY) == 2


class TestDecisionReason:
    def test_the_reason_typed_in_the_form_is_shown_with_the_decision_s_honours(self, editor, client):
        from news.models import NewsArticlePage, NewsIndexPage
        from tests.factories import make_home

        data = decision_form(number="31/QĐ-STP")
        data["reason"] = "Vì đã có thành tích xuất sắc trong năm 2024"
        assert editor.post(reverse("wagtailsnippets_thidua_wagtail_decision:add"), data).status_code == 302
        decision = Decision.objects.get(number="31/QĐ-STP")
        assert decision.reason == "Vì đã có thành tích xuất sắc trong năm 2024"
        Honour.objects.create(
            decision=decision,
            person_name="Nguyễn Văn An",
            award=award("lao-dong-tien-tien"),
            achievement="Hoàn thành xuất sắc nhiệm vụ được giao",
        )
        news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        make_home().add_child(instance=news)
        article = NewsArticlePage(
            title="Khen thưởng", slug="khen-thuong", body=[("decision_honours", {"decision": decision})]
        )
        news.add_child(instance=article)
        article.save_revision().publish()
        text = text_of(client.get(article.url))
        assert "Lý do: Vì đã có thành tích xuất sắc trong năm 2024" in text
        assert "Hoàn thành xuất sắc nhiệm vụ được giao" in text


class TestRollFilters:
    @pytest.fixture
    def decisions(self):
        make_decision(
            number="123/QĐ-STP",
            commendation_type="merit",
            honours=[{"person_name": "Nguyễn Văn An", "award": "lao-dong-tien-tien"}],
        )
        make_decision(
            number="45/QĐ-STP",
            commendation_type="unscheduled",
            honours=[{"person_name": "Lê Thị Hoa", "award": "giay-khen"}],
        )

    def test_by_type_of_commendation(self, client, roll, decisions):
        response = client.get(roll.url, {"commendation_type": "unscheduled"})
        assert "Lê Thị Hoa" in rows_of(response) and "Nguyễn Văn An" not in rows_of(response)
        assert "Loại hình khen thưởng: Khen thưởng đột xuất" in text_of(response)

    def test_by_decision_number_whole_or_in_part_with_or_without_diacritics(self, client, roll, decisions):
        for typed in ("123/QĐ-STP", "123/qd-stp", "123", " 123 / QĐ "):
            table = rows_of(client.get(roll.url, {"decision": typed}))
            assert "Nguyễn Văn An" in table and "Lê Thị Hoa" not in table, typed
        assert "Không có lượt khen thưởng nào" in text_of(client.get(roll.url, {"decision": "999/QĐ"}))

    def test_bad_values_get_a_message_and_filter_nothing(self, client, roll, decisions):
        response = client.get(roll.url, {"commendation_type": "<script>", "decision": "x" * 80})
        assert response.status_code == 200
        form = response.context["filter_form"]
        assert form.errors["commendation_type"] and form.errors["decision"]
        table = rows_of(response)
        assert "Nguyễn Văn An" in table and "Lê Thị Hoa" in table

    def test_a_decision_type_changed_later_moves_its_honours_in_the_filter(self, client, roll, decisions):
        decision = Decision.objects.get(number="45/QĐ-STP")
        decision.commendation_type = "merit"
        decision.save()
        assert "Lê Thị Hoa" in rows_of(client.get(roll.url, {"commendation_type": "merit"}))
