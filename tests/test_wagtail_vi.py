"""The optional app thidua_wagtail.wagtail_vi: Wagtail's own admin strings in Vietnamese (issue 10, item 8)."""

import json
import re
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse

from tests.factories import make_hub, make_plan, make_unit, new_plan_data
from tests.utils import text_of

pytestmark = pytest.mark.django_db

APP = Path(__file__).resolve().parent.parent / "thidua_wagtail/wagtail_vi/templates"
WAGTAIL = Path(wagtail.__file__).resolve().parent / "admin/templates"

#: The two Wagtail templates the app overrides, and the only change each makes: an English word made translatable.
OVERRIDES = {
    "wagtailadmin/home.html": [('value="Search"', "value=\"{% trans 'Search' %}\"")],
    "wagtailadmin/shared/headers/_actions.html": [
        ('aria-label="Actions"', "aria-label=\"{% trans 'Actions' %}\""),
        ("", "{% load i18n %}\n"),
    ],
}


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_the_overridden_templates_are_wagtails_own_but_for_the_translated_words(name):
    # Fails when Wagtail changes these templates: the override must then be made again from the new one.
    expected = (WAGTAIL / name).read_text()
    for original, translated in OVERRIDES[name]:
        expected = expected.replace(original, translated, 1) if original else translated + expected
    assert (APP / name).read_text() == expected


def shown(words, html):
    """Whether ``words`` are on the page, in its text or in the menu's data (which the sidebar renders)."""
    return words in html or json.dumps(words)[1:-1] in html


def test_the_page_form_speaks_vietnamese_from_wagtails_own_strings(editor):
    hub = make_hub()
    html = text_of(editor.get(reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk))))
    for words in ["Lưu bản nháp", "Quảng bá", "Trợ giúp", "Báo cáo", "Hình ảnh"]:
        assert shown(words, html), words
    for english in ["Save draft", "Promote", "Reports"]:
        assert english not in html, english
    data = new_plan_data(make_unit(), [], title="")
    refused = editor.post(reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk)), data)
    assert "Không thể tạo trang vì có lỗi nhập liệu." in text_of(refused)


def test_listings_choosers_and_messages_speak_vietnamese(editor):
    for i in range(30):
        make_unit(f"Phòng {i:02d}")
    listing = text_of(editor.get(reverse("wagtailsnippets_thidua_wagtail_unit:list")))
    assert "Trang 1 / 2" in listing and "Page 1 of" not in listing
    assert "JavaScript is required" not in listing and "Select all" not in listing
    chooser = editor.get(reverse("wagtailsnippetchoosers_thidua_wagtail_unit:choose")).json()["html"]
    header = " ".join(re.sub(r"<[^>]+>", " ", chooser).split())
    assert "Chọn đơn vị" in header and "Choose" not in header
    response = editor.post(
        reverse("wagtailsnippets_thidua_wagtail_unit:add"), {"name": "Phòng Pháp chế", "kind": "division"}, follow=True
    )
    assert "Đơn vị “Phòng Pháp chế” đã được tạo." in text_of(response)


def test_the_admins_javascript_speaks_vietnamese(editor):
    catalogue = editor.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    for words in ["Các thay đổi đã được tự động lưu.", "Đang tự động lưu…", "Mở/đóng thanh bên"]:
        assert shown(words, catalogue), words


def test_a_slug_already_in_use_is_refused_in_vietnamese_and_nothing_is_written(editor):
    # Met by an editor when two plans get one title; Wagtail's catalogue has no Vietnamese for it.
    from thidua_wagtail.models import PlanPage

    hub = make_hub()
    unit = make_unit()
    make_plan(hub, issuer=unit, slug="ke-hoach-moi", number="12/KH-STP")
    url = reverse("wagtailadmin_pages:add", args=("thidua_wagtail", "planpage", hub.pk))
    refused = editor.post(url, new_plan_data(unit, [], number="13/KH-STP", **{"action-publish": "1"}))
    assert refused.status_code == 200
    message = text_of(refused)
    assert "Đường dẫn “ke-hoach-moi” đã được một trang khác trong cùng trang cha sử dụng." in message
    assert "already in use" not in message
    assert PlanPage.objects.filter(number="13/KH-STP").count() == 0
