"""Issue 13, item 5: structured data (schema.org JSON-LD) on the plan, decision and roll pages, read as a search
engine reads it: parsed from the page."""

import datetime
import json
import re

import pytest

from tests.factories import make_decision, make_hub, make_plan, make_unit
from thidua_wagtail.models import HonourRollPage, PlanPage

pytestmark = pytest.mark.django_db


def json_ld_of(response):
    """Every JSON-LD block of the page, parsed."""
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks, "no JSON-LD on the page"
    return [json.loads(block) for block in blocks]


@pytest.fixture
def section():
    hub = make_hub()
    hub.add_child(instance=HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach"))
    plan = make_plan(hub, issuer=make_unit("Sở Tư pháp tỉnh Đồng Tháp"), summary="Phát động phong trào thi đua.")
    plan.reviews.filter(kind="final").update(place="Hội trường UBND tỉnh", name="Hội nghị tổng kết")
    return hub


def test_a_plan_carries_its_issuing_body_and_its_reviews_as_events(client, section):
    plan = PlanPage.objects.get()
    (data,) = json_ld_of(client.get(plan.url))
    assert data["@context"] == "https://schema.org"
    document, *events = data["@graph"]
    assert document["identifier"] == "599/KH-STP" and document["dateCreated"] == "2021-05-28"
    assert document["author"] == {"@type": "GovernmentOrganization", "name": "Sở Tư pháp tỉnh Đồng Tháp"}
    assert document["temporalCoverage"] == "2021/2025" and document["url"] == f"http://testserver{plan.url}"
    reviews = {review.pk: review for review in plan.reviews.all()}
    assert len(events) == len(reviews) == 2
    for event in events:
        review = reviews[int(event["url"].rsplit("-", 1)[1])]
        assert event["@type"] == "Event"
        assert event["startDate"] == review.date.isoformat() == event["endDate"]
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["organizer"]["@type"] == "GovernmentOrganization"
        assert event["about"] == {"@id": document["@id"]}
        assert event["location"]["name"] == (review.place or "Sở Tư pháp tỉnh Đồng Tháp")
    final = next(e for e in events if e["name"].startswith("Tổng kết"))
    assert final["name"] == f"Tổng kết: Hội nghị tổng kết – {plan.title}"


def test_a_decision_names_its_recipients_with_their_awards_and_nothing_private(client, section):
    unit = make_unit("Phòng Hành chính tư pháp")
    decision = make_decision(
        number="45/QĐ-STP",
        date=datetime.date(2024, 8, 28),
        reason="vì đã có thành tích xuất sắc",
        honours=[
            {"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "position": "Chuyên viên", "unit": unit,
             "award": "giay-khen"},
            {"recipient_kind": "collective", "unit": unit, "award": "tap-the-lao-dong-tien-tien"},
        ],
    )  # fmt: skip
    roll = HonourRollPage.objects.get()
    (data,) = json_ld_of(client.get(f"{roll.url}decisions/{decision.pk}/"))
    assert data["@type"] == "CreativeWork" and data["identifier"] == "45/QĐ-STP"
    assert data["dateCreated"] == "2024-08-28" and data["abstract"] == "vì đã có thành tích xuất sắc"
    assert data["author"] == {"@type": "GovernmentOrganization", "name": "Sở Tư pháp tỉnh Đồng Tháp"}
    person, collective = data["mentions"]
    assert person == {
        "@type": "Person",
        "name": "Nguyễn Văn An",
        "award": "Giấy khen",
        "affiliation": {"@type": "Organization", "name": "Phòng Hành chính tư pháp"},
        "jobTitle": "Chuyên viên",
    }
    assert collective["@type"] == "Organization" and collective["name"] == "Phòng Hành chính tư pháp"
    assert collective["award"] == "Tập thể lao động tiên tiến"


def test_the_roll_lists_the_page_s_recipients_in_order_with_their_positions(client, section, settings):
    settings.THIDUA_ROLL_PAGE_SIZE = 2
    make_decision(
        honours=[{"recipient_kind": "individual", "person_name": f"Lê Văn {name}", "award": "giay-khen"}
                 for name in ("A", "B", "C")]
    )  # fmt: skip
    roll = HonourRollPage.objects.get()
    (first,) = json_ld_of(client.get(roll.url))
    (second,) = json_ld_of(client.get(roll.url, {"page": 2}))
    assert first["@type"] == "ItemList"
    assert [(i["position"], i["item"]["name"]) for i in first["itemListElement"]] == [(1, "Lê Văn A"), (2, "Lê Văn B")]
    assert [(i["position"], i["item"]["name"]) for i in second["itemListElement"]] == [(3, "Lê Văn C")]


def test_a_value_cannot_close_the_script(client, section):
    reason = "</script><script>alert(1)</script> <!-- Sở Tư pháp & Công an -->"
    decision = make_decision(reason=reason)
    roll = HonourRollPage.objects.get()
    response = client.get(f"{roll.url}decisions/{decision.pk}/")
    assert "<script>alert(1)" not in response.content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    # As Django's json_script escapes: no character of the script's content can end it or open a comment.
    assert not set("<>&") & set(script) and "\\u003C/script\\u003E" in script and "\\u0026" in script
    (data,) = json_ld_of(response)
    assert data["abstract"] == reason
