"""Two editors at once: nothing either of them enters is lost, and the one who would overwrite is told
(issue 10, item 2). Runs on SQLite and PostgreSQL alike."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_decision, make_hub, make_plan, make_unit, plan_post_data
from tests.test_honours import decision_form, honour_form
from thidua_wagtail.models import AwardType, Honour

pytestmark = pytest.mark.django_db

STALE = "Một đồng nghiệp đã lưu"


def loaded_revision(html):
    """The hidden inputs of the edit form that say which version the editor loaded."""
    fields = dict(re.findall(r'name="(loaded_revision_id|loaded_revision_created_at)" value="([^"]*)"', html))
    assert fields.get("loaded_revision_id"), "the edit form must say which revision it was loaded from"
    return fields


@pytest.fixture
def two_editors(django_user_model):
    clients = []
    for name in ("lan", "minh"):
        user = django_user_model.objects.create_superuser(name, f"{name}@example.vn", "x", first_name=name.title())
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_two_editors_adding_honours_to_one_decision_lose_nothing_and_the_second_is_told(two_editors):
    lan, minh = two_editors
    decision = make_decision(number="12/QĐ-STP")
    unit = make_unit()
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    edit_url = reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,))

    # Both open the decision.
    lan_form = loaded_revision(lan.get(edit_url).content.decode())
    minh_form = loaded_revision(minh.get(edit_url).content.decode())

    # Each adds an honour.
    add = reverse("wagtailsnippets_thidua_wagtail_honour:add")
    assert lan.post(add, honour_form(decision, unit, person_name="Nguyễn Văn An", award=award.pk)).status_code == 302
    assert minh.post(add, honour_form(decision, unit, person_name="Trần Thị Bình", award=award.pk)).status_code == 302

    # Both save the decision, each with a change of their own.
    first = lan.post(edit_url, {**decision_form(number="12/QĐ-STP"), "signer_name": "Lê Văn Cường", **lan_form})
    assert first.status_code == 302
    second = minh.post(edit_url, {**decision_form(number="12/QĐ-STP"), "signer_name": "Phạm Thị Dung", **minh_form})

    assert second.status_code == 200
    html = second.content.decode()
    assert STALE in html and "Lan" in html
    assert 'value="Phạm Thị Dung"' in html  # what the second editor typed is still there
    decision.refresh_from_db()
    assert decision.signer_name == "Lê Văn Cường"
    assert set(Honour.objects.filter(decision=decision).values_list("person_name", flat=True)) == {
        "Nguyễn Văn An",
        "Trần Thị Bình",
    }
    # Both saves are in the decision's history: the first as a revision, the second refused.
    assert decision.revisions.count() == 2  # the one made on upgrade or creation, and Lan's


def test_two_editors_adding_phases_to_one_plan_lose_nothing_and_the_second_is_told(two_editors):
    lan, minh = two_editors
    plan = make_plan(make_hub(), phases=1, start_year=2021, end_year=2025)
    edit_url = reverse("wagtailadmin_pages:edit", args=(plan.pk,))
    lan_form = loaded_revision(lan.get(edit_url).content.decode())
    minh_form = loaded_revision(minh.get(edit_url).content.decode())

    def with_phase(name, start, end, loaded):
        data = plan_post_data(plan)
        count = int(data["phases-TOTAL_FORMS"])
        data.update(
            {
                "phases-TOTAL_FORMS": str(count + 1),
                f"phases-{count}-name": name,
                f"phases-{count}-start_date": start,
                f"phases-{count}-end_date": end,
                f"phases-{count}-review_kind": "none",
                f"phases-{count}-ORDER": str(count + 1),
                f"phases-{count}-DELETE": "",
                f"phases-{count}-id": "",
            }
        )
        return {**data, **loaded, "action-publish": "action-publish"}

    # The factory's single phase covers the whole period: shorten it so that both new phases fit.
    plan.phases.update(end_date="2022-12-31")
    assert lan.post(edit_url, with_phase("Đợt 2", "2023-01-01", "2023-12-31", lan_form)).status_code == 302
    second = minh.post(edit_url, with_phase("Đợt 3", "2024-01-01", "2024-12-31", minh_form))
    assert second.status_code == 200
    html = second.content.decode()
    assert STALE in html and "Đợt 3" in html
    plan.refresh_from_db()
    assert sorted(plan.phases.values_list("name", flat=True)) == ["Đợt 1", "Đợt 2"]


def test_an_editor_alone_saves_twice_without_being_stopped(two_editors):
    lan, _minh = two_editors
    decision = make_decision(number="12/QĐ-STP")
    edit_url = reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,))
    for signer in ("Lê Văn Cường", "Lê Văn Cường (ký thay)"):
        loaded = loaded_revision(lan.get(edit_url).content.decode())
        response = lan.post(edit_url, {**decision_form(number="12/QĐ-STP"), "signer_name": signer, **loaded})
        assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.signer_name == "Lê Văn Cường (ký thay)"


def test_a_locked_decision_cannot_be_saved_by_another_editor(two_editors):
    lan, minh = two_editors
    decision = make_decision(number="12/QĐ-STP")
    assert lan.post(reverse("wagtailsnippets_thidua_wagtail_decision:lock", args=(decision.pk,))).status_code == 302
    edit_url = reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,))
    loaded = loaded_revision(minh.get(edit_url).content.decode())
    response = minh.post(edit_url, {**decision_form(number="12/QĐ-STP"), "signer_name": "Phạm Thị Dung", **loaded})
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.signer_name == "" and decision.locked


def test_the_editor_s_own_autosave_still_on_its_way_does_not_refuse_their_publish(two_editors):
    # Wagtail's autosave writes a revision every few moments: one that lands just before the editor's
    # "Xuất bản" is newer than the form the editor sends, but it is the editor's own work.
    lan, _minh = two_editors
    plan = make_plan(make_hub(), phases=1, start_year=2021, end_year=2025)
    edit_url = reverse("wagtailadmin_pages:edit", args=(plan.pk,))
    loaded = loaded_revision(lan.get(edit_url).content.decode())
    lan_user = lan.session["_auth_user_id"]
    plan.save_revision(user=plan._meta.apps.get_model("auth", "User").objects.get(pk=lan_user))

    published = lan.post(edit_url, {**plan_post_data(plan, summary="Tóm tắt mới"), **loaded, "action-publish": "1"})
    assert published.status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "Tóm tắt mới"

    # A colleague's revision in the same moment still stops it.
    loaded = loaded_revision(lan.get(edit_url).content.decode())
    plan.save_revision(user=plan._meta.apps.get_model("auth", "User").objects.get(username="minh"))
    refused = lan.post(edit_url, {**plan_post_data(plan, summary="Tóm tắt khác"), **loaded, "action-publish": "1"})
    assert refused.status_code == 200 and STALE in refused.content.decode()
