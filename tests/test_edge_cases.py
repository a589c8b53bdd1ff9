"""What editors and visitors can do that a careless implementation would not survive."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import justice_day, make_hub, make_plan, make_unit, plan_post_data
from tests.utils import text_of
from thidua_wagtail.models import Commemoration, Phase, PlanPage, Review, Unit

pytestmark = pytest.mark.django_db


def test_editor_copies_a_plan(editor):
    hub = make_hub()
    plan = make_plan(hub)
    url = reverse("wagtailadmin_pages:copy", args=(plan.pk,))
    response = editor.post(url, {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": hub.pk})
    assert response.status_code == 302
    copy = PlanPage.objects.get(slug="ban-sao")
    assert copy.number == plan.number
    assert copy.phases.count() == plan.phases.count()


def test_plan_alias_is_created_and_renders(client):
    hub = make_hub()
    plan = make_plan(hub)
    other_hub = make_hub(slug="thi-dua-2", title="Thi đua (2)")
    alias = plan.create_alias(parent=other_hub, update_slug="ke-hoach-alias")
    assert client.get(alias.url).status_code == 200


def test_congress_number_beyond_99_is_refused(editor):
    plan = make_plan(make_hub())
    data = plan_post_data(plan)
    data.update({"reviews-1-congress_ordinal": "4000", "reviews-1-congress_name": "Đại hội", "action-publish": "1"})
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), data)
    assert response.status_code == 200
    assert "congress_ordinal" in response.context["form"].formsets["reviews"].forms[1].errors
    assert not Review.objects.filter(congress_ordinal=4000).exists()


def test_a_day_chosen_for_a_review_without_ticking_the_anniversary_is_refused(editor):
    plan = make_plan(make_hub())
    data = plan_post_data(plan)
    election = Commemoration.objects.get(code="tong-tuyen-cu-dau-tien")
    data.update({"reviews-0-celebrates_anniversary": "", "reviews-0-commemoration": election.pk, "action-publish": "1"})
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), data)
    errors = response.context["form"].formsets["reviews"].forms[0].errors
    assert "hãy đánh dấu ô này" in str(errors["celebrates_anniversary"])
    assert not Review.objects.filter(commemoration=election).exists()


def test_a_review_before_the_plan_s_period_or_of_another_plan_s_movement_is_refused(editor):
    hub = make_hub()
    plan = make_plan(hub)
    other = make_plan(hub, number="2/KH", slug="ke-hoach-khac")
    foreign = other.movement_links.first().movement
    data = plan_post_data(plan)
    data.update({"reviews-0-date": "2020-12-31", "reviews-1-movement": foreign.pk, "action-publish": "1"})
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), data)
    forms = response.context["form"].formsets["reviews"].forms
    assert "trước khi kế hoạch bắt đầu (năm 2021)" in str(forms[0].errors["date"])
    assert "không phải là phong trào của kế hoạch này" in str(forms[1].errors["movement"])
    assert not plan.reviews.filter(movement=foreign).exists()
    assert not plan.reviews.filter(date=datetime.date(2020, 12, 31)).exists()


def test_database_refuses_a_phase_that_ends_before_it_starts():
    plan = make_plan(make_hub())
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(
            plan=plan, name="Sai", start_date=datetime.date(2022, 2, 1), end_date=datetime.date(2022, 1, 1)
        )


def test_database_refuses_a_unit_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="Sai", valid_from=datetime.date(2025, 7, 1), valid_until=datetime.date(2025, 6, 30))


@time_machine.travel("2023-06-01 09:00 +0700")
def test_hub_without_tradition_day_uses_the_plan_s_own(client):
    hub = make_hub(tradition_day=None)
    make_plan(hub, phases=2, tradition_day=justice_day())
    text = text_of(client.get(hub.url))
    # The first phase (2021-01-01 to 2023-07-01) ends with its review, coming up, with the 77th anniversary.
    assert "cùng với kỷ niệm 77 năm Ngày Truyền thống ngành Tư pháp" in text


@time_machine.travel("2026-11-29 09:00 +0700")
def test_sub_plan_inherits_its_parent_plan_s_tradition_day(client):
    hub = make_hub(tradition_day=None)
    department = make_unit()
    plan = make_plan(hub, issuer=department, tradition_day=justice_day())
    division = make_unit("Phòng Hành chính tư pháp", parent=department, kind="division")
    sub = make_plan(plan, issuer=division, number="15/KH", slug="ke-hoach-con", phases=1, movements=0)
    assert "kỷ niệm 80 năm Ngày Truyền thống ngành Tư pháp" in text_of(client.get(sub.url))


def test_private_plan_is_not_listed_on_the_hub(client):
    hub = make_hub()
    make_plan(hub, title="Kế hoạch công khai", slug="cong-khai", number="1/KH")
    private = make_plan(hub, title="Kế hoạch nội bộ", slug="noi-bo", number="2/KH")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    text = text_of(client.get(hub.url))
    assert "Kế hoạch công khai" in text
    assert "Kế hoạch nội bộ" not in text


def test_templates_most_specific_first(rf):
    plan = make_plan(make_hub())
    assert plan.get_template(rf.get("/")) == ["thidua_wagtail/plan_page.html", "thidua_wagtail/pages/plan_page.html"]
