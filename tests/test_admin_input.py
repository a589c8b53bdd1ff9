"""What an editor types is kept or refused, never replaced (issue 10, item 6)."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import make_hub, make_plan, make_unit, new_plan_data
from thidua_wagtail.models import Phase, PlanPage

pytestmark = pytest.mark.django_db


def add_plan(client, hub, data):
    url = reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk))
    return client.post(url, {**data, "action-publish": "action-publish"})


@pytest.mark.parametrize(
    "typed",
    ["2026-06-30", "30/06/2026", "30/6/2026", "30-06-2026", "30.06.2026"],
)
def test_a_date_typed_day_first_or_iso_is_saved_as_typed(editor, typed):
    hub = make_hub()
    phase = {"name": "Đợt 1", "start_date": "2026-01-01", "end_date": typed}
    data = new_plan_data(make_unit(), [phase], issue_date=typed, start_year=2026, end_year=2026)
    response = add_plan(editor, hub, data)
    assert response.status_code == 302, response.context["form"].errors
    plan = PlanPage.objects.get()
    assert plan.issue_date == datetime.date(2026, 6, 30)
    assert plan.phases.get().end_date == datetime.date(2026, 6, 30)


@pytest.mark.parametrize("typed", ["06/30/2026", "2026/30/06", "30 tháng 6", "hôm nay", "31/02/2026"])
def test_any_other_date_is_refused_on_its_field_and_nothing_is_written(editor, typed):
    hub = make_hub()
    phase = {"name": "Đợt 1", "start_date": typed, "end_date": "2026-12-31"}
    response = add_plan(editor, hub, new_plan_data(make_unit(), [phase], issue_date=typed))
    assert response.status_code == 200
    form = response.context["form"]
    expected = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/6/2026"
    assert expected in " ".join(form.errors["issue_date"])
    assert expected in " ".join(form.formsets["phases"].forms[0].errors["start_date"])
    html = response.content.decode()
    assert f'value="{typed}"' in html  # what was typed is still there to correct
    assert not PlanPage.objects.exists() and not Phase.objects.exists()


def test_date_fields_show_the_expected_format_and_keep_what_is_typed(editor):
    hub = make_hub()
    html = editor.get(reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk))).content.decode()
    assert 'placeholder="ngày/tháng/năm"' in html
    # The picker must not write today's date over text it cannot read in its own format.
    assert '"validateOnBlur": false' in html


def test_new_page_slug_is_ascii_vietnamese_folded(editor):
    hub = make_hub()
    data = new_plan_data(make_unit(), [], slug="kế-hoạch-123-kh-stp", title="Kế hoạch 123/KH-STP")
    assert add_plan(editor, hub, data).status_code == 302
    assert PlanPage.objects.get().slug == "ke-hoach-123-kh-stp"


def test_page_made_without_slug_gets_an_ascii_one_from_its_title():
    hub = make_hub()
    plan = make_plan(hub, slug="", title="Kế hoạch thi đua Đồng Tháp 123/KH-STP")
    assert plan.slug == "ke-hoach-thi-dua-dong-thap-123-kh-stp"


def test_existing_page_keeps_its_address(editor):
    hub = make_hub()
    plan = make_plan(hub, slug="kế-hoạch-cũ")
    from tests.factories import plan_post_data

    url = reverse("wagtailadmin_pages:edit", args=(plan.pk,))
    response = editor.post(url, {**plan_post_data(plan), "action-publish": "action-publish"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.slug == "kế-hoạch-cũ"


def test_decision_form_lists_phases_with_their_plan_in_the_editors_language_only(editor):
    plan = make_plan(make_hub(), phases=2, number="599/KH-STP")
    english = Locale.objects.get_or_create(language_code="en")[0]
    for phase in plan.phases.all():
        translated = phase.copy_for_translation(english)
        translated.name = f"Phase {phase.name[-1]}"
        translated.plan = plan
        translated.save()
    html = editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:add")).content.decode()
    assert "599/KH-STP – Đợt 1" in html and "599/KH-STP – Đợt 2" in html
    assert "Phase 1" not in html
