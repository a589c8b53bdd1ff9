"""Bad input in the admin forms: a clear Vietnamese message on the field, and nothing saved."""

import pytest
from django.urls import reverse
from wagtail.models import Revision

from tests.factories import make_hub, make_plan, make_unit, new_plan_data, plan_post_data
from thidua_wagtail.models import Phase, PlanPage, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    return make_hub()


def add_plan(client, hub, data):
    url = reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk))
    return client.post(url, {**data, "action-publish": "action-publish"})


def errors_of(response):
    return response.content.decode()


def field_errors(response, field, formset=None, row=None):
    """The errors the editor sees on one field: of the page form, or of one inline row."""
    form = response.context["form"]
    if formset is not None:
        form = form.formsets[formset].forms[row]
    return " ".join(form.errors.get(field, []))


PHASE_1 = {"name": "Đợt 1", "start_date": "2021-01-01", "end_date": "2023-08-28"}
PHASE_2 = {"name": "Đợt 2", "start_date": "2023-08-29", "end_date": "2025-08-28"}


def test_valid_plan_is_saved(editor, hub):
    response = add_plan(editor, hub, new_plan_data(make_unit(), [PHASE_1, PHASE_2]))
    assert response.status_code == 302
    assert PlanPage.objects.get().phases.count() == 2


def test_phase_ending_before_it_starts_is_refused(editor, hub):
    bad = {"name": "Đợt ngược", "start_date": "2023-08-28", "end_date": "2021-01-01"}
    response = add_plan(editor, hub, new_plan_data(make_unit(), [bad]))
    assert response.status_code == 200
    html = errors_of(response)
    assert "Ngày kết thúc không được trước ngày bắt đầu." in html
    assert "Ngày kết thúc" in field_errors(response, "end_date", "phases", 0)
    assert "Đợt ngược" in html  # what the editor typed is still in the form
    assert not PlanPage.objects.exists()
    assert not Phase.objects.exists()


def test_overlapping_phases_are_refused(editor, hub):
    overlapping = {**PHASE_2, "start_date": "2023-01-01"}
    response = add_plan(editor, hub, new_plan_data(make_unit(), [PHASE_1, overlapping]))
    assert response.status_code == 200
    assert "Đợt này trùng thời gian với “Đợt 1”" in errors_of(response)
    assert "trùng thời gian" in field_errors(response, "start_date", "phases", 1)
    assert field_errors(response, "start_date", "phases", 0) == ""
    assert not PlanPage.objects.exists()


def test_phase_outside_the_plan_period_is_refused(editor, hub):
    early = {**PHASE_1, "start_date": "2020-10-01"}
    late = {**PHASE_2, "end_date": "2026-03-01"}
    response = add_plan(editor, hub, new_plan_data(make_unit(), [early, late]))
    html = errors_of(response)
    assert "Đợt thi đua bắt đầu trước giai đoạn thực hiện kế hoạch (2021–2025)." in html
    assert "Đợt thi đua kết thúc sau giai đoạn thực hiện kế hoạch (2021–2025)." in html
    assert "bắt đầu trước" in field_errors(response, "start_date", "phases", 0)
    assert "kết thúc sau" in field_errors(response, "end_date", "phases", 1)
    assert not PlanPage.objects.exists()


def test_plan_ending_before_it_starts_is_refused(editor, hub):
    response = add_plan(editor, hub, new_plan_data(make_unit(), [], start_year=2025, end_year=2021))
    assert "Năm kết thúc không được trước năm bắt đầu." in field_errors(response, "end_year")
    assert not PlanPage.objects.exists()


def test_plan_number_used_twice_by_the_same_issuer_is_refused(editor, hub):
    issuer = make_unit()
    existing = make_plan(hub, issuer=issuer, number="599/KH-STP")
    response = add_plan(editor, hub, new_plan_data(issuer, [PHASE_1], number="599/kh-stp "))
    assert response.status_code == 200
    assert f"Số kế hoạch 599/kh-stp đã được dùng cho “{existing.title}” của cùng cơ quan ban hành." in errors_of(
        response
    )
    assert "đã được dùng" in field_errors(response, "number")
    assert PlanPage.objects.count() == 1


def test_same_number_from_another_issuer_is_accepted(editor, hub):
    make_plan(hub, issuer=make_unit("Sở Tư pháp tỉnh An Giang"), number="599/KH-STP")
    response = add_plan(editor, hub, new_plan_data(make_unit("Sở Tư pháp tỉnh Đồng Tháp"), [PHASE_1]))
    assert response.status_code == 302
    assert PlanPage.objects.count() == 2


def test_editing_a_plan_into_overlapping_phases_changes_nothing(editor, hub):
    plan = make_plan(hub, phases=2)
    revisions = Revision.objects.count()
    first, second = plan.phases.order_by("sort_order")
    data = plan_post_data(plan)
    data["phases-1-start_date"] = first.start_date.isoformat()
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), data)
    assert response.status_code == 200
    assert "các đợt của một kế hoạch không được trùng nhau" in errors_of(response)
    second.refresh_from_db()
    assert second.start_date != first.start_date
    assert Revision.objects.count() == revisions


def test_editing_a_plan_keeps_its_own_number(editor, hub):
    plan = make_plan(hub, phases=2)
    data = plan_post_data(plan, summary="Tóm tắt mới")
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "Tóm tắt mới"


def test_unit_that_ends_before_it_starts_is_refused(editor):
    url = reverse("wagtailsnippets_thidua_wagtail_unit:add")
    response = editor.post(
        url,
        {
            "name": "Phòng Tư pháp huyện Tân Hồng",
            "kind": "local_office",
            "valid_from": "2025-07-01",
            "valid_until": "2025-06-30",
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in field_errors(response, "valid_until")
    assert not Unit.objects.exists()


def test_same_movement_twice_is_refused(editor, hub):
    plan = make_plan(hub, movements=1)
    data = plan_post_data(plan)
    data.update(
        {
            "movement_links-TOTAL_FORMS": "2",
            "movement_links-1-id": "",
            "movement_links-1-movement": data["movement_links-0-movement"],
            "movement_links-1-ORDER": "2",
            "movement_links-1-DELETE": "",
            "action-publish": "action-publish",
        }
    )
    revisions = Revision.objects.count()
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), data)
    assert response.status_code == 200
    assert "Phong trào này đã có trong danh sách của kế hoạch." in field_errors(
        response, "movement", "movement_links", 1
    )
    assert plan.movement_links.count() == 1
    assert Revision.objects.count() == revisions
