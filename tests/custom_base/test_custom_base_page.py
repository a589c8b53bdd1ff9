"""A site whose WAGTAIL_PAGE_MODEL is its own base page: the package's pages are built on it, and the
site builds page types of its own from the package's mixins. Run with its own settings:

    pytest --ds=tests.settings_custom_page tests/custom_base      (make test-custom-page)
"""

import datetime

import pytest
import swapper
import time_machine
from wagtail.models import Site

from tests.custom_base.models import BasePage
from tests.utils import text_of
from thidua_wagtail.models import (
    Commemoration,
    EmulationIndexPage,
    MovementPage,
    Phase,
    PlanMovement,
    PlanPage,
    Review,
    Unit,
)

pytestmark = pytest.mark.django_db


def test_the_site_s_page_model_is_its_own():
    assert swapper.load_model("wagtailcore", "Page") is BasePage
    for model in (EmulationIndexPage, PlanPage, MovementPage):
        assert issubclass(model, BasePage)
        assert model._meta.get_field("page_ptr").related_model is BasePage


@time_machine.travel("2022-05-01 09:00 +0700")
def test_the_package_s_pages_render_on_the_site_s_base_page(client):
    root = BasePage.get_first_root_node()
    home = BasePage(title="Trang chủ", slug="trang-chu")
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    hub = EmulationIndexPage(
        title="Thi đua – Khen thưởng",
        slug="thi-dua",
        tradition_day=Commemoration.objects.get(code="truyen-thong-nganh-tu-phap"),
        importance="high",
    )
    home.add_child(instance=hub)
    movement = MovementPage(title="Cả nước chung sức vì người nghèo", slug="vi-nguoi-ngheo")
    hub.add_child(instance=movement)
    plan = PlanPage(
        title="Kế hoạch thi đua 2021 – 2025",
        slug="ke-hoach",
        number="599/KH-STP",
        issue_date=datetime.date(2021, 5, 28),
        issuer=Unit.objects.create(name="Sở Tư pháp tỉnh Đồng Tháp"),
        signer_position="Giám đốc Sở Tư pháp",
        start_year=2021,
        end_year=2025,
    )
    plan.phases = [Phase(name="Đợt 1", start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2023, 8, 28))]
    plan.reviews = [Review(kind="interim", date=datetime.date(2023, 8, 28), celebrates_anniversary=True)]
    plan.movement_links = [PlanMovement(movement=movement)]
    hub.add_child(instance=plan)
    plan.save_revision().publish()

    # The base page's own field is there, on the package's pages too.
    assert EmulationIndexPage.objects.get(pk=hub.pk).importance == "high"
    hub_response = client.get(hub.url)
    # In the host's look: its base template around the package's content.
    assert '<body class="host-portal">' in hub_response.content.decode()
    hub_text = text_of(hub_response)
    assert "Đợt 1 Từ ngày 1/1/2021 đến ngày 28/8/2023 Đang diễn ra: còn 484 ngày" in hub_text
    assert "Sắp diễn ra" in hub_text and "cùng với kỷ niệm 78 năm Ngày Truyền thống ngành Tư pháp" in hub_text
    plan_text = text_of(client.get(plan.url))
    assert "Kế hoạch số 599/KH-STP" in plan_text and "“Cả nước chung sức vì người nghèo”" in plan_text
    assert plan.title in text_of(client.get(movement.url))


def test_a_change_to_the_site_s_own_pages_reaches_the_package_s_cached_pages():
    from django.test import Client

    root = BasePage.get_first_root_node()
    home = BasePage(title="Trang chủ", slug="trang-chu")
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    hub = EmulationIndexPage(
        title="Thi đua",
        slug="thi-dua",
        tradition_day=Commemoration.objects.get(code="truyen-thong-nganh-tu-phap"),
    )
    home.add_child(instance=hub)
    assert "Trang chủ" in text_of(Client().get(hub.url))  # the breadcrumb, now cached
    home = BasePage.objects.get(pk=home.pk)
    home.title = "Trang nhất"
    home.save_revision().publish()
    text = text_of(Client().get(hub.url))
    assert "Trang nhất" in text and "Trang chủ" not in text
