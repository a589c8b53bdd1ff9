"""Searches in the admin's listings and choosers, as an editor types them (issue 10, item 1)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import make_decision, make_unit
from thidua_wagtail.models import AwardType, HonourTally, Unit

pytestmark = pytest.mark.django_db

MODELS = ["unit", "awardtype", "decision", "honourtally", "exemplarymodel", "emulationzone"]


def listing(client, model, **params):
    """The listing's results, as the search box refreshes them (without the filter drop-downs)."""
    return client.get(reverse(f"wagtailsnippets_thidua_wagtail_{model}:list_results"), params)


def chooser_url(model, view="choose_results"):
    return reverse(f"wagtailsnippetchoosers_thidua_wagtail_{model}:{view}")


def chooser(client, model, **params):
    return client.get(chooser_url(model), params)


def chooser_rows(response):
    """The titles the chooser lists, one per result row."""
    assert response.status_code == 200
    return re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]+?)\s*<", response.content.decode())


@pytest.mark.parametrize("model", MODELS)
# The last ones are the full-text index's own syntax, which an editor may type: text to find, never an error.
@pytest.mark.parametrize(
    "query", ["Tháp", "thap", "Sở Tư pháp", "so tu phap", "Bằng", "599/KH", 'nguyen "van', "van AND an*", "NEAR(van)"]
)
def test_every_listing_and_chooser_search_answers(editor, model, query):
    make_unit("Sở Tư pháp tỉnh Đồng Tháp")
    make_decision(honours=[{"recipient_kind": "individual", "person_name": "A", "award": "giay-khen"}])
    assert editor.get(reverse(f"wagtailsnippets_thidua_wagtail_{model}:list"), {"q": query}).status_code == 200
    assert chooser(editor, model, q=query, locale="vi").status_code == 200
    assert chooser(editor, model, q=query).status_code == 200


@pytest.mark.parametrize("query", ["Tháp", "thap", "THAP", "đồng tháp", "dong thap", "Sở Tư"])
def test_unit_found_by_any_word_with_or_without_diacritics(editor, query):
    make_unit("Sở Tư pháp tỉnh Đồng Tháp")
    make_unit("Phòng Tư pháp huyện Tân Hồng")
    html = listing(editor, "unit", q=query).content.decode()
    assert "Sở Tư pháp tỉnh Đồng Tháp" in html
    assert "Tân Hồng" not in html
    assert chooser_rows(chooser(editor, "unit", q=query, locale="vi")) == ["Sở Tư pháp tỉnh Đồng Tháp"]


def test_decision_and_tally_searches_find_their_records(editor):
    make_decision(number="123/QĐ-STP", issuing_body="Sở Tư pháp tỉnh Đồng Tháp")
    make_decision(number="45/QĐ-UBND", issuing_body="UBND tỉnh Đồng Tháp", authority="province")
    HonourTally.objects.create(start_year=2016, end_year=2020, scope="own", source="Báo cáo tổng kết Sở Tư pháp")
    html = listing(editor, "decision", q="123").content.decode()
    assert "123/QĐ-STP" in html and "45/QĐ-UBND" not in html
    assert "45/QĐ-UBND" in listing(editor, "decision", q="ubnd dong thap").content.decode()
    assert "2016" in listing(editor, "honourtally", q="bao cao tong ket").content.decode()
    assert "2016" not in listing(editor, "honourtally", q="khong co").content.decode()


def _translate_catalogue_to_english():
    english = Locale.objects.get_or_create(language_code="en")[0]
    for award in AwardType.objects.filter(locale=Locale.get_default()):
        translation = award.copy_for_translation(english)
        translation.name = f"{award.code} (English)"
        translation.save()


def test_award_chooser_lists_each_entry_once_in_the_editors_language(editor):
    _translate_catalogue_to_english()
    vietnamese = AwardType.objects.filter(locale=Locale.get_default()).count()
    rows = []
    page = 1
    while True:
        response = editor.get(chooser_url("awardtype"), {"p": page})
        found = chooser_rows(response)
        rows += found
        if f"p={page + 1}" not in response.content.decode() or not found:
            break
        page += 1
    assert len(rows) == vietnamese
    # Namesakes of the two laws ("Cờ thi đua của Chính phủ") are two entries, told apart by their dates.
    names = set(AwardType.objects.filter(locale=Locale.get_default()).values_list("name", flat=True))
    assert set(rows) == names
    assert not any("(English)" in row for row in rows)
    # "All" is still there for an editor who wants both languages.
    assert "(English)" in " ".join(chooser_rows(chooser(editor, "awardtype", locale="", q="giay khen")))


def test_award_chooser_finds_bang_khen_and_filters_by_category_recipient_and_level(editor):
    found = chooser_rows(chooser(editor, "awardtype", q="Bằng"))
    assert found and all("Bằng" in name for name in found)
    assert chooser_rows(chooser(editor, "awardtype", q="bang khen")) == found

    titles = chooser_rows(
        chooser(editor, "awardtype", category="title", recipient="collective", authority="department")
    )
    assert "Tập thể lao động tiên tiến" in titles
    assert not any(name.startswith(("Bằng khen", "Giấy khen", "Lao động tiên tiến")) for name in titles)

    forms = chooser_rows(chooser(editor, "awardtype", category="form", authority="department"))
    assert any(name.startswith("Giấy khen") for name in forms)
    assert not any(name.startswith("Bằng khen") for name in forms)


def test_unit_chooser_offers_no_creation(editor):
    # No creation address: the portal's language middleware sends the unknown admin address on to a 404.
    response = editor.post(
        chooser_url("unit", "choose") + "create/", {"name": "Phòng mới", "kind": "division"}, follow=True
    )
    assert response.status_code == 404
    assert not Unit.objects.filter(name="Phòng mới").exists()
    html = editor.get(chooser_url("unit", "choose")).content.decode()
    assert "/create/" not in html


@pytest.mark.parametrize("query", ["nong thon", "Nông thôn", "nong thon moi", "NONG THON"])
def test_the_page_chooser_and_the_page_search_find_the_package_pages_without_diacritics(editor, query):
    from tests.factories import make_hub, make_plan

    hub = make_hub()
    plan = make_plan(hub, movements=0, title="Kế hoạch thi đua xây dựng nông thôn mới")
    chosen = editor.get(reverse("wagtailadmin_choose_page_search"), {"q": query, "page_type": "wagtailcore.page"})
    assert chosen.status_code == 200
    assert plan.title in chosen.content.decode()
    searched = editor.get(reverse("wagtailadmin_pages:search_results"), {"q": query})
    assert searched.status_code == 200 and plan.title in searched.content.decode()
