"""Revocation and correction (issue 11, item 8): a later decision revokes or corrects an earlier one, wholly or for
some honours, entered through the admin as an editor does; both stay on record and link to each other, revoked
honours leave the roll and the totals, and a correction shows on the decision it corrects."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_decision, make_hub, make_unit
from tests.test_honours import decision_form, rows_of
from tests.utils import text_of
from thidua_wagtail.models import Decision, Honour, HonourRollPage
from thidua_wagtail.stats import period_totals

pytestmark = pytest.mark.django_db

PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]


@pytest.fixture
def roll():
    hub = make_hub()
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=page)
    return page


@pytest.fixture
def earlier():
    unit = make_unit("Văn phòng Sở", kind="division")
    return make_decision(
        number="123/QĐ-STP",
        date=datetime.date(2024, 5, 10),
        honours=[{"person_name": name, "unit": unit, "award": "lao-dong-tien-tien"} for name in PEOPLE],
    )


def amending_form(earlier, number="200/QĐ-STP", date="2024-07-01", **fields):
    data = decision_form(number=number, date=date)
    data.update({"amendment": "revokes", "amends": earlier.pk, "amendment_scope": "whole", **fields})
    return data


def add_decision(editor, data):
    return editor.post(reverse("wagtailsnippets_thidua_wagtail_decision:add"), data)


def own_individuals(year=2024):
    return period_totals(year, year).own.individuals


def test_a_whole_revocation_takes_every_honour_off_the_roll_and_the_totals_and_both_decisions_link(
    editor, client, roll, earlier
):
    assert own_individuals() == 4 and "Nguyễn Văn An" in rows_of(client.get(roll.url))
    data = amending_form(earlier, amendment_text="Thu hồi do phát hiện vi phạm sau khi khen thưởng.")
    assert add_decision(editor, data).status_code == 302
    later = Decision.objects.get(number="200/QĐ-STP")
    assert set(earlier.honours.values_list("revoked_by", "decision_status")) == {(later.pk, "revoked")}
    assert own_individuals() == 0
    assert "Nguyễn Văn An" not in rows_of(client.get(roll.url))
    # Both stay on record, and each decision's form links to the other.
    edit_earlier = text_of(editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(earlier.pk,))))
    assert "Bị thu hồi bởi quyết định 200/QĐ-STP ngày 1/7/2024" in edit_earlier
    edit_later = text_of(editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(later.pk,))))
    assert "Quyết định này thu hồi quyết định 123/QĐ-STP ngày 10/5/2024" in edit_later
    assert "Đã thu hồi 4 trên tổng số 4 khen thưởng của quyết định đó." in edit_later
    # Deleting the revoking decision gives the honours back.
    later.delete()
    assert set(earlier.honours.values_list("revoked_by", "decision_status")) == {(None, "awarded")}
    assert own_individuals() == 4


def test_wrong_amendments_are_refused_on_the_field_and_nothing_is_saved(editor, earlier):
    proposal = make_decision(number="5/QĐ-UBND", authority="province", status="proposed")
    cases = [
        (amending_form(earlier, date="2024-01-01"), "amends", "sau quyết định này"),
        ({**amending_form(earlier), "amends": ""}, "amends", "Hãy chọn quyết định trước đó"),
        ({**amending_form(earlier), "amendment": ""}, "amendment", "thu hồi hay đính chính"),
        (amending_form(proposal), "amends", "chỉ quyết định đã khen thưởng mới có thể bị thu hồi"),
    ]
    for data, field, message in cases:
        response = add_decision(editor, data)
        assert response.status_code == 200
        assert message in str(response.context["form"].errors[field]), (field, response.context["form"].errors)
    assert not Decision.objects.filter(number="200/QĐ-STP").exists()
    assert not Honour.objects.filter(revoked_by__isnull=False).exists()


def test_some_honours_are_revoked_where_the_editor_chooses_them_and_the_choice_can_be_taken_back(
    editor, client, roll, earlier
):
    assert add_decision(editor, amending_form(earlier, amendment_scope="some")).status_code == 302
    later = Decision.objects.get(number="200/QĐ-STP")
    assert not earlier.honours.filter(revoked_by__isnull=False).exists()  # nothing until chosen
    chosen = list(earlier.honours.filter(person_name__in=PEOPLE[:2]))
    url = reverse("wagtail_bulk_action", args=("thidua_wagtail", "honour", "thidua_amend"))
    query = "&".join(f"id={h.pk}" for h in chosen)
    page = editor.get(f"{url}?{query}")
    assert "200/QĐ-STP" in text_of(page) and "Nguyễn Văn An" in text_of(page)
    response = editor.post(f"{url}?{query}", {"amending": later.pk}, follow=True)
    assert "2 khen thưởng bị thu hồi theo quyết định 200/QĐ-STP" in text_of(response)
    table = rows_of(client.get(roll.url))
    assert "Nguyễn Văn An" not in table and "Trần Thị Bình" not in table and "Lê Văn Cường" in table
    assert own_individuals() == 2
    # Chosen by mistake: taken back.
    editor.post(f"{url}?id={chosen[1].pk}", {"amending": later.pk, "undo": "on"})
    assert "Trần Thị Bình" in rows_of(client.get(roll.url)) and own_individuals() == 3
    # Turned into a correction, the decision releases what it revoked.
    later.amendment = "corrects"
    later.save()
    assert own_individuals() == 4


def test_honours_of_another_decision_cannot_be_marked_by_it(editor, earlier):
    assert add_decision(editor, amending_form(earlier, amendment_scope="some")).status_code == 302
    later = Decision.objects.get(number="200/QĐ-STP")
    other = make_decision(number="9/QĐ-STP", honours=[{"person_name": "Võ Văn Em", "award": "giay-khen"}])
    honour = other.honours.get()
    url = reverse("wagtail_bulk_action", args=("thidua_wagtail", "honour", "thidua_amend"))
    response = editor.post(f"{url}?id={honour.pk}", {"amending": later.pk})
    assert response.status_code == 200
    assert not Honour.objects.filter(revoked_by__isnull=False).exists()


def test_a_correction_shows_on_the_decision_it_corrects_and_on_its_honours(editor, client, roll, earlier):
    from news.models import NewsArticlePage, NewsIndexPage
    from tests.factories import make_home

    text = "Đính chính họ tên bà Trần Thị Bình thành Trần Thị Bính."
    data = amending_form(earlier, number="210/QĐ-STP", amendment="corrects", amendment_text=text)
    assert add_decision(editor, data).status_code == 302
    assert own_individuals() == 4  # a correction leaves the honours on the roll
    table = rows_of(client.get(roll.url))
    assert "Trần Thị Bình đã được đính chính theo quyết định 210/QĐ-STP ngày 1/7/2024" in table
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    make_home().add_child(instance=news)
    article = NewsArticlePage(title="Khen thưởng", slug="kt", body=[("decision_honours", {"decision": earlier})])
    news.add_child(instance=article)
    article.save_revision().publish()
    page = text_of(client.get(article.url))
    assert f"Đã đính chính theo Quyết định số 210/QĐ-STP ngày 1/7/2024: {text}" in page
