"""The demo content reproduces the reference article, and loading it twice changes nothing."""

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Page, Revision

from news.demo import MOVEMENTS
from news.models import NewsArticlePage
from tests.utils import text_of
from thidua_wagtail.models import MovementPage, Phase, PlanPage, Unit

pytestmark = pytest.mark.django_db

# The five movements exactly as the article names them.
ARTICLE_MOVEMENTS = [
    "Ngành Tư pháp Đồng Tháp đoàn kết, kỷ cương, hành động, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ chính trị "
    "được giao",
    "Cán bộ, công chức, viên chức, người lao động trong ngành Tư pháp thi đua thực hiện văn hóa công sở giai đoạn "
    "2019 – 2025",
    "Cán bộ Tư pháp đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Ngành Tư pháp chung sức góp phần xây dựng nông thôn mới",
    "Cả nước chung sức vì người nghèo – Không để ai bị bỏ lại phía sau",
]


@pytest.fixture
def demo():
    call_command("load_demo", "--no-english", stdout=open("/dev/null", "w"))
    return PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi")


@pytest.fixture
def bilingual_demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi")


def test_second_load_changes_nothing(bilingual_demo):
    counts = (Page.objects.count(), Unit.objects.count(), Phase.objects.count(), Revision.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (Page.objects.count(), Unit.objects.count(), Phase.objects.count(), Revision.objects.count()) == counts


def test_plan_facts(demo):
    assert demo.issue_date.isoformat() == "2021-05-28"
    assert demo.issuer.name == "Sở Tư pháp tỉnh Đồng Tháp"
    assert demo.signer_position == "Giám đốc Sở Tư pháp"
    assert (demo.start_year, demo.end_year) == (2021, 2025)
    assert [m.title for m in demo.get_movements()] == ARTICLE_MOVEMENTS
    assert [m[1] for m in MOVEMENTS] == ARTICLE_MOVEMENTS


def test_national_movement_exists_once_and_is_linked(demo):
    national = MovementPage.objects.get(title=ARTICLE_MOVEMENTS[4])
    assert national.get_parent().specific_class.__name__ == "EmulationIndexPage"
    assert list(national.get_plans()) == [demo]


@time_machine.travel("2026-11-29 09:00 +0700")
def test_plan_page_shows_the_article(client, demo):
    text = text_of(client.get(demo.url))
    assert "Kế hoạch số 599/KH-STP" in text
    assert "Ban hành ngày 28 tháng 5 năm 2021" in text
    assert "Giám đốc Sở Tư pháp" in text
    for name in ARTICLE_MOVEMENTS:
        assert f"“{name}”" in text
    assert "Đợt 1 Từ ngày 1/1/2021 đến ngày 28/8/2023" in text
    assert "Đợt 2 Từ ngày 29/8/2023 đến ngày 28/8/2025" in text
    assert "Sơ kết (28/8/2023) cùng với kỷ niệm 78 năm Ngày Truyền thống ngành Tư pháp" in text
    assert "Tổng kết (28/8/2025) cùng với kỷ niệm 80 năm Ngày Truyền thống ngành Tư pháp" in text
    assert "và Đại hội Thi đua yêu nước ngành Tư pháp lần thứ VI" in text
    # Both phases have ended, and so has the plan.
    assert text.count("Đã kết thúc") == 3 and "Đã kết thúc năm 2025" in text


@time_machine.travel("2026-11-29 09:00 +0700")
def test_the_english_demo_is_made_through_wagtail_localize(client, bilingual_demo):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    from news.demo_en import EN
    from thidua_wagtail.models import AwardType, MovementPage

    english = Locale.objects.get(language_code="en")
    en_plan = bilingual_demo.get_translation(english)
    assert Translation.objects.filter(target_locale=english, source__object_id=bilingual_demo.translation_key).exists()
    response = client.get(en_plan.url)
    text = text_of(response)
    assert en_plan.url == "/en/emulation-and-commendation/plan-599-kh-stp/"
    assert EN[bilingual_demo.title] in text
    assert "Plan No. 599/KH-STP" in text and "Issued on 28 May 2021" in text
    assert "Issuing body Department of Justice of Đồng Tháp Province" in text
    assert "together with the 78th anniversary of the Justice Sector's Tradition Day" in text
    assert "and the 6th Patriotic Emulation Congress of the Justice Sector" in text
    for movement in MovementPage.objects.filter(locale=english):
        assert f"“{movement.title}”" in text
    assert f'<a href="{bilingual_demo.url}" lang="vi" hreflang="vi">Tiếng Việt</a>' in response.content.decode()
    # The whole legal catalogue, in English, with the same facts.
    en_awards = AwardType.objects.filter(locale=english)
    assert en_awards.count() == AwardType.objects.filter(locale__language_code="vi").count() == 65
    assert en_awards.get(code="giay-khen").name == "Certificate of Commendation"
    assert all(award.name != award.get_translation(Locale.get_default()).name for award in en_awards)


def test_article_links_to_the_plan(client, demo):
    article = NewsArticlePage.objects.get(slug="phat-dong-phong-trao-thi-dua-2021-2025")
    response = client.get(article.url)
    assert response.status_code == 200
    assert f'href="{demo.url}"' in response.content.decode()
    assert "43 tập thể và 333 cá nhân" in text_of(response)


@time_machine.travel("2024-05-01 09:00 +0700")
def test_hub_shows_the_phase_under_way_with_days_left(client, demo):
    hub = demo.get_parent()
    text = text_of(client.get(hub.url))
    # 1/5/2024 to 28/8/2025 is 484 days.
    assert "Đợt 2" in text
    assert "Đang diễn ra: còn 484 ngày" in text
    assert demo.title in text


@time_machine.travel("2026-11-29 09:00 +0700")
def test_home_and_news_render(client, demo):
    # The address carries the language; the bare root sends a visitor to the default one.
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/vi/")
    assert client.get("/vi/").status_code == 200
    assert client.get("/vi/tin-tuc/").status_code == 200


@time_machine.travel("2025-08-10 09:00 +0700")
def test_hub_marks_a_phase_ending_soon_with_its_anniversary(client, demo):
    text = text_of(client.get(demo.get_parent().url))
    assert "Đang diễn ra: còn 18 ngày Sắp kết thúc" in text
    assert "cùng với kỷ niệm 80 năm Ngày Truyền thống ngành Tư pháp" in text


@time_machine.travel("2024-05-01 09:00 +0700")
def test_hub_does_not_mark_a_distant_end(client, demo):
    assert "Sắp kết thúc" not in text_of(client.get(demo.get_parent().url))


def test_plan_page_shows_the_exemplary_model_and_the_zone(client, demo):
    text = text_of(client.get(demo.url))
    assert "“Câu lạc bộ hòa giải ở cơ sở” do UBND Tỉnh, Bộ Tư pháp công nhận" in text
    assert "Khu vực thi đua Miền Tây Nam Bộ" in text
    assert "Sở Tư pháp tỉnh Đồng Tháp" in text


@time_machine.travel("2024-05-01 09:00 +0700")
def test_the_demo_home_shows_the_phase_under_way_and_the_honours_through_the_tags(client, demo):
    text = text_of(client.get("/vi/"))
    assert f"Các đợt thi đua đang diễn ra {demo.title} : Đợt 2 Đang diễn ra: còn 484 ngày" in text
    # The article gives totals only; the honours listed are the demo's sample decisions, marked as such.
    assert "Khen thưởng mới nhất" in text and "Chưa có khen thưởng nào được ghi nhận" not in text


def test_the_demo_home_after_the_plan_s_last_phase(client):
    # The article's plan has ended; the demo's sample plan, dated from the day it is loaded, is under way.
    with time_machine.travel("2026-11-29 09:00 +0700"):
        call_command("load_demo", "--no-english", stdout=open("/dev/null", "w"))
        plan = PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi")
        text = text_of(client.get("/vi/"))
    assert f"{plan.title} : Đợt 2" not in text
    assert "Tư pháp gần dân" in text and "Đang diễn ra" in text


def test_the_api_serves_the_demo_in_both_languages(client, bilingual_demo):
    """A provincial portal harvests the demo department through the API, page after page, in both languages."""
    plans = client.get("/api/thidua/plans/").json()["items"]
    assert any(plan["number"] == "599/KH-STP" for plan in plans)
    english = client.get("/api/thidua/plans/", {"locale": "en"}).json()["items"]
    assert len(english) == len(plans) and all("/en/" in plan["meta"]["html_url"] for plan in english)
    decisions = client.get("/api/thidua/decisions/").json()
    assert decisions["meta"]["total_count"] > 0
    first = decisions["items"][0]
    honours = client.get("/api/thidua/honours/", {"decision_id": first["id"], "limit": 20}).json()
    assert honours["meta"]["total_count"] == first["honour_count"]
    assert client.get(first["meta"]["html_url"].split("localhost", 1)[-1]).status_code == 200
