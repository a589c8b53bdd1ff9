"""Refusals instead of crashes, and choosers behind permissions (issue 10, items 4 and 5)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import make_decision, make_unit
from thidua_wagtail.models import AwardType, Unit

pytestmark = pytest.mark.django_db

MODELS = ["unit", "awardtype", "decision", "honourtally", "exemplarymodel", "emulationzone"]


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_deleting_a_unit_that_honours_use_is_refused_with_a_message(editor):
    unit = make_unit("Phòng Hành chính – Tư pháp")
    make_decision(number="12/QĐ-STP", honours=[{"recipient_kind": "collective", "unit": unit, "award": "giay-khen"}])
    url = reverse("wagtailsnippets_thidua_wagtail_unit:delete", args=(unit.pk,))
    response = editor.post(url, follow=True)
    assert response.status_code == 200
    assert Unit.objects.filter(pk=unit.pk).exists()
    html = response.content.decode()
    assert "không thể xóa" in html.lower() or "không thể xoá" in html.lower()
    assert "12/QĐ-STP" in html
    assert reverse("wagtailsnippets_thidua_wagtail_unit:usage", args=(unit.pk,)) in html


def test_bulk_delete_of_units_deletes_none_when_one_is_used(editor):
    used, unused = make_unit("Phòng A"), make_unit("Phòng B")
    make_decision(honours=[{"recipient_kind": "collective", "unit": used, "award": "giay-khen"}])
    url = reverse("wagtail_bulk_action", args=("thidua_wagtail", "unit", "delete"))
    response = editor.post(f"{url}?id={used.pk}&id={unused.pk}", follow=True)
    assert response.status_code == 200
    assert Unit.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2
    assert "Phòng A" in response.content.decode()


def test_unused_unit_is_still_deleted(editor):
    unit = make_unit("Phòng đã giải thể")
    response = editor.post(reverse("wagtailsnippets_thidua_wagtail_unit:delete", args=(unit.pk,)))
    assert response.status_code == 302
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_deleting_a_local_award_in_use_is_refused(editor):
    award = AwardType.objects.create(
        code="giay-khen-cong-doan",
        name="Giấy khen của Công đoàn ngành",
        category="form",
        group="other",
        recipients=["individual"],
        authorities=["department"],
    )
    make_decision(honours=[{"recipient_kind": "individual", "person_name": "Lê Thị Hoa", "award": award}])
    response = editor.post(reverse("wagtailsnippets_thidua_wagtail_awardtype:delete", args=(award.pk,)), follow=True)
    assert response.status_code == 200
    assert AwardType.objects.filter(pk=award.pk).exists()
    url = reverse("wagtail_bulk_action", args=("thidua_wagtail", "awardtype", "delete"))
    assert editor.post(f"{url}?id={award.pk}", follow=True).status_code == 200
    assert AwardType.objects.filter(pk=award.pk).exists()


@pytest.fixture
def admin_only(client, django_user_model):
    """A user who may enter the admin and has no permission on the package's models."""
    user = django_user_model.objects.create_user("khach", "khach@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", ["choose", "choose_results"])
def test_choosers_refuse_users_without_a_permission_on_the_model(client, admin_only, model, view):
    make_unit()
    response = client.get(reverse(f"wagtailsnippetchoosers_thidua_wagtail_{model}:{view}"))
    assert response.status_code in (302, 403)
    assert "Sở Tư pháp" not in response.content.decode()


def test_chosen_view_refuses_users_without_a_permission(client, admin_only):
    unit = make_unit()
    response = client.get(reverse("wagtailsnippetchoosers_thidua_wagtail_unit:chosen", args=(unit.pk,)))
    assert response.status_code in (302, 403)


def test_a_view_permission_opens_only_that_models_chooser(client, admin_only):
    make_unit("Sở Tư pháp tỉnh Đồng Tháp")
    admin_only.user_permissions.add(Permission.objects.get(codename="view_unit"))
    response = client.get(reverse("wagtailsnippetchoosers_thidua_wagtail_unit:choose_results"))
    assert response.status_code == 200
    assert "Sở Tư pháp tỉnh Đồng Tháp" in response.content.decode()
    assert client.get(reverse("wagtailsnippetchoosers_thidua_wagtail_decision:choose")).status_code in (302, 403)
