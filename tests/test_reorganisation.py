"""The 2025 reorganisation (issue 11, item 9): a merger or an abolition is one admin action; old honours keep the
names they were given under; the roll's unit filter can include a unit's predecessors."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_decision, make_hub, make_unit
from tests.test_honours import rows_of
from tests.utils import text_of
from thidua_wagtail.models import HonourRollPage, Unit

pytestmark = pytest.mark.django_db

URL = "/admin/thidua/units/reorganise/"


@pytest.fixture
def provinces():
    """Two departments of justice, each with an honour given under its own name."""
    dong_thap = make_unit("Sở Tư pháp tỉnh Đồng Tháp", kind="agency")
    tien_giang = make_unit("Sở Tư pháp tỉnh Tiền Giang", kind="agency")
    for unit, name in ((dong_thap, "Nguyễn Văn An"), (tien_giang, "Lê Thị Bé")):
        make_decision(
            number=f"{unit.pk}/QĐ",
            date=datetime.date(2024, 5, 10),
            honours=[
                {"recipient_kind": "collective", "unit": unit, "award": "tap-the-lao-dong-tien-tien"},
                {"person_name": name, "unit": unit, "award": "lao-dong-tien-tien"},
            ],
        )
    return dong_thap, tien_giang


@pytest.fixture
def roll():
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    make_hub().add_child(instance=page)
    return page


def test_the_units_listing_offers_the_action(editor):
    html = editor.get(reverse("wagtailsnippets_thidua_wagtail_unit:list")).content.decode()
    assert "Ghi nhận sáp nhập, giải thể" in html and URL in html


def test_two_departments_merged_into_a_new_one_in_one_action(editor, client, provinces, roll):
    dong_thap, tien_giang = provinces
    response = editor.post(
        URL,
        {
            "change": "merger",
            "predecessors": [dong_thap.pk, tien_giang.pk],
            "day": "1/7/2025",
            "new_name": "Sở Tư pháp tỉnh Đồng Tháp (mới)",
            "new_kind": "agency",
        },
        follow=True,
    )
    merged = Unit.objects.get(name="Sở Tư pháp tỉnh Đồng Tháp (mới)")
    assert "Đã ghi nhận: Sở Tư pháp tỉnh Đồng Tháp, Sở Tư pháp tỉnh Tiền Giang" in text_of(response)
    assert merged.valid_from == datetime.date(2025, 7, 1)
    for unit in provinces:
        unit.refresh_from_db()
        assert (unit.valid_until, unit.successor_id) == (datetime.date(2025, 6, 30), merged.pk)
    # An honour of the new unit, then the roll: the old honours keep the names they were given under.
    make_decision(
        number="1/QĐ-STP-2025",
        date=datetime.date(2025, 9, 2),
        honours=[{"recipient_kind": "collective", "unit": merged, "award": "tap-the-lao-dong-tien-tien"}],
    )
    table = rows_of(client.get(roll.url))
    assert "Sở Tư pháp tỉnh Tiền Giang" in table and "Sở Tư pháp tỉnh Đồng Tháp (mới)" in table
    # The new unit alone, then with the units it came from.
    alone = rows_of(client.get(roll.url, {"unit": merged.pk}))
    assert "Tiền Giang" not in alone and "Lê Thị Bé" not in alone
    together = rows_of(client.get(roll.url, {"unit": merged.pk, "with_predecessors": "on"}))
    for name in ("Sở Tư pháp tỉnh Tiền Giang", "Lê Thị Bé", "Nguyễn Văn An", "Sở Tư pháp tỉnh Đồng Tháp (mới)"):
        assert name in together
    # The history of each unit says what happened.
    history = reverse("wagtailsnippets_thidua_wagtail_unit:history", args=(tien_giang.pk,))
    assert "thành Sở Tư pháp tỉnh Đồng Tháp (mới) từ ngày 1/7/2025" in text_of(editor.get(history))


def test_a_district_office_abolished_with_a_successor(editor, provinces):
    department = provinces[0]
    office = make_unit("Phòng Tư pháp huyện Tháp Mười", kind="local_office", parent=department)
    response = editor.post(
        URL, {"change": "abolition", "predecessors": [office.pk], "day": "1/7/2025", "successor": department.pk}
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert (office.valid_until, office.successor) == (datetime.date(2025, 6, 30), department)


def test_wrong_reorganisations_are_refused_on_the_field_and_nothing_is_written(editor, provinces):
    dong_thap, tien_giang = provinces
    Unit.objects.filter(pk=tien_giang.pk).update(valid_until=datetime.date(2020, 12, 31))
    cases = [
        ({"predecessors": [dong_thap.pk], "day": "1/7/2025"}, "successor", "Hãy chọn đơn vị sau khi hợp nhất"),
        (
            {"predecessors": [dong_thap.pk], "day": "1/7/2025", "successor": dong_thap.pk},
            "successor",
            "không thể tự tiếp nhận",
        ),
        (
            {"predecessors": [tien_giang.pk], "day": "1/7/2025", "new_name": "Sở mới"},
            "predecessors",
            "đã kết thúc từ ngày 31/12/2020",
        ),
        ({"predecessors": [dong_thap.pk], "day": "30/2/2025", "new_name": "Sở mới"}, "day", "ngày/tháng/năm"),
        (
            {"predecessors": [dong_thap.pk], "day": "1/7/2025", "new_name": "Sở mới", "successor": tien_giang.pk},
            "new_name",
            "không chọn cả hai",
        ),
    ]
    for data, field, message in cases:
        response = editor.post(URL, {"change": "merger", "new_kind": "agency", **data})
        assert response.status_code == 200
        assert message in str(response.context["form"].errors[field]), response.context["form"].errors
        assert "1/7/2025" in response.content.decode() or data["day"] != "1/7/2025"  # what was typed stays
    assert not Unit.objects.filter(name="Sở mới").exists()
    dong_thap.refresh_from_db()
    assert dong_thap.valid_until is None and dong_thap.successor is None


def test_an_editor_without_the_permission_cannot_reorganise(client, django_user_model, provinces):
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("xem", password="x")
    group = Group.objects.create(name="Xem")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    response = client.post(URL, {"change": "abolition", "predecessors": [provinces[0].pk], "day": "1/7/2025"})
    assert response.status_code in (302, 403)
    provinces[0].refresh_from_db()
    assert provinces[0].valid_until is None
