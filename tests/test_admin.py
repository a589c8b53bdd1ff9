"""The admin as an editor meets it: finding plans, the Vietnamese interface."""

import pytest
from django.urls import reverse

from tests.factories import make_hub, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "x"))
    return client


def test_editor_finds_a_plan_by_its_number(editor):
    plan = make_plan(make_hub(), number="599/KH-STP", title="Phát động phong trào thi đua yêu nước")
    response = editor.get(reverse("wagtailadmin_pages:search"), {"q": "599"})
    assert response.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=(plan.pk,)) in response.content.decode()


def test_plan_form_speaks_vietnamese_and_shows_day_first_dates(editor):
    plan = make_plan(make_hub())
    html = editor.get(reverse("wagtailadmin_pages:edit", args=(plan.pk,))).content.decode()
    for label in ["Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Các đợt thi đua", "Phong trào thi đua"]:
        assert label in html
    assert 'value="28/05/2021"' in html


def test_units_menu_lists_units_with_their_kind(editor):
    from tests.factories import make_unit

    make_unit("Phòng Tư pháp huyện Tân Hồng", kind="local_office")
    html = editor.get(reverse("wagtailsnippets_thidua_wagtail_unit:list")).content.decode()
    assert "Phòng Tư pháp huyện Tân Hồng" in html
    assert "Cơ quan cấp huyện, cấp xã" in html
