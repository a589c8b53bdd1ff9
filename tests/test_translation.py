"""Vietnamese first, English second: translation through wagtail-localize's own admin flow.

An editor submits an object for translation, fills in the English strings in the translation
editor (its API), publishes, and syncs after a change to the source; the tests then read the
pages as a visitor does, at /vi/… and /en/….
"""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from tests.factories import make_decision, make_home, make_hub, make_plan, make_unit
from tests.utils import text_of
from thidua_wagtail.models import (
    AwardType,
    Decision,
    EmulationZone,
    EmulationZoneMember,
    Honour,
    HonourRollPage,
    MovementPage,
    PlanPage,
    Unit,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


_commit = {}


@pytest.fixture(autouse=True)
def committed(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translated page once the transaction commits; a test's never does,
    so each admin request here runs its commit callbacks as a committed request would."""
    _commit["capture"] = django_capture_on_commit_callbacks
    yield
    _commit.clear()


def as_committed(send, *args, **kwargs):
    with _commit["capture"](execute=True):
        return send(*args, **kwargs)


# The editor's flow -----------------------------------------------------------------------------


def submit(editor, obj, locale):
    """ "Translate" in the admin, into ``locale``; returns the new translation (the target object)."""
    if hasattr(obj, "get_url_parts"):
        url = reverse("wagtail_localize:submit_page_translation", args=(obj.pk,))
    else:
        url = reverse(
            "wagtail_localize:submit_snippet_translation", args=(obj._meta.app_label, obj._meta.model_name, obj.pk)
        )
    response = as_committed(editor.post, url, {"locales": [locale.pk]})
    assert response.status_code == 302, response.content.decode()[:500]
    return obj.get_translation(locale)


def translation_of(obj, locale):
    source = TranslationSource.objects.get(object_id=obj.translation_key, locale=obj.locale)
    return Translation.objects.get(source=source, target_locale=locale)


def fill_in(editor, obj, locale, strings):
    """Type the English of each Vietnamese string into the translation editor."""
    translation = translation_of(obj, locale)
    for vietnamese, english in strings.items():
        segment = StringSegment.objects.get(source=translation.source, string__data=vietnamese)
        response = editor.put(
            reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk)),
            urlencode({"value": english}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def publish(editor, target):
    """The translation editor's "Publish in English"."""
    if hasattr(target, "get_url_parts"):
        url = reverse("wagtailadmin_pages:edit", args=(target.pk,))
    else:
        url = reverse(f"wagtailsnippets_{target._meta.app_label}_{target._meta.model_name}:edit", args=(target.pk,))
    response = as_committed(editor.post, url, {"action": "publish"})
    assert response.status_code == 302, response.content.decode()[:500]


def sync(editor, obj):
    """ "Sync translated pages" after the source changed, publishing the translations."""
    source = TranslationSource.objects.get(object_id=obj.translation_key, locale=obj.locale)
    response = as_committed(
        editor.post, reverse("wagtail_localize:update_translations", args=(source.pk,)), {"publish_translations": "on"}
    )
    assert response.status_code == 302


def translate(editor, obj, locale, strings=None):
    target = submit(editor, obj, locale)
    if strings:
        fill_in(editor, obj, locale, strings)
    publish(editor, target)
    target = type(target).objects.get(pk=target.pk)
    assert getattr(target, "live", True), f"{target} was not published"
    return target


@pytest.fixture
def site(editor, english):
    """A home, a hub and a plan with an issuer, translated into English through wagtail-localize."""
    home = make_home()
    hub = make_hub(home)
    department = make_unit("Sở Tư pháp tỉnh Đồng Tháp")
    plan = make_plan(hub, issuer=department, phases=2, movements=2, title="Kế hoạch thi đua 2021 – 2025")
    plan.phases.update()
    translate(editor, home, english, {"Trang chủ": "Home"})
    translate(editor, hub, english, {"Thi đua – Khen thưởng": "Emulation and Commendation"})
    return {"home": home, "hub": hub, "plan": plan, "department": department}


@time_machine.travel("2026-11-29 09:00 +0700")
def test_an_editor_translates_a_plan_and_english_readers_get_english_words_and_the_same_facts(
    client, editor, english, site
):
    plan = site["plan"]
    en_plan = translate(
        editor,
        plan,
        english,
        {"Kế hoạch thi đua 2021 – 2025": "Emulation plan 2021–2025", "Đợt 1": "Phase 1", "Đợt 2": "Phase 2"},
    )
    assert en_plan.locale == english and en_plan.url.startswith("/en/")
    text = text_of(client.get(en_plan.url))
    assert "Emulation plan 2021–2025" in text and "Kế hoạch thi đua" not in text
    assert "Plan No. 599/KH-STP" in text
    assert "Issued on 28 May 2021" in text
    assert "Phase 1 From 1 January 2021 to" in text and "Đợt 1" not in text
    # The number, dates and signer are one fact in both languages.
    assert (en_plan.number, en_plan.issue_date, en_plan.signer_name) == (plan.number, plan.issue_date, plan.signer_name)
    # The Vietnamese page is untouched.
    vi_text = text_of(client.get(plan.url))
    assert "Kế hoạch thi đua 2021 – 2025" in vi_text and "Ban hành ngày 28 tháng 5 năm 2021" in vi_text


@time_machine.travel("2026-11-29 09:00 +0700")
def test_a_date_changed_in_vietnamese_reaches_the_english_page_when_synced(client, editor, english, site):
    plan = site["plan"]
    en_plan = translate(editor, plan, english, {"Kế hoạch thi đua 2021 – 2025": "Emulation plan 2021–2025"})
    # The editor changes the date and a phase's end in Vietnamese and publishes.
    plan = PlanPage.objects.get(pk=plan.pk)
    plan.issue_date = datetime.date(2021, 6, 2)
    phases = list(plan.phases.order_by("start_date"))
    phases[0].end_date = datetime.date(2023, 8, 20)
    plan.phases = phases
    plan.save_revision().publish()
    assert "2 June 2021" not in text_of(client.get(en_plan.url))
    sync(editor, plan)
    text = text_of(client.get(en_plan.url))
    assert "Issued on 2 June 2021" in text and "to 20 August 2023" in text
    assert "Emulation plan 2021–2025" in text  # the English words survive the sync


@time_machine.travel("2026-11-29 09:00 +0700")
def test_links_resolve_to_the_english_unit_movement_and_zone_though_wagtail_localize_leaves_them_in_vietnamese(
    client, editor, english, site
):
    plan, department = site["plan"], site["department"]
    zone = EmulationZone.objects.create(name="Khu vực thi đua Miền Tây Nam Bộ")
    EmulationZoneMember.objects.create(zone=zone, unit=department)
    movement = plan.get_movements()[0]
    en_movement = translate(editor, movement, english, {"Phong trào 1": "Movement 1"})
    en_plan = translate(editor, plan, english, {"Kế hoạch thi đua 2021 – 2025": "Emulation plan 2021–2025"})
    # wagtail-localize translated the issuer with the plan, as a related object; the editor
    # fills in its English name afterwards, and translates the zone last, as editors often do.
    en_department = department.get_translation(english)
    fill_in(editor, department, english, {"Sở Tư pháp tỉnh Đồng Tháp": "Department of Justice"})
    publish(editor, en_department)
    en_zone = translate(editor, zone, english, {"Khu vực thi đua Miền Tây Nam Bộ": "Southwestern Emulation Zone"})

    # What wagtail-localize stores: links to snippets it translated along are in English (the issuer,
    # a zone member's unit), but the links of synchronised inline rows (a plan's movements) and
    # links to pages still point at the Vietnamese objects.
    assert en_plan.issuer.locale == english
    assert en_zone.members.get().unit.locale == english
    assert en_plan.movement_links.first().movement.locale != english

    text = text_of(client.get(en_plan.url))
    html = client.get(en_plan.url).content.decode()
    assert "Issuing body Department of Justice" in text
    assert f'href="{en_movement.url}"' in html and "“Movement 1”" in text and "Phong trào 1" not in text
    assert "Southwestern Emulation Zone" in text and "Khu vực thi đua" not in text
    assert "Sở Tư pháp tỉnh Đồng Tháp" not in text
    # And the English movement page lists the plan that carries it out, in English.
    assert "Emulation plan 2021–2025" in text_of(client.get(en_movement.url))
    en_department.refresh_from_db()
    assert en_department.name == "Department of Justice"
    assert "Department of Justice" in [m.label for m in en_zone_members(client, en_plan)]


def en_zone_members(client, en_plan):
    # The context entries of the page's content exist only where it is rendered, not cached.
    with override_settings(THIDUA_CACHE=None):
        zones = client.get(en_plan.url).context["emulation_zones"]
    return [member for zone in zones for member in zone.member_list]


def test_each_honour_is_counted_once_in_every_language(client, editor, english, site):
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    site["hub"].add_child(instance=roll)
    en_roll = translate(editor, roll, english, {"Danh sách khen thưởng": "Honour roll"})
    award = AwardType.objects.get(code="lao-dong-tien-tien", locale=Locale.get_default())
    translate(editor, award, english, {"Lao động tiên tiến": "Advanced Worker"})
    decision = make_decision(
        honours=[
            {"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": award},
            {"recipient_kind": "individual", "person_name": "Lê Thị Hoa", "award": award},
        ]
    )
    en_decision = translate(editor, decision, english, {"Sở Tư pháp tỉnh Đồng Tháp": "Department of Justice"})
    assert en_decision.number == decision.number and en_decision.date == decision.date
    assert not en_decision.honours.exists()  # the register stays with the original
    assert Honour.objects.count() == 2
    vi_page, en_page = client.get(roll.url), client.get(en_roll.url)
    assert vi_page.context["page_obj"].paginator.count == en_page.context["page_obj"].paginator.count == 2
    assert "2 lượt khen thưởng" in text_of(vi_page) and "2 honours" in text_of(en_page)
    assert [row["award_name"] for row in en_page.context["honours"]] == ["Advanced Worker", "Advanced Worker"]
    assert [row["award_name"] for row in vi_page.context["honours"]] == ["Lao động tiên tiến"] * 2
    # Filtering the English roll by the English award finds the honours given with the Vietnamese one.
    en_award = award.get_translation(english)
    assert en_page.context["filter_form"].fields["award"].choices[1:] != []
    filtered = client.get(en_roll.url, {"award": en_award.pk})
    assert filtered.context["page_obj"].paginator.count == 2
    from thidua_wagtail.stats import period_totals

    assert period_totals(2022, 2022).own.individuals == 2


def test_translating_a_statutory_award_is_allowed_but_the_source_stays_locked(editor, english):
    award = AwardType.objects.get(code="giay-khen", locale=Locale.get_default())
    en_award = translate(editor, award, english, {"Giấy khen": "Certificate of Commendation"})
    assert (en_award.name, en_award.code, en_award.is_statutory) == ("Certificate of Commendation", "giay-khen", True)
    assert en_award.authorities == award.authorities
    edit = reverse("wagtailsnippets_thidua_wagtail_awardtype:edit", args=(award.pk,))
    assert editor.get(edit).status_code in (302, 403)  # refused: the law's entry in the source language
    en_edit = reverse("wagtailsnippets_thidua_wagtail_awardtype:edit", args=(en_award.pk,))
    assert editor.get(en_edit).status_code == 200  # the translation editor
    # The catalogue's facts reach translations when it is reloaded; the English name stays.
    from thidua_wagtail.catalogue_loader import load_catalogue

    AwardType.objects.filter(pk=award.pk).update(order=1)
    AwardType.objects.filter(pk=en_award.pk).update(order=1)
    assert load_catalogue() == (0, 1)
    en_award.refresh_from_db()
    assert en_award.order != 1 and en_award.name == "Certificate of Commendation"
    assert AwardType.objects.filter(code="giay-khen").count() == 2


@time_machine.travel("2026-11-29 09:00 +0700")
def test_dates_and_ordinals_are_written_as_each_language_writes_them(client, editor, english, site):
    hub, plan = site["hub"], site["plan"]
    PlanPage.objects.filter(pk=plan.pk).update(start_year=2021, end_year=2025)
    review = plan.reviews.order_by("date").last()
    review.date = datetime.date(2025, 8, 28)
    review.congress_ordinal = 6
    review.congress_name = "Đại hội Thi đua yêu nước ngành Tư pháp"
    review.save()
    en_plan = translate(editor, PlanPage.objects.get(pk=plan.pk), english)
    vi = text_of(client.get(plan.url))
    assert "Ban hành ngày 28 tháng 5 năm 2021" in vi
    assert "kỷ niệm 80 năm Ngày Truyền thống ngành Tư pháp" in vi and "lần thứ VI" in vi
    assert "(28/8/2025)" in vi
    en = text_of(client.get(en_plan.url))
    assert "Issued on 28 May 2021" in en and "(28 August 2025)" in en
    assert "80th anniversary" in en and "6th" in en
    assert hub.tradition_day.name in en  # not translated in this test, so shown as written


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(client, editor, english, site):
    plan = site["plan"]
    en_plan = translate(editor, plan, english)
    html = client.get(plan.url).content.decode()
    assert f'<a href="{en_plan.url}" lang="en" hreflang="en">English</a>' in html
    en_html = client.get(en_plan.url).content.decode()
    assert f'<a href="{plan.url}" lang="vi" hreflang="vi">Tiếng Việt</a>' in en_html
    assert 'lang="en"' in en_html.split("<body")[0]  # <html lang="en">
    # A page not translated yet offers the English home page instead.
    movement = MovementPage.objects.filter(locale=Locale.get_default()).first()
    en_home = site["home"].get_translation(english)
    assert f'<a href="{en_home.url}" lang="en" hreflang="en">English</a>' in client.get(movement.url).content.decode()


def test_units_and_decisions_keep_one_record_per_fact(editor, english):
    unit = make_unit("Văn phòng Sở")
    en_unit = translate(editor, unit, english, {"Văn phòng Sở": "Office of the Department"})
    assert Unit.objects.filter(translation_key=unit.translation_key).count() == 2
    assert en_unit.kind == unit.kind
    decision = make_decision(number="9/QĐ-STP")
    translate(editor, decision, english)
    assert Decision.objects.filter(number="9/QĐ-STP").count() == 2  # one per language, one fact


# Counted once, whatever the editors do ----------------------------------------------------------


def test_honours_are_recorded_on_the_original_decision_only(client, editor, english):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua_wagtail.stats import period_totals

    decision = make_decision(number="15/QĐ-STP")
    en_decision = translate(editor, decision, english)
    csv = "Loại;Họ và tên;Danh hiệu, hình thức khen thưởng\nCá nhân;Trần Văn Bình;Lao động tiên tiến\n".encode()
    # The import of the translation leads to the original's.
    response = editor.get(reverse("thidua_import_honours", args=(en_decision.pk,)))
    assert response.status_code == 302 and response["Location"] == reverse("thidua_import_honours", args=(decision.pk,))
    editor.post(reverse("thidua_import_honours", args=(decision.pk,)), {"file": SimpleUploadedFile("a.csv", csv)})
    assert decision.honours.count() == 1 and not en_decision.honours.exists()
    # No import button on the translation's row of the listing.
    listing = editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:list")).content.decode()
    assert reverse("thidua_import_honours", args=(decision.pk,)) in listing
    assert reverse("thidua_import_honours", args=(en_decision.pk,)) not in listing
    assert period_totals(2022, 2022).own.individuals == 1


def test_an_english_award_chosen_for_an_honour_is_kept_as_the_vietnamese_entry(client, editor, english):
    award = AwardType.objects.get(code="lao-dong-tien-tien", locale=Locale.get_default())
    en_award = translate(editor, award, english, {"Lao động tiên tiến": "Advanced Worker"})
    decision = make_decision(
        honours=[{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": en_award}]
    )
    honour = decision.honours.get()
    assert honour.award == award
    # So a second entry of the same honour is recognised as one.
    from tests.test_spreadsheets import upload, xlsx_file

    response = upload(editor, decision, xlsx_file([["Cá nhân", "Nguyễn Văn An", "", "", "Advanced Worker"]]))
    assert response.status_code == 302 and decision.honours.count() == 1


def test_a_filtered_roll_keeps_its_filter_in_the_other_language(client, editor, english, site):
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    site["hub"].add_child(instance=roll)
    en_roll = translate(editor, roll, english, {"Danh sách khen thưởng": "Honour roll"})
    award = AwardType.objects.get(code="lao-dong-tien-tien", locale=Locale.get_default())
    translate(editor, award, english, {"Lao động tiên tiến": "Advanced Worker"})
    make_decision(
        honours=[
            {"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": award},
            {"recipient_kind": "individual", "person_name": "Lê Thị Hoa", "award": "giay-khen"},
        ]
    )
    html = client.get(roll.url, {"award": award.pk}).content.decode()
    assert f'href="{en_roll.url}?award={award.pk}"' in html
    response = client.get(en_roll.url, {"award": award.pk})
    assert not response.context["filter_form"].errors
    assert [row["person_name"] for row in response.context["honours"]] == ["Nguyễn Văn An"]


def test_an_address_without_a_language_leads_to_the_default_language_whatever_the_browser(client, site):
    plan = site["plan"]
    unprefixed = plan.url.removeprefix("/vi")
    response = client.get(unprefixed, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert (response.status_code, response["Location"]) == (302, plan.url)


def test_a_translated_local_award_still_cannot_take_a_catalogue_name(editor, english):
    local = AwardType.objects.create(
        code="giay-khen-chi-cuc",
        name="Giấy khen của Chi cục",
        category="form",
        group="certificate",
        recipients=["individual"],
        authorities=["department"],
    )
    translate(editor, local, english, {"Giấy khen của Chi cục": "Certificate of the Sub-department"})
    local.name = "Giấy khen"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        local.full_clean()
    assert "name" in error.value.message_dict


def test_a_locale_added_after_the_panels_were_read_is_used_at_once():
    from django.utils import translation
    from wagtail.models import Locale

    from thidua_wagtail.locales import active_locale_id

    vietnamese = Locale.objects.get(language_code="vi")
    with translation.override("en"):
        assert active_locale_id() == vietnamese.pk  # no English yet: Wagtail's default locale
        # Created through another server: no signal reaches this process, and English is used all the same.
        Locale.objects.bulk_create([Locale(language_code="en")])
        english = Locale.objects.get(language_code="en")
        assert active_locale_id() == english.pk
        english.delete()
        assert active_locale_id() == vietnamese.pk
        english = Locale.objects.create(language_code="en")
        assert active_locale_id() == english.pk
        english.delete()
        assert active_locale_id() == vietnamese.pk
