"""Issue 11, items 4 and 6: a reported tally broken down by award, level, recipient and type, entered in the
admin form and shown on the hub, the plan and the totals block; totals counting lower levels too."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import make_decision, make_hub, make_plan, make_unit
from tests.utils import text_of
from thidua_wagtail.models import AwardType, HonourTally, Scope, TallyRow
from thidua_wagtail.stats import period_totals

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_thidua_wagtail_honourtally:add"


def award(code):
    return AwardType.objects.get(code=code)


def row(**fields):
    return {
        "award": "",
        "award_group": "",
        "authority": "",
        "recipient_kind": "",
        "commendation_type": "",
        "count": "",
        "note": "",
        **fields,
    }


def tally_form(rows=(), **fields):
    data = {
        "start_year": 2021,
        "end_year": 2021,
        "scope": "higher",
        "authorities": "UBND Tỉnh",
        "collectives": 12,
        "individuals": 30,
        "households": 0,
        "note": "",
        "source": "Báo cáo tổng kết năm 2021",
        **fields,
    }
    data["rows"] = inline_formset(list(rows))
    return nested_form_data(data)


# A province's yearly review, as such reviews publish it: so many flags, so many excellent collectives,
# so many provincial emulation fighters, so many certificates of merit for collectives and individuals.
PROVINCE_REVIEW = [
    row(award="co-thi-dua-cua-bo-ban-nganh-tinh", authority="province", recipient_kind="collective", count=2),
    row(award="tap-the-lao-dong-xuat-sac", authority="province", recipient_kind="collective", count=4),
    row(award="chien-si-thi-dua-bo-ban-nganh-tinh", authority="province", recipient_kind="individual", count=5),
    row(award="bang-khen-cua-bo-ban-nganh-tinh", authority="province", recipient_kind="collective", count=6),
    row(
        award="bang-khen-cua-bo-ban-nganh-tinh",
        authority="province",
        recipient_kind="individual",
        commendation_type="unscheduled",
        count=25,
        note="Trong đó 3 cá nhân được khen đột xuất vì cứu người",
    ),
]


def with_award_pks(rows):
    return [{**r, "award": award(r["award"]).pk if r["award"] else ""} for r in rows]


def test_an_editor_enters_a_province_s_breakdown_and_the_hub_and_plan_show_it(editor, client):
    hub = make_hub()
    plan = make_plan(hub, issuer=make_unit("Sở Tư pháp tỉnh Đồng Tháp"), phases=1, movements=0)
    data = tally_form(with_award_pks(PROVINCE_REVIEW), start_year=plan.start_year, end_year=plan.start_year)
    data["note"] = "Số liệu theo báo cáo tổng kết công tác thi đua, khen thưởng của tỉnh."
    response = editor.post(reverse(ADD), data)
    assert response.status_code == 302, response.context["form"].errors
    tally = HonourTally.objects.get()
    assert tally.rows.count() == 5 and tally.latest_revision_id is not None
    for page in (hub, plan):
        text = text_of(client.get(page.url))
        assert "Chi tiết số liệu" in text
        assert "Tập thể lao động xuất sắc Chủ tịch UBND cấp tỉnh Tập thể — 4" in text
        assert "Bằng khen của Bộ, ban, ngành, tỉnh Trong đó 3 cá nhân được khen đột xuất vì cứu người" in text
        assert "Khen thưởng đột xuất 25" in text
        assert "Số liệu theo báo cáo tổng kết" in text


def test_a_second_tally_for_the_same_period_is_refused_with_what_to_do(editor):
    HonourTally.objects.create(start_year=2021, end_year=2021, scope=Scope.HIGHER, individuals=3)
    response = editor.post(reverse(ADD), tally_form())
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Đã có số liệu tổng hợp cho 2021–2021" in " ".join(errors["start_year"])
    assert "thêm dòng chi tiết" in " ".join(errors["start_year"])
    assert "__all__" not in errors  # not Django's generic message on top as well
    assert HonourTally.objects.count() == 1


def test_an_overlapping_period_is_refused(editor):
    HonourTally.objects.create(start_year=2016, end_year=2020, scope=Scope.HIGHER, individuals=3)
    response = editor.post(reverse(ADD), tally_form(start_year=2019, end_year=2021))
    assert "tính hai lần" in " ".join(response.context["form"].errors["start_year"])
    assert HonourTally.objects.count() == 1


@pytest.mark.parametrize(
    ("bad_row", "field", "message"),
    [
        (row(count=3), "award", "Chọn danh hiệu, hình thức khen thưởng"),
        (
            row(award="lao-dong-tien-tien", recipient_kind="collective", count=1),
            "recipient_kind",
            "không áp dụng đối với tập thể",
        ),
        (row(award="lao-dong-tien-tien", authority="province", count=1), "authority", "không thuộc thẩm quyền"),
        (row(award="lao-dong-tien-tien", award_group="flag", count=1), "award_group", "thuộc loại"),
    ],
)
def test_a_bad_breakdown_row_is_refused_on_its_field(editor, bad_row, field, message):
    response = editor.post(reverse(ADD), tally_form(with_award_pks([bad_row]), scope="own"))
    assert response.status_code == 200
    row_errors = response.context["form"].formsets["rows"].forms[0].errors
    assert message in " ".join(row_errors[field]), row_errors
    assert not HonourTally.objects.exists() and not TallyRow.objects.exists()


def test_rows_that_add_up_to_more_than_the_total_or_lie_outside_the_scope_are_refused(editor):
    rows = with_award_pks(
        [row(award="bang-khen-cua-bo-ban-nganh-tinh", authority="province", recipient_kind="individual", count=40)]
    )
    response = editor.post(reverse(ADD), tally_form(rows))
    assert "nhiều hơn 30" in " ".join(response.context["form"].errors["individuals"])
    response = editor.post(reverse(ADD), tally_form(rows, scope="own", individuals=50))
    assert "không thuộc phạm vi" in " ".join(response.context["form"].formsets["rows"].forms[0].errors["authority"])
    assert not HonourTally.objects.exists()


def test_a_stale_tally_form_does_not_undo_a_colleague_s_rows(editor):
    editor.post(reverse(ADD), tally_form(with_award_pks(PROVINCE_REVIEW[:1])))
    tally = HonourTally.objects.get()
    edit = reverse("wagtailsnippets_thidua_wagtail_honourtally:edit", args=(tally.pk,))
    form = editor.get(edit).context["form"]
    loaded = {"loaded_revision_id": form.initial.get("loaded_revision_id") or tally.latest_revision_id}
    # A colleague adds a row and saves.
    tally.rows.create(award=award("tap-the-lao-dong-xuat-sac"), authority="province", count=1)
    revision = tally.save_revision(user=None)
    assert revision.pk != loaded["loaded_revision_id"]
    existing = [{**r, "id": tally.rows.first().pk} for r in with_award_pks(PROVINCE_REVIEW[:1])]
    data = tally_form(existing)
    from wagtail.models import Revision

    created_at = Revision.objects.get(pk=loaded["loaded_revision_id"]).created_at.isoformat()
    data.update({"loaded_revision_id": loaded["loaded_revision_id"], "loaded_revision_created_at": created_at})
    response = editor.post(edit, data)
    assert response.status_code == 200
    assert "Một đồng nghiệp đã lưu" in " ".join(response.context["form"].non_field_errors())
    assert tally.rows.count() == 2
    # Loaded again, the same edit goes through.
    data.update({"loaded_revision_id": revision.pk, "loaded_revision_created_at": revision.created_at.isoformat()})
    assert editor.post(edit, data).status_code == 302


def test_records_are_broken_down_by_award_level_and_type_and_lower_levels_are_counted(client):
    make_decision(
        number="1/QĐ-STP",
        honours=[{"person_name": f"Người {i}", "award": "lao-dong-tien-tien"} for i in range(3)],
    )
    make_decision(
        number="7/QĐ-UBND",
        authority="district",
        issuing_body="UBND huyện Lấp Vò",
        commendation_type="unscheduled",
        honours=[{"person_name": "Trần Văn Bình", "award": "giay-khen"}],
    )
    with override_settings(THIDUA_OWN_AUTHORITY="province"):
        totals = period_totals(2022, 2022, breakdown=True)
        assert totals.lower.individuals == 4 and totals.own.total == 0
        assert [(r.award, r.authority, r.count) for r in totals.breakdown[Scope.LOWER]] == [
            ("Lao động tiên tiến", "department", 3),
            ("Giấy khen", "district", 1),
        ]
        hub = make_hub()
        make_plan(hub, phases=1, movements=0)  # the hub counts the honours of its plans' years
        text = text_of(client.get(hub.url))
        assert "Cấp dưới khen thưởng" in text
        assert "Giấy khen Chủ tịch UBND cấp huyện Cá nhân Khen thưởng đột xuất 1" in text
    # Seen from a department, the district's Giấy khen is below it too, and its own honours are its own.
    totals = period_totals(2022, 2022)
    assert (totals.own.individuals, totals.lower.individuals) == (3, 1)
