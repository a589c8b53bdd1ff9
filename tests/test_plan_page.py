"""What a visitor reads on a plan page: sub-units' implementation plans, documents, movements."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.factories import make_hub, make_plan, make_unit
from tests.utils import text_of
from thidua_wagtail.models import MovementPage, PlanAttachment, PlanPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return make_unit("Sở Tư pháp")


@time_machine.travel("2023-06-01 09:00 +0700")  # while the plan is in force: units still to file are flagged
def test_shows_which_sub_units_filed_an_implementation_plan(client, department):
    plan = make_plan(make_hub(), issuer=department)
    filer = make_unit("Phòng Hành chính tư pháp", parent=department, kind="division")
    make_unit("Thanh tra Sở", parent=department, kind="division")
    make_unit("Phòng đã giải thể", parent=department, kind="division", valid_until=datetime.date(2019, 12, 31))
    make_plan(plan, issuer=filer, number="15/KH-HCTP", slug="ke-hoach-hctp", phases=1, movements=0)

    html = client.get(plan.url).content.decode()
    text = text_of(client.get(plan.url))
    assert "1/2 đơn vị đã xây dựng kế hoạch thực hiện." in text
    assert "Phòng Hành chính tư pháp 15/KH-HCTP" in text
    assert "Thanh tra Sở Chưa xây dựng kế hoạch" in text
    assert "Phòng đã giải thể" not in text  # gone before the plan's period began
    assert 'href="/vi/thi-dua/ke-hoach/ke-hoach-hctp/"' in html


def test_sub_unit_plan_shows_its_parent_in_breadcrumbs(client, department):
    plan = make_plan(make_hub(), issuer=department)
    filer = make_unit("Phòng Hành chính tư pháp", parent=department, kind="division")
    sub = make_plan(plan, issuer=filer, number="15/KH-HCTP", slug="ke-hoach-hctp", phases=1, movements=0)
    html = client.get(sub.url).content.decode()
    assert f'<a href="{plan.url}">{plan.title}</a>' in html


def test_unpublished_movement_is_not_shown(client, department):
    plan = make_plan(make_hub(), issuer=department, movements=2)
    hidden = MovementPage.objects.get(title="Phong trào 2")
    hidden.unpublish()
    text = text_of(client.get(plan.url))
    assert "Phong trào 1" in text
    assert "Phong trào 2" not in text


def test_attached_documents_are_listed_with_their_caption(client, department):
    plan = make_plan(make_hub(), issuer=department)
    document = Document.objects.create(title="599-KH-STP.pdf")
    document.file.save("599-KH-STP.pdf", ContentFile(b"%PDF-1.4 test"))
    PlanAttachment.objects.create(plan=plan, document=document, caption="Toàn văn Kế hoạch số 599/KH-STP")
    html = client.get(PlanPage.objects.get(pk=plan.pk).url).content.decode()
    assert f'<a href="{document.url}">Toàn văn Kế hoạch số 599/KH-STP</a>' in html
