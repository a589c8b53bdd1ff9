"""The admin as an editor meets it: finding plans, the Vietnamese interface."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import make_hub, make_plan

pytestmark = pytest.mark.django_db


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


@time_machine.travel("2023-08-10 09:00 +0700")
def test_dashboard_lists_phases_ending_within_30_days(editor):
    from tests.factories import make_hub as hub_factory

    plan = make_plan(hub_factory(), phases=2, start_year=2021, end_year=2025)
    first = plan.phases.order_by("sort_order", "start_date").first()
    first.end_date = datetime.date(2023, 8, 28)
    first.save()
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "thidua-ending-phases" in html
    assert first.name in html and "28/8/2023" in html


def test_emulation_menu_views_render(editor):
    from tests.factories import make_decision

    decision = make_decision(honours=[{"recipient_kind": "individual", "person_name": "A", "award": "giay-khen"}])
    for name in ["decision", "awardtype", "unit", "honourtally", "exemplarymodel", "emulationzone"]:
        assert editor.get(reverse(f"wagtailsnippets_thidua_wagtail_{name}:list")).status_code == 200
        assert editor.get(reverse(f"wagtailsnippets_thidua_wagtail_{name}:add")).status_code == 200
    assert (
        editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:inspect", args=(decision.pk,))).status_code == 200
    )
    assert editor.get(reverse("thidua_import_honours", args=(decision.pk,))).status_code == 200


def test_admin_list_export_neutralises_formulas(editor):
    from tests.factories import make_unit

    make_unit('=HYPERLINK("http://x")')
    response = editor.get(reverse("wagtailsnippets_thidua_wagtail_unit:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text


def test_admin_list_exports_give_labels_and_day_first_dates(editor):
    import datetime
    import io

    from openpyxl import load_workbook

    from tests.factories import make_unit

    make_unit("Phòng Tư pháp huyện Tân Hồng", kind="local_office", valid_until=datetime.date(2025, 6, 30))
    url = reverse("wagtailsnippets_thidua_wagtail_unit:list")
    text = b"".join(editor.get(url, {"export": "csv"}).streaming_content).decode()
    assert "Cơ quan cấp huyện, cấp xã" in text and "local_office" not in text
    assert "30/06/2025" in text and "2025-06-30" not in text
    book = load_workbook(io.BytesIO(b"".join(editor.get(url, {"export": "xlsx"}).streaming_content)))
    cells = [cell for row in book.active.iter_rows(min_row=2) for cell in row]
    dated = [cell for cell in cells if isinstance(cell.value, datetime.datetime | datetime.date)]
    assert dated and all(cell.number_format == "dd/mm/yyyy" for cell in dated)
    assert "Cơ quan cấp huyện, cấp xã" in [cell.value for cell in cells]
