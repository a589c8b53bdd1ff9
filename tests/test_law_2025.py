"""The law as it stands (issue 11, item 10): Decree 152/2025/NĐ-CP replaced Decree 98/2023/NĐ-CP on 1/7/2025, the
district level ended on 30/6/2025, and the commune chair awards what the district chair did (Decree 129/2025/NĐ-CP,
Art. 59). Checked as an editor meets it: the decision form and the honour form (the import shares its rules)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_decision, make_unit
from tests.test_honours import award, decision_form
from thidua_wagtail.catalogue import by_code, may_award
from thidua_wagtail.models import Authority, AwardType, Decision

pytestmark = pytest.mark.django_db

BEFORE, AFTER = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("code", "authority", "day", "allowed"),
    [
        ("chien-si-thi-dua-co-so", Authority.COMMUNE, BEFORE, False),
        ("chien-si-thi-dua-co-so", Authority.COMMUNE, AFTER, True),
        ("tap-the-lao-dong-tien-tien", Authority.COMMUNE, AFTER, True),
        ("thon-to-dan-pho-van-hoa", Authority.COMMUNE, AFTER, True),
        ("thon-to-dan-pho-van-hoa", Authority.DISTRICT, BEFORE, True),
        ("thon-to-dan-pho-van-hoa", Authority.DISTRICT, AFTER, False),
        ("giay-khen", Authority.DISTRICT, AFTER, False),
        ("giay-khen", Authority.COMMUNE, BEFORE, True),
        ("lao-dong-tien-tien", Authority.COMMUNE, BEFORE, True),
        ("bang-khen-cua-bo-ban-nganh-tinh", Authority.COMMUNE, AFTER, False),
    ],
)
def test_who_may_award_what_before_and_after_1_july_2025(code, authority, day, allowed):
    entry = by_code(code)
    assert may_award(code, entry.authorities, authority, day) is allowed
    assert AwardType.objects.get(code=code).may_be_awarded_by(authority, day) is allowed


def test_the_catalogue_cites_the_decree_in_force_on_each_side_of_1_july_2025():
    flag = AwardType.objects.get(code="co-thi-dua-cua-bo-ban-nganh-tinh")
    assert "Nghị định 98/2023/NĐ-CP (đến 30/6/2025)" in flag.legal_basis
    assert "Nghị định 152/2025/NĐ-CP (từ 1/7/2025)" in flag.legal_basis
    assert "Nghị định 129/2025/NĐ-CP, Điều 59" in AwardType.objects.get(code="chien-si-thi-dua-co-so").legal_basis


def test_a_district_decision_dated_after_the_district_level_ended_is_refused(editor):
    url = reverse("wagtailsnippets_thidua_wagtail_decision:add")
    response = editor.post(url, decision_form(number="7/QĐ-UBND", authority="district", date="2025-07-15"))
    assert response.status_code == 200
    assert "không còn sau ngày 30/6/2025" in str(response.context["form"].errors["authority"])
    assert not Decision.objects.filter(number="7/QĐ-UBND").exists()
    earlier = decision_form(number="7/QĐ-UBND", authority="district", date="2025-06-20")
    assert editor.post(url, earlier).status_code == 302


def test_a_commune_chair_s_grassroots_emulation_fighter_is_refused_before_july_2025_and_accepted_after(editor):
    unit = make_unit("UBND xã Mỹ Hiệp", kind="local_office")
    url = reverse("wagtailsnippets_thidua_wagtail_honour:add")
    for day, accepted in ((datetime.date(2024, 12, 20), False), (datetime.date(2025, 12, 20), True)):
        decision = make_decision(number=f"{day.year}/QĐ-UBND", date=day, authority="commune")
        data = {
            "decision": decision.pk,
            "recipient_kind": "individual",
            "person_name": "Nguyễn Văn An",
            "position": "Công chức Tư pháp – Hộ tịch",
            "unit": unit.pk,
            "unit_text": "",
            "award": award("chien-si-thi-dua-co-so").pk,
            "achievement": "",
        }
        response = editor.post(url, data)
        if accepted:
            assert response.status_code == 302
            assert decision.honours.count() == 1
        else:
            assert response.status_code == 200
            assert "chỉ từ ngày 1/7/2025 (Nghị định 129/2025/NĐ-CP, Điều 59)" in str(
                response.context["form"].errors["award"]
            )
            assert decision.honours.count() == 0


def test_a_district_decision_moved_past_30_june_2025_is_refused_on_its_form(editor):
    decision = make_decision(
        number="9/QĐ-UBND",
        date=datetime.date(2025, 5, 5),
        authority="district",
        honours=[{"person_name": "Lê Thị Hoa", "award": "thon-to-dan-pho-van-hoa", "recipient_kind": "collective"}],
    )
    data = decision_form(number="9/QĐ-UBND", authority="district", date="2025-08-01")
    response = editor.post(reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,)), data)
    assert response.status_code == 200
    assert "không còn sau ngày 30/6/2025" in str(response.context["form"].errors["authority"])
    decision.refresh_from_db()
    assert decision.date == datetime.date(2025, 5, 5)
