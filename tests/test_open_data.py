"""Issue 13, item 6: the register as open data (CSV and JSON with a data dictionary in both languages) and its DCAT
description, fetched as an open-data portal harvests them."""

import csv
import datetime
import io
import json

import pytest

from tests.factories import make_decision, make_hub, make_unit
from thidua_wagtail.models import HonourRollPage
from thidua_wagtail.open_data import FIELDS

pytestmark = pytest.mark.django_db

NAMES = [name for name, _type, _description in FIELDS]


@pytest.fixture
def roll():
    hub = make_hub()
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=page)
    unit = make_unit("Phòng Hành chính tư pháp")
    make_decision(
        number="45/QĐ-STP",
        date=datetime.date(2024, 8, 28),
        honours=[
            {"recipient_kind": "individual", "person_name": "=HYPERLINK(\"http://x\")", "unit": unit,
             "award": "giay-khen", "posthumous": True},
            {"recipient_kind": "collective", "unit": unit, "award": "tap-the-lao-dong-tien-tien"},
        ],
    )  # fmt: skip
    proposed = {"recipient_kind": "individual", "person_name": "Người Được Đề Nghị", "award": "giay-khen"}
    make_decision(number="9/TTr-STP", status="proposed", authority="province", honours=[proposed])
    return page


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_the_csv_holds_every_awarded_honour_with_formulas_neutralised(client, roll):
    response = client.get(f"{roll.url}open-data/honours/csv/")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert rows[0] == NAMES
    records = [dict(zip(NAMES, row, strict=True)) for row in rows[1:]]
    assert len(records) == 2  # the proposal's honour is not public
    person = next(r for r in records if r["recipient_kind"] == "individual")
    assert person["name"] == '\'=HYPERLINK("http://x")'
    assert person["posthumous"] == "true" and person["decision_date"] == "2024-08-28"
    assert person["award_code"] == "giay-khen" and person["awarding_level"] == "department"
    collective = next(r for r in records if r["recipient_kind"] == "collective")
    assert collective["name"] == "Phòng Hành chính tư pháp" and collective["unit"] == ""
    assert client.get(person["decision_url"].replace("http://localhost", "")).status_code == 200


def test_the_json_holds_the_same_records_with_typed_values(client, roll):
    response = client.get(f"{roll.url}open-data/honours/json/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    records = json.loads(body(response))
    assert len(records) == 2 and list(records[0]) == NAMES
    person = next(r for r in records if r["recipient_kind"] == "individual")
    assert person["posthumous"] is True and isinstance(person["id"], int)
    assert not any("Người Được Đề Nghị" in json.dumps(r, ensure_ascii=False) for r in records)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_dictionary_describes_every_column_in_vietnamese_and_english(client, roll, fmt):
    response = client.get(f"{roll.url}open-data/dictionary/{fmt}/")
    assert response.status_code == 200
    text = body(response).lstrip("\ufeff")
    entries = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
    assert [e["field"] for e in entries] == NAMES
    by_field = {e["field"]: e for e in entries}
    assert by_field["decision_date"]["type"] == "date"
    assert by_field["name"]["description_en"] == "The full name of the individual, or the name of the collective."
    assert by_field["name"]["description_vi"] == "Họ và tên của cá nhân, hoặc tên của tập thể."
    assert all(e["description_vi"] != e["description_en"] for e in entries)


def test_the_dcat_description_points_at_both_distributions_and_the_dictionary(client, roll, settings):
    settings.THIDUA_OPEN_DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
    response = client.get(f"{roll.url}open-data/dcat/")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    dataset = json.loads(response.content)
    assert dataset["@type"] == "dcat:Dataset" and dataset["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    titles = {t["@language"]: t["@value"] for t in dataset["dct:title"]}
    assert titles == {"vi": "Khen thưởng: Danh sách khen thưởng", "en": "Honours awarded: Danh sách khen thưởng"}
    assert dataset["dct:modified"]["@value"] == "2024-08-28"  # the latest awarded decision, not the proposal
    media = {d["dcat:mediaType"]: d for d in dataset["dcat:distribution"]}
    assert set(media) == {"text/csv", "application/json"}
    for distribution in media.values():
        assert distribution["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
        for link in (distribution["dcat:downloadURL"]["@id"], distribution["dct:conformsTo"]["@id"]):
            assert client.get(link.replace("http://localhost", "")).status_code == 200, link
    page = client.get(roll.url).content.decode()
    assert f'href="{roll.url}open-data/dcat/"' in page and f'href="{roll.url}open-data/honours/json/"' in page


def test_an_unknown_format_is_not_found(client, roll):
    assert client.get(f"{roll.url}open-data/honours/xml/").status_code == 404
    assert client.get(f"{roll.url}open-data/dictionary/xlsx/").status_code == 404
