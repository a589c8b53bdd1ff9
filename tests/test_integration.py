"""The package inside a host's news portal: blocks in its articles, tags on its home page, related news
found through Wagtail's reference index, as a visitor of the portal meets them."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from wagtail.rich_text import RichText

from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import make_decision, make_home, make_hub, make_plan, make_unit
from tests.utils import text_of
from thidua_wagtail.models import HonourTally, PlanPage, Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    home = make_home()
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=news)
    hub = make_hub(home)
    plan = make_plan(hub, issuer=make_unit("Sở Tư pháp tỉnh Đồng Tháp"), phases=2, movements=1)
    return {"home": home, "news": news, "hub": hub, "plan": plan, "movement": plan.get_movements()[0]}


def article(portal, body, slug="bai-viet", title="Phát động phong trào thi đua"):
    page = NewsArticlePage(title=title, slug=slug, body=body)
    portal["news"].add_child(instance=page)
    page.save_revision().publish()
    return page


@time_machine.travel("2022-05-01 09:00 +0700")
def test_an_article_embeds_the_package_s_blocks_rendered_from_live_data(client, portal):
    plan, movement = portal["plan"], portal["movement"]
    HonourTally.objects.create(start_year=2016, end_year=2020, scope=Scope.OWN, collectives=43, individuals=333)
    decision = make_decision(
        number="15/QĐ-STP",
        honours=[{"recipient_kind": "individual", "person_name": "Nguyễn Văn An", "award": "lao-dong-tien-tien"}],
    )
    page = article(
        portal,
        [
            ("paragraph", RichText("<p>Sở Tư pháp phát động phong trào thi đua.</p>")),
            ("plan_summary", {"plan": plan}),
            ("movement_card", {"movement": movement}),
            ("phase_timeline", {"plan": plan}),
            ("honour_totals", {"start_year": 2016, "end_year": 2020}),
            ("decision_honours", {"decision": decision}),
        ],
    )
    text = text_of(client.get(page.url))
    assert "Kế hoạch số 599/KH-STP Đang thực hiện" in text
    assert f"“{movement.title}”" in text
    assert "Hôm nay, 1/5/2022" in text and "Đang diễn ra: còn" in text  # the phase under way today
    assert "2016–2020 43 tập thể, 333 cá nhân" in text
    assert "Quyết định số 15/QĐ-STP ngày 10/5/2022" in text and "Nguyễn Văn An" in text
    # Live data: the plan's new title shows in the article without touching the article.
    plan.title = "Kế hoạch thi đua đã sửa"
    plan.save_revision().publish()
    assert "Kế hoạch thi đua đã sửa" in text_of(client.get(page.url))


def test_an_unpublished_plan_is_not_shown_by_its_block(client, portal):
    plan = portal["plan"]
    page = article(portal, [("plan_summary", {"plan": plan})])
    plan.unpublish()
    assert plan.number not in text_of(client.get(page.url))


def test_a_host_overrides_a_block_s_template(client, portal, tmp_path):
    (tmp_path / "thidua_wagtail" / "blocks").mkdir(parents=True)
    (tmp_path / "thidua_wagtail" / "blocks" / "movement_card_block.html").write_text(
        "<p class='host-card'>Phong trào của cổng: {{ movement.title }}</p>"
    )
    page = article(portal, [("movement_card", {"movement": portal["movement"]})])
    from django.conf import settings

    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    with override_settings(TEMPLATES=templates):
        html = client.get(page.url).content.decode()
    assert f"<p class='host-card'>Phong trào của cổng: {portal['movement'].title}</p>" in html


def test_a_totals_block_with_its_years_reversed_is_refused_with_a_message(portal):
    from django.core.exceptions import ValidationError

    from thidua_wagtail.blocks import HonourTotalsBlock

    block = HonourTotalsBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"start_year": 2020, "end_year": 2016}))
    assert "Năm kết thúc không được trước năm bắt đầu." in str(error.value.block_errors["end_year"])


@time_machine.travel("2022-05-01 09:00 +0700")
def test_the_home_page_shows_the_phase_under_way_and_the_latest_honours_through_the_tags(client, portal):
    make_decision(
        honours=[{"recipient_kind": "individual", "person_name": "Lê Thị Hoa", "award": "lao-dong-tien-tien"}]
    )
    text = text_of(client.get(portal["home"].url))
    plan = portal["plan"]
    assert f"Các đợt thi đua đang diễn ra {plan.title} : Đợt 1 Đang diễn ra: còn 426 ngày" in text
    assert "Khen thưởng mới nhất Lê Thị Hoa : Lao động tiên tiến, 1/QĐ-STP (10/5/2022)" in text


@time_machine.travel("2023-06-01 09:00 +0700")
def test_reviews_coming_up_and_latest_decisions_tags():
    from thidua_wagtail.templatetags.thidua_tags import thidua_latest_decisions, thidua_reviews_coming_up

    home = make_home()
    hub = make_hub(home)
    plan = make_plan(hub, phases=2, movements=0)
    first = plan.reviews.order_by("date").first()
    reviews = thidua_reviews_coming_up(days=400)
    assert [(r.plan.pk, r.pk) for r in reviews][:1] == [(plan.pk, first.pk)]
    assert reviews[0].current_timing.days_until_start == (first.date - datetime.date(2023, 6, 1)).days
    # Held with the anniversary of the section's Tradition Day, which the plan itself does not name.
    assert reviews[0].anniversary == first.date.year - 1945 - (first.date < datetime.date(first.date.year, 8, 28))
    assert thidua_reviews_coming_up(days=1) == []
    make_decision(number="1/QĐ-STP", date=datetime.date(2023, 1, 5))
    make_decision(
        number="2/QĐ-STP",
        date=datetime.date(2023, 3, 5),
        honours=[{"recipient_kind": "individual", "person_name": "Lê Văn Tám", "award": "lao-dong-tien-tien"}],
    )
    make_decision(number="3/QĐ-STP", date=datetime.date(2023, 4, 5), status="proposed")
    decisions = thidua_latest_decisions(5)
    assert [(d.number, d.honour_count or 0) for d in decisions] == [("2/QĐ-STP", 1), ("1/QĐ-STP", 0)]


def test_a_plan_lists_the_news_that_link_to_it_and_the_news_offers_the_plan_back(client, portal):
    plan, movement = portal["plan"], portal["movement"]
    linking = article(
        portal, [("paragraph", RichText(f'<p>Theo <a linktype="page" id="{plan.pk}">kế hoạch</a>.</p>'))], slug="a"
    )
    embedding = article(portal, [("movement_card", {"movement": movement})], slug="b", title="Hưởng ứng phong trào")
    unrelated = article(portal, [("paragraph", RichText("<p>Tin khác.</p>"))], slug="c", title="Tin không liên quan")
    plan_html = client.get(plan.url).content.decode()
    assert "Tin liên quan" in text_of(client.get(plan.url))
    assert f'href="{linking.url}"' in plan_html and f'href="{unrelated.url}"' not in plan_html
    assert f'href="{embedding.url}"' in client.get(movement.url).content.decode()
    # The plan's own link to its movement is not news.
    assert f'href="{plan.url}">' not in client.get(movement.url).content.decode().split("Tin liên quan")[-1]
    article_text = text_of(client.get(linking.url))
    assert f"Có thể bạn quan tâm {plan.title} (Kế hoạch)" in article_text
    # An unpublished article disappears from the plan's related news.
    linking.unpublish()
    assert f'href="{linking.url}"' not in client.get(plan.url).content.decode()


def test_the_demo_article_embeds_blocks_and_the_plan_lists_it(client):
    from django.core.management import call_command

    call_command("load_demo", "--no-english", stdout=open("/dev/null", "w"))
    news = NewsArticlePage.objects.get(slug="phat-dong-phong-trao-thi-dua-2021-2025")
    plan = PlanPage.objects.get(number="599/KH-STP")
    assert [block.block_type for block in news.body if block.block_type != "paragraph"] == [
        "honour_totals",
        "plan_summary",
        "phase_timeline",
    ]
    assert f'href="{news.url}"' in client.get(plan.url).content.decode()


def test_blocks_never_show_what_a_view_restriction_hides(client, portal):
    from wagtail.models import PageViewRestriction

    plan, movement = portal["plan"], portal["movement"]
    decision = make_decision(number="99/TTr-STP", status="proposed")
    page = article(
        portal,
        [
            ("plan_summary", {"plan": plan}),
            ("phase_timeline", {"plan": plan}),
            ("movement_card", {"movement": movement}),
            ("decision_honours", {"decision": decision}),
        ],
    )
    PageViewRestriction.objects.create(page=portal["hub"], restriction_type="password", password="mat-khau")
    text = text_of(client.get(page.url))
    assert client.get(page.url).status_code == 200
    assert plan.number not in text and plan.title not in text and movement.title not in text
    # A proposal is not public until the higher authority decides.
    assert "99/TTr-STP" not in text


@time_machine.travel("2022-05-01 09:00 +0700")
def test_panels_fall_back_to_the_original_when_a_translation_is_a_draft(client, portal):
    from django.utils import translation
    from wagtail.models import Locale

    from thidua_wagtail.templatetags.thidua_tags import thidua_phases_under_way

    plan = portal["plan"]
    english = Locale.objects.create(language_code="en")
    for page in (portal["home"], portal["hub"]):
        page.copy_for_translation(english).save_revision().publish()
    draft = plan.copy_for_translation(english)  # saved, not published
    assert not draft.live
    with translation.override("en"):
        phases = thidua_phases_under_way()
    assert [phase.plan.pk for phase in phases] == [plan.pk]
    # Published, the translation is what English readers see; Vietnamese readers keep the original.
    PlanPage.objects.get(pk=draft.pk).save_revision().publish()
    with translation.override("en"):
        assert [phase.plan.pk for phase in thidua_phases_under_way()] == [draft.pk]
    assert [phase.plan.pk for phase in thidua_phases_under_way()] == [plan.pk]


def test_the_home_page_links_the_roll_in_the_reader_s_language_where_translated(portal):
    from django.utils import translation
    from wagtail.models import Locale

    from thidua_wagtail.models import HonourRollPage
    from thidua_wagtail.templatetags.thidua_tags import thidua_honour_roll

    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    portal["hub"].add_child(instance=roll)
    english = Locale.objects.create(language_code="en")
    with translation.override("en"):
        assert thidua_honour_roll().pk == roll.pk  # not translated: the Vietnamese roll
    for page in (portal["home"], portal["hub"]):
        page.copy_for_translation(english).save_revision().publish()
    english_roll = roll.copy_for_translation(english)
    english_roll.save_revision().publish()
    with translation.override("en"):
        assert thidua_honour_roll().pk == english_roll.pk
    assert thidua_honour_roll().pk == roll.pk


@pytest.mark.parametrize("cache", ["default", None])
def test_an_english_article_s_blocks_show_the_plan_s_english_translation_while_it_is_live(
    client, portal, settings, cache
):
    from wagtail.models import Locale

    settings.THIDUA_CACHE = cache
    plan, movement = portal["plan"], portal["movement"]
    page = article(portal, [("plan_summary", {"plan": plan}), ("movement_card", {"movement": movement})])
    english = Locale.objects.create(language_code="en")
    for parent in (portal["home"], portal["news"], portal["hub"]):
        parent.copy_for_translation(english).save_revision().publish()
    english_plan = plan.copy_for_translation(english)
    english_plan.title = "Emulation plan 2021-2025"
    english_plan.save_revision().publish()
    # As wagtail-localize copies it, the English article's blocks still choose the Vietnamese plan and movement.
    english_article = page.copy_for_translation(english)
    english_article.save_revision().publish()
    text = text_of(client.get(english_article.url))
    assert "Emulation plan 2021-2025" in text and plan.title not in text
    # The movement has no English translation: its Vietnamese page is shown.
    assert movement.title in text
    assert plan.title in text_of(client.get(page.url))
    PlanPage.objects.get(pk=english_plan.pk).unpublish()
    text = text_of(client.get(english_article.url))
    assert plan.title in text and "Emulation plan 2021-2025" not in text


def test_an_editor_opens_and_saves_an_article_whose_blocks_choose_a_plan_and_a_movement(editor, portal):
    import json

    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    plan, movement = portal["plan"], portal["movement"]
    page = article(portal, [("plan_summary", {"plan": plan}), ("movement_card", {"movement": movement})])
    response = editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    # The choosers show what the editor chose: the Vietnamese plan and movement, by title (in the blocks' state,
    # which Wagtail writes as JSON).
    assert json.dumps(plan.title)[1:-1] in html and json.dumps(movement.title)[1:-1] in html
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": "",
            "intro": "",
            "body": streamfield([("plan_summary", {"plan": plan.pk}), ("movement_card", {"movement": movement.pk})]),
            "action-publish": "1",
        }
    )
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert [block.block_type for block in page.body] == ["plan_summary", "movement_card"]
    assert page.body[0].value["plan"].pk == plan.pk and page.body[1].value["movement"].pk == movement.pk
