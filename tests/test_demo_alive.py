"""The demo is alive on whatever day it is loaded, and says what is illustrative (issue 10, items 10 and 11)."""

import csv
import io

import pytest
import time_machine
from django.core.management import call_command

from tests.utils import text_of
from thidua_wagtail.models import Decision, EmulationIndexPage, Honour, HonourRollPage, PlanPage

pytestmark = pytest.mark.django_db


def load(english=False):
    call_command("load_demo", *([] if english else ["--no-english"]), stdout=open("/dev/null", "w"))


def hub(language="vi"):
    return EmulationIndexPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize("day", ["2026-12-02 09:00 +0700", "2027-07-15 09:00 +0700", "2031-01-01 08:00 +0700"])
def test_whatever_the_day_a_phase_is_under_way_and_the_roll_has_sample_honours(client, day):
    with time_machine.travel(day):
        load()
        page = text_of(client.get(hub().url))
        assert "Đang diễn ra" in page and "Hôm nay không có đợt thi đua nào đang diễn ra" not in page
        assert "dữ liệu minh họa" in page
        roll = client.get(HonourRollPage.objects.get(locale__language_code="vi").url)
        assert roll.context["page_obj"].paginator.count > 20
        assert "dữ liệu minh họa" in text_of(roll)
        found = client.get(roll.request["PATH_INFO"], {"q": "nguyen thi minh thu"})
        assert found.context["page_obj"].paginator.count >= 1
        home = text_of(client.get("/vi/"))
        assert "Khen thưởng mới nhất" in home and "Nguyễn Thị Minh Thư" in home


def test_a_later_load_moves_the_sample_plan_to_run_through_the_new_day(client):
    with time_machine.travel("2026-12-02 09:00 +0700"):
        load()
    with time_machine.travel("2028-03-01 09:00 +0700"):
        load()
        plan = PlanPage.objects.get(slug="ke-hoach-thi-dua-minh-hoa", locale__language_code="vi")
        assert any(p.start_date.isoformat() <= "2028-03-01" <= p.end_date.isoformat() for p in plan.phases.all())
        assert "Đang diễn ra" in text_of(client.get(hub().url))
    # Three decisions, and two later ones that correct and revoke some of their honours.
    assert Decision.objects.filter(is_sample=True).count() == 5


@time_machine.travel("2026-12-02 09:00 +0700")
def test_every_sample_decision_is_flagged_and_every_real_fact_stays():
    load()
    assert set(Decision.objects.values_list("is_sample", flat=True)) == {True}
    plan = PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi")
    assert not plan.is_sample and (plan.start_year, plan.end_year) == (2021, 2025)
    assert not plan.decisions.exists()


@time_machine.travel("2026-12-02 09:00 +0700")
def test_a_period_without_records_reads_no_figures_yet_not_zero(client):
    load()
    page = text_of(client.get(hub().url))
    assert "2021–2025 chưa có số liệu chưa có số liệu" in page
    assert "0 tập thể, 0 cá nhân" not in page
    assert "43 tập thể, 333 cá nhân" in page  # the article's own figures


@time_machine.travel("2026-12-02 09:00 +0700")
def test_an_ended_plan_says_so_and_folds_its_filing_list(client):
    load()
    response = client.get(PlanPage.objects.get(number="599/KH-STP", locale__language_code="vi").url)
    html = response.content.decode()
    assert "Đã kết thúc năm 2025" in text_of(response)
    assert '<details class="thidua-folded">' in html
    assert "thidua-badge--missing" not in html
    sample = client.get(PlanPage.objects.get(slug="ke-hoach-thi-dua-minh-hoa", locale__language_code="vi").url)
    assert "Đang thực hiện" in text_of(sample) and "nội dung minh họa" in text_of(sample)


@time_machine.travel("2026-04-15 09:00 +0700")
def test_a_one_year_period_reads_as_one_year(client):
    load()
    plan = PlanPage.objects.get(slug="ke-hoach-thi-dua-minh-hoa", locale__language_code="vi")
    assert plan.start_year == plan.end_year == 2026
    page = text_of(client.get(hub().url))
    assert "2026–2026" not in page and "2026 3 tập thể" in page


@time_machine.travel("2026-12-02 09:00 +0700")
def test_the_english_hub_shows_the_same_facts_as_the_vietnamese_one(client):
    load(english=True)
    text = text_of(client.get(hub("en").url))
    assert "Under way" in text and "“Justice close to the people” thematic emulation plan, 2026 – 2027 (sample)" in text
    # 21 individuals were commended, and one was revoked by a later decision (18/QĐ-STP-MH).
    assert "3 collectives, 20 individuals" in text and "sample data" in text


@time_machine.travel("2026-12-02 09:00 +0700")
def test_a_plan_not_yet_translated_shows_on_the_english_hub_in_vietnamese_marked_as_such(client):
    from tests.factories import make_plan

    load(english=True)
    make_plan(
        hub(),
        number="77/KH-STP",
        slug="ke-hoach-77",
        title="Kế hoạch thi đua năm 2026",
        start_year=2026,
        end_year=2026,
        phases=1,
        movements=0,
    )
    response = client.get(hub("en").url)
    html, text = response.content.decode(), text_of(response)
    assert "Kế hoạch thi đua năm 2026" in text and "not yet translated" in text
    assert 'lang="vi">Kế hoạch thi đua năm 2026' in html


@time_machine.travel("2026-12-02 09:00 +0700")
def test_the_public_export_names_kind_level_and_posthumous_in_a_file_named_once(client):
    load()
    roll = HonourRollPage.objects.get(locale__language_code="vi")
    response = client.get(roll.url + "export/csv/")
    assert response["Content-Disposition"].endswith('filename="danh-sach-khen-thuong-2026-12-02.csv"')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [
        "Tên cá nhân, tập thể",
        "Đối tượng khen thưởng",
        "Chức vụ",
        "Đơn vị",
        "Danh hiệu, hình thức khen thưởng",
        "Thành tích",
        "Truy tặng",
        "Cấp khen thưởng",
        "Số quyết định",
        "Ngày quyết định",
    ]
    assert any(row[1] == "Cá nhân" and row[7] == "Thủ trưởng sở, ban, ngành" for row in rows[1:])


@time_machine.travel("2026-12-02 09:00 +0700")
def test_the_printed_roll_says_when_and_with_which_filters(client):
    load()
    roll = HonourRollPage.objects.get(locale__language_code="vi")
    html = client.get(roll.url, {"q": "nguyen", "kind": "individual"}).content.decode()
    printed = html.split('class="thidua-print-only"', 1)[1].split("</div>", 1)[0]
    assert "ngày 2 tháng 12 năm 2026" in printed and "nguyen" in printed and "Cá nhân" in printed


def test_the_sample_plan_shows_a_phase_extended_while_under_way(client):
    with time_machine.travel("2026-12-02 09:00 +0700"):
        load()
        plan = PlanPage.objects.get(slug="ke-hoach-thi-dua-minh-hoa", locale__language_code="vi")
        page = text_of(client.get(plan.url))
    assert "Gia hạn đến 11/1/2027." in page
    assert "Dự kiến ban đầu kết thúc ngày 12/12/2026." in page


@time_machine.travel("2026-12-02 09:00 +0700")
def test_the_sample_news_item_shows_a_decision_s_reason_an_achievement_and_a_collective_named_in_text(client):
    from news.demo import SAMPLE_ARTICLE_SLUG
    from news.demo_sample import SAMPLE_ACHIEVEMENT, SAMPLE_OTHER_AGENCY
    from news.models import NewsArticlePage

    load()
    article = NewsArticlePage.objects.get(slug=SAMPLE_ARTICLE_SLUG)
    text = text_of(client.get(article.url))
    assert "Lý do: Vì đã có thành tích xuất sắc trong Đợt 1" in text
    assert SAMPLE_ACHIEVEMENT in text and SAMPLE_OTHER_AGENCY in text
    honour = Honour.objects.get(unit_text=SAMPLE_OTHER_AGENCY)
    assert honour.unit_id is None
    roll = HonourRollPage.objects.get(locale__language_code="vi")
    found = client.get(roll.url, {"q": "tu phap xa minh hoa"})
    assert found.context["page_obj"].paginator.count == 1


@time_machine.travel("2026-12-02 09:00 +0700")
def test_the_demo_shows_one_example_of_each_of_issue_11_s_capabilities(client):
    from thidua_wagtail.models import Unit

    load(english=True)
    sample = PlanPage.objects.get(slug="ke-hoach-thi-dua-minh-hoa", locale__language_code="vi")
    text = text_of(client.get(sample.url))
    # Reviews: one of a movement, the plan's interim review after Đợt 1 has ended, and the final review held with
    # the anniversary of a national day rather than the sector's Tradition Day.
    assert "Sơ kết phong trào “Ngành Tư pháp Đồng Tháp đoàn kết" in text
    assert "Sơ kết : Hội nghị sơ kết Đợt 1" in text
    assert "Tổng kết : Hội nghị tổng kết Kế hoạch thi đua minh họa" in text
    assert "kỷ niệm 79 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc" in text or (
        "kỷ niệm 81 năm Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam" in text
    )
    english = text_of(client.get(sample.get_translation(sample.get_translations().first().locale).url))
    assert "79th anniversary of President Hồ Chí Minh's Call for Patriotic Emulation" in english or (
        "81st anniversary of the first general election of the National Assembly of Viet Nam" in english
    )
    # A tally broken down as a province's yearly review reports it, marked as sample figures.
    hub_text = text_of(client.get(hub().url))
    assert "2011–2015 dữ liệu minh họa" in hub_text and "Tập thể lao động xuất sắc" in hub_text
    # A correction shows on the roll; a revoked honour has left it.
    roll = HonourRollPage.objects.get(locale__language_code="vi")
    found = text_of(client.get(roll.url, {"q": "nguyen thi minh thu"}))
    assert "đã được đính chính theo quyết định 17/QĐ-STP-MH" in found
    # Đỗ Văn Lực had one honour, the "Lao động tiên tiến" that 18/QĐ-STP-MH revoked.
    assert client.get(roll.url, {"q": "do van luc"}).context["page_obj"].paginator.count == 0
    assert Honour.objects.get(person_name="Đỗ Văn Lực", award__code="lao-dong-tien-tien").revoked_by.number == (
        "18/QĐ-STP-MH"
    )
    # The 2025 merger of the two provinces' departments of justice.
    tien_giang = Unit.objects.get(name="Sở Tư pháp tỉnh Tiền Giang")
    assert tien_giang.valid_until.isoformat() == "2025-06-30"
    assert tien_giang.successor.name == "Sở Tư pháp tỉnh Đồng Tháp"
