"""Reviews are events of their own, and the days they celebrate are commemorations (issue 11, items 1 and 2).

An editor adds a plan in the admin with two phases, eight movements and a review per movement, one review held
with the 75th anniversary of President Hồ Chí Minh's Call for Patriotic Emulation instead of the sector's
Tradition Day, and one held in January after its phase has ended; visitors read them on the plan, the
movement and the hub, in Vietnamese and in English.
"""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import make_hub, make_unit, new_plan_data
from tests.utils import text_of
from thidua_wagtail.models import Commemoration, MovementPage, PlanPage, Review

pytestmark = pytest.mark.django_db

PHASES = [
    {"name": "Đợt 1", "start_date": "2021-01-01", "end_date": "2023-08-28"},
    {"name": "Đợt 2", "start_date": "2023-08-29", "end_date": "2025-12-31"},
]


def add_plan(editor, hub, data):
    url = reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk))
    return editor.post(url, {**data, "action-publish": "action-publish"})


def movements(hub, count):
    made = []
    for i in range(count):
        movement = MovementPage(title=f"Phong trào thi đua số {i + 1}", slug=f"phong-trao-{i + 1}")
        hub.add_child(instance=movement)
        movement.save_revision().publish()
        made.append(movement)
    return made


def call_for_emulation():
    return Commemoration.objects.get(code="loi-keu-goi-thi-dua-ai-quoc", locale=Locale.get_default())


@pytest.fixture
def plan_with_reviews(editor):
    hub = make_hub()
    eight = movements(hub, 8)
    reviews = [
        # One interim review per movement, all in Đợt 1: a third one was refused as an overlapping phase.
        {"kind": "interim", "date": f"2023-06-{10 + i:02d}", "movement": movement.pk}
        for i, movement in enumerate(eight)
    ] + [
        {
            "kind": "interim",
            "name": "Hội nghị sơ kết Đợt 1",
            "date": "2023-06-11",
            "place": "Hội trường Sở Tư pháp",
            "celebrates_anniversary": "on",
            "commemoration": call_for_emulation().pk,
        },
        # Đợt 2 ends on 31/12/2025; its final review is held in January 2026.
        {
            "kind": "final",
            "name": "Hội nghị tổng kết",
            "date": "2026-01-15",
            "celebrates_anniversary": "on",
            "congress_ordinal": "6",
            "congress_name": "Đại hội Thi đua yêu nước ngành Tư pháp",
        },
    ]
    data = new_plan_data(make_unit(), PHASES, reviews=reviews, movement_links=[{"movement": m.pk} for m in eight])
    response = add_plan(editor, hub, data)
    assert response.status_code == 302, response.context["form"].errors
    return hub, PlanPage.objects.get(), eight


def test_ten_reviews_in_one_plan_are_kept_with_their_movements_and_days(plan_with_reviews):
    _hub, plan, eight = plan_with_reviews
    reviews = list(plan.reviews.order_by("date", "pk"))
    assert len(reviews) == 10
    assert [r.movement_id for r in reviews if r.movement_id] == [m.pk for m in eight]
    celebrated = next(r for r in reviews if r.commemoration_id)
    assert celebrated.commemoration == call_for_emulation()
    # The plan's Tradition Day is untouched: the hub's, the Justice sector's.
    assert plan.get_tradition_day().code == "truyen-thong-nganh-tu-phap"


@time_machine.travel("2023-06-05 09:00 +0700")
def test_the_plan_page_shows_each_review_in_its_phase_with_the_day_it_celebrates(client, plan_with_reviews):
    _hub, plan, eight = plan_with_reviews
    text = text_of(client.get(plan.url))
    assert f"Sơ kết phong trào “{eight[0].title}” (10/6/2023)" in text
    assert (
        "Sơ kết : Hội nghị sơ kết Đợt 1 (11/6/2023, Hội trường Sở Tư pháp) cùng với kỷ niệm 75 năm "
        "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"
    ) in text
    # Held after Đợt 2 ended, shown with Đợt 2, and counted from the Tradition Day by default (28/8/1945).
    second = text.index("Đợt 2 Từ ngày")
    final = text.index(
        "Tổng kết : Hội nghị tổng kết (15/1/2026) cùng với kỷ niệm 80 năm Ngày Truyền thống ngành Tư pháp"
    )
    assert final > second
    assert "và Đại hội Thi đua yêu nước ngành Tư pháp lần thứ VI" in text


@time_machine.travel("2023-06-05 09:00 +0700")
def test_the_hub_lists_what_is_coming_up_with_its_countdown(client, plan_with_reviews):
    hub, plan, _eight = plan_with_reviews
    html = client.get(hub.url).content.decode()
    section = html.split('aria-labelledby="thidua-upcoming-heading"', 1)[1].split("</section>", 1)[0]
    coming = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    # Under the plan's name, once: its reviews follow, soonest first.
    assert f"{plan.title} Sơ kết phong trào “Phong trào thi đua số 1” (10/6/2023) Còn 5 ngày" in coming
    assert coming.count(plan.title) == 1
    # Soonest first.
    assert coming.index("Phong trào thi đua số 1") < coming.index("Hội nghị sơ kết Đợt 1")
    assert coming.index("Hội nghị sơ kết Đợt 1") < coming.index("Hội nghị tổng kết (15/1/2026)")
    assert "lần thứ VI Còn 955 ngày" in coming


@time_machine.travel("2023-06-12 09:00 +0700")
def test_the_movement_page_lists_its_own_reviews_only(client, plan_with_reviews):
    _hub, plan, eight = plan_with_reviews
    text = text_of(client.get(eight[2].url))
    assert f"{plan.title} : Sơ kết (12/6/2023) Hôm nay" in text
    assert "(13/6/2023)" not in text and "Hội nghị sơ kết Đợt 1" not in text
    text = text_of(client.get(eight[0].url))
    assert "(10/6/2023) Đã tổ chức" in text


def test_a_shipped_commemoration_cannot_be_changed_but_a_portal_adds_its_own(editor):
    shipped = call_for_emulation()
    edit = reverse("wagtailsnippets_thidua_wagtail_commemoration:edit", args=(shipped.pk,))
    assert editor.get(edit).status_code in (302, 403)
    response = editor.post(edit, {"name": "Đổi tên", "original_date": "11/6/1948", "kind": "national"})
    assert Commemoration.objects.get(pk=shipped.pk).name == shipped.name
    add = reverse("wagtailsnippets_thidua_wagtail_commemoration:add")
    response = editor.post(add, {"name": "Ngày thành lập tỉnh", "original_date": "31/2/1976", "kind": "local"})
    assert response.status_code == 200
    assert "Nhập ngày theo dạng ngày/tháng/năm" in str(response.context["form"].errors["original_date"])
    assert "Ngày thành lập tỉnh" in response.content.decode()  # what was typed is kept
    assert not Commemoration.objects.filter(name="Ngày thành lập tỉnh").exists()
    response = editor.post(add, {"name": "Ngày thành lập tỉnh", "original_date": "6/1/1976", "kind": "local"})
    assert response.status_code == 302
    own = Commemoration.objects.get(name="Ngày thành lập tỉnh")
    assert own.original_date == datetime.date(1976, 1, 6) and not own.is_shipped
    assert own.anniversary_number(datetime.date(2026, 1, 6)) == 50


def test_a_commemoration_in_use_cannot_be_deleted(editor, plan_with_reviews):
    shipped_in_use = call_for_emulation()
    own = Commemoration.objects.create(name="Ngày của tỉnh", original_date=datetime.date(1976, 1, 6), kind="local")
    Review.objects.filter(commemoration=shipped_in_use).update(commemoration=own)
    delete = reverse("wagtailsnippets_thidua_wagtail_commemoration:delete", args=(own.pk,))
    response = editor.post(delete, follow=True)
    assert Commemoration.objects.filter(pk=own.pk).exists()
    assert "Không thể xóa ngày kỷ niệm “Ngày của tỉnh (6/1/1976)” vì 1 hội nghị sơ kết, tổng kết" in text_of(response)
