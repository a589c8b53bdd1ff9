"""The package's cache (THIDUA_CACHE): a visitor sees every change at once, previews are never
cached, and with the cache off nothing is kept.

The whole suite runs with the cache on, as the example portal does; these tests first fill the
cache through a visitor's visit, then change something the way an editor does, and read again.
"""

import datetime
import io

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import make_decision, make_hub, make_plan, make_unit, movement_post_data
from tests.utils import text_of
from thidua_wagtail.cache import VERSION_KEY, content_version
from thidua_wagtail.checks import check_cache
from thidua_wagtail.models import HonourRollPage, MovementPage, Unit

pytestmark = pytest.mark.django_db


def read(url, **params):
    """What an anonymous visitor reads at ``url``."""
    response = Client().get(url, params)
    assert response.status_code == 200
    return text_of(response)


@pytest.fixture
def plan():
    hub = make_hub()
    issuer = make_unit("Sở Tư pháp")
    return make_plan(hub, issuer=issuer)


@pytest.fixture
def sub_plan(plan):
    division = make_unit("Phòng Hành chính tư pháp", parent=plan.issuer)
    return make_plan(plan, issuer=division, number="12/KH-HCTP", slug="ke-hoach-hctp", phases=1, movements=0)


def test_a_cached_plan_page_makes_no_query_of_its_own(plan, django_assert_max_num_queries):
    first = read(plan.url)
    # Routing and the example portal's base template only: see tests/test_queries.py.
    with django_assert_max_num_queries(14):
        assert read(plan.url) == first


def test_editor_renames_a_movement_and_the_plan_shows_the_new_name(editor, plan):
    movement = MovementPage.objects.get(title="Phong trào 1")
    assert "Phong trào 1" in read(plan.url)
    data = movement_post_data(movement, title="Phong trào Dân vận khéo")
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(movement.pk,)), {**data, "action-publish": "1"})
    assert response.status_code == 302
    text = read(plan.url)
    assert "Phong trào Dân vận khéo" in text and "Phong trào 1" not in text


def test_editor_renames_a_unit_and_the_filing_table_shows_the_new_name(editor, plan, sub_plan):
    division = Unit.objects.get(name="Phòng Hành chính tư pháp")
    assert "Phòng Hành chính tư pháp" in read(plan.url)
    response = editor.post(
        reverse("wagtailsnippets_thidua_wagtail_unit:edit", args=(division.pk,)),
        {"name": "Phòng Hành chính – Bổ trợ tư pháp", "short_name": "", "kind": division.kind,
         "parent": plan.issuer_id, "valid_from": "", "valid_until": "", "successor": ""},
    )  # fmt: skip
    assert response.status_code == 302
    text = read(plan.url)
    assert "Phòng Hành chính – Bổ trợ tư pháp" in text and "Phòng Hành chính tư pháp" not in text


@time_machine.travel("2023-06-01 09:00 +0700")  # while the plan is in force: units still to file are flagged
def test_a_sub_unit_files_its_plan_and_the_parent_plan_lists_it_at_once(plan):
    division = make_unit("Phòng Hành chính tư pháp", parent=plan.issuer)
    assert "Phòng Hành chính tư pháp Chưa xây dựng kế hoạch" in read(plan.url)
    make_plan(plan, issuer=division, number="12/KH-HCTP", slug="ke-hoach-hctp", phases=1, movements=0)
    text = read(plan.url)
    assert "12/KH-HCTP" in text and "Chưa xây dựng kế hoạch" not in text


def test_a_restricted_sub_plan_leaves_the_parent_plan_at_once(plan, sub_plan):
    assert "12/KH-HCTP" in read(plan.url)
    PageViewRestriction.objects.create(page=sub_plan, restriction_type="password", password="mat-khau")
    assert "12/KH-HCTP" not in read(plan.url)


def test_an_unpublished_movement_leaves_the_plan_page_at_once(plan):
    movement = MovementPage.objects.get(title="Phong trào 2")
    assert "Phong trào 2" in read(plan.url)
    movement.unpublish()
    assert "Phong trào 2" not in read(plan.url)


def test_a_sub_plan_moved_elsewhere_leaves_the_parent_plan_at_once(plan, sub_plan):
    assert "12/KH-HCTP" in read(plan.url)
    sub_plan.move(plan.get_parent(), pos="last-child")
    assert "12/KH-HCTP" not in read(plan.url)


def test_the_page_changes_at_local_midnight(plan):
    # The last evening of the first phase, then just after midnight in Vietnam.
    last_day = plan.phases.order_by("start_date").first().end_date
    with time_machine.travel(f"{last_day} 23:30 +0700", tick=False):
        before = read(plan.url)
        assert read(plan.url) == before
    with time_machine.travel(f"{last_day + datetime.timedelta(days=1)} 00:10 +0700", tick=False):
        after = read(plan.url)
    assert "Đang diễn ra: ngày cuối cùng" in before and "Còn 1 ngày nữa sẽ bắt đầu" in before
    assert "Đang diễn ra: ngày cuối cùng" not in after and "Còn 1 ngày nữa" not in after


def test_imported_honours_show_in_the_hub_totals_at_once(editor):
    hub = make_hub()
    make_plan(hub)
    decision = make_decision(
        date=datetime.date(2022, 5, 10), honours=[{"recipient_kind": "individual", "person_name": "Lê Văn Tám",
                                                   "award": "lao-dong-tien-tien"}],
    )  # fmt: skip
    assert "0 tập thể, 1 cá nhân chưa có số liệu" in read(hub.url)
    csv = "Loại;Họ và tên;Đơn vị;Danh hiệu, hình thức khen thưởng\nCá nhân;Trần Văn Bình;;Lao động tiên tiến\n"
    response = editor.post(
        reverse("thidua_import_honours", args=(decision.pk,)),
        {"file": SimpleUploadedFile("ds.csv", csv.encode("utf-8"))},
    )
    assert response.status_code == 302
    assert "0 tập thể, 2 cá nhân" in read(hub.url)


def test_the_roll_offers_a_unit_added_after_it_was_cached(editor):
    hub = make_hub()
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=roll)
    assert "Phòng Công chứng số 1" not in read(roll.url)
    response = editor.post(
        reverse("wagtailsnippets_thidua_wagtail_unit:add"),
        {"name": "Phòng Công chứng số 1", "short_name": "", "kind": "division", "parent": "",
         "valid_from": "", "valid_until": "", "successor": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert "Phòng Công chứng số 1" in read(roll.url)


def test_a_preview_is_never_served_from_or_kept_in_the_cache(editor, plan):
    from tests.factories import plan_post_data

    live = read(plan.url)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(plan.pk,))
    response = editor.post(preview_url, plan_post_data(plan, summary="Bản nháp chưa xuất bản"))
    assert response.json()["is_valid"]
    assert "Bản nháp chưa xuất bản" in text_of(editor.get(preview_url))
    assert read(plan.url) == live


def test_the_version_changes_again_when_the_editors_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        unit = make_unit("Phòng Công chứng số 2")
        during = content_version()
        assert during
    assert content_version() not in ("", during)
    assert unit.pk


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "thidua": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thidua"},
    },
    THIDUA_CACHE="thidua",
)
def test_the_cache_is_the_one_thidua_cache_names_and_nothing_is_kept_when_it_is_off(plan):
    caches["thidua"].clear()
    read(plan.url)
    assert caches["thidua"].get(VERSION_KEY)
    caches["thidua"].clear()
    with override_settings(THIDUA_CACHE=None):
        first, second = read(plan.url), read(plan.url)
    assert first == second
    assert caches["thidua"].get(VERSION_KEY) is None and content_version() != ""


@override_settings(THIDUA_CACHE="nowhere")
def test_an_unknown_cache_is_an_error_of_the_system_checks():
    assert [message.id for message in check_cache()] == ["thidua_wagtail.E002"]


@override_settings(DEBUG=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_a_per_process_cache_is_a_warning_outside_debug():
    assert [message.id for message in check_cache()] == ["thidua_wagtail.W002"]
    with override_settings(DEBUG=True):
        assert check_cache() == []
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}}
    ):
        assert check_cache() == []
    with override_settings(THIDUA_CACHE=None):
        assert check_cache() == []


def test_the_roll_marks_the_visitors_choices_in_the_cached_lists():
    hub = make_hub()
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=roll)
    first, second = make_unit("Phòng Công chứng số 1"), make_unit("Phòng Công chứng số 2")
    Client().get(roll.url)  # the lists are now in the cache
    html = Client().get(roll.url, {"unit": second.pk, "kind": "individual"}).content.decode()
    assert html.count(" selected>") == 2
    assert f'<option value="{second.pk}" selected>Phòng Công chứng số 2</option>' in html
    assert f'<option value="{first.pk}">Phòng Công chứng số 1</option>' in html
    assert '<option value="individual" selected>' in html


def test_related_news_indexed_later_by_a_task_worker_reaches_the_plan():
    # Wagtail updates its reference index in a task; with a worker, after the editor's commit.
    from django_tasks import task_backends
    from wagtail.rich_text import RichText

    from news.models import NewsArticlePage, NewsIndexPage

    def run_worker():
        backend = task_backends["default"]
        results, backend.results = list(backend.results), []
        for result in results:
            result.task.call(*result.args, **result.kwargs)
            # What a worker's backend sends once a task has run.
            from django_tasks.signals import task_finished

            task_finished.send(type(backend), task_result=result)
        return len(results)

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        hub = make_hub()
        plan = make_plan(hub, phases=1, movements=0)
        news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        hub.get_parent().add_child(instance=news)
        run_worker()
        assert "Tin liên quan" not in read(plan.url)
        link = f'<p>Thực hiện <a linktype="page" id="{plan.pk}">kế hoạch</a>.</p>'
        article = NewsArticlePage(title="Sơ kết đợt 1", slug="so-ket", body=[("paragraph", RichText(link))])
        news.add_child(instance=article)
        article.save_revision().publish()
        read(plan.url)  # a visitor comes before the worker has run
        assert run_worker() > 0
        assert "Tin liên quan" in read(plan.url) and "Sơ kết đợt 1" in read(plan.url)


def test_purged_image_renditions_are_not_linked_from_a_cached_page(django_capture_on_commit_callbacks):
    import io
    import json
    import os
    import re

    from django.conf import settings
    from django.core.files.images import ImageFile
    from django.core.management import call_command
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    from thidua_wagtail.models import PlanPage

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), "red").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Ảnh", file=ImageFile(buffer, name="anh.png"))
    plan = PlanPage.objects.get(pk=make_plan(make_hub(), phases=1, movements=0).pk)
    plan.body = json.dumps([{"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "Ảnh"}}])
    plan.save_revision().publish()

    def image_file_exists():
        html = Client().get(plan.url).content.decode()
        src = re.search(r'<img[^>]*src="([^"]+)"', html).group(1)
        return os.path.exists(os.path.join(settings.MEDIA_ROOT, src.removeprefix(settings.MEDIA_URL)))

    assert image_file_exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("wagtail_update_image_renditions", "--purge-only", stdout=io.StringIO())
    assert image_file_exists()


def test_content_computed_before_midnight_and_rendered_after_is_not_kept_for_the_new_day():
    from django.contrib.auth.models import AnonymousUser
    from django.template.response import TemplateResponse
    from django.test import RequestFactory

    plan = make_plan(make_hub())
    last_day = plan.phases.order_by("start_date").first().end_date
    next_day = last_day + datetime.timedelta(days=1)
    request = RequestFactory().get(plan.url, HTTP_HOST="localhost")
    request.user = AnonymousUser()
    with time_machine.travel(f"{last_day} 23:59:59 +0700", tick=False) as clock:
        context = plan.get_context(request)  # a slow request, begun before midnight
        clock.move_to(f"{next_day} 00:00:01 +0700")
        TemplateResponse(request, plan.get_template(request), context).render()
        clock.move_to(f"{next_day} 00:05 +0700")
        assert "Đang diễn ra: ngày cuối cùng" not in read(plan.url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_decision_changed_outside_a_transaction_shows_at_once():
    # A shell or a command runs in autocommit: the version must change after the honours' copies
    # are written, not between the decision's save and theirs (a visitor may come in between).
    from django.db.models.signals import post_save

    from thidua_wagtail.models import Decision

    hub = make_hub()
    make_plan(hub)
    honour = {"recipient_kind": "individual", "person_name": "Lê Văn Tám", "award": "lao-dong-tien-tien"}
    decision = make_decision(date=datetime.date(2022, 5, 10), status="proposed", honours=[honour])
    assert "chưa có số liệu chưa có số liệu" in read(hub.url)

    def visitor_in_between(**kwargs):
        read(hub.url)

    post_save.connect(visitor_in_between, sender=Decision, weak=False)
    try:
        decision.status = "awarded"
        decision.save()
    finally:
        post_save.disconnect(visitor_in_between, sender=Decision)
    assert "0 tập thể, 1 cá nhân chưa có số liệu" in read(hub.url)


def test_a_host_template_gets_the_context_as_before(plan):
    # The hub's plans are a list: one per translation key, in the hub's language where translated.
    response = Client().get(plan.get_parent().url)
    assert response.context["plans"] == [plan] and response.context["honour_roll"] is None
    response = Client().get(plan.url)
    assert response.context["filed_count"] == 0 and isinstance(response.context["movements"], list)


# Blocks, panels and the roll (issue 12, item 3) --------------------------------------------------------------


@pytest.fixture
def article(plan):
    """A host's news article that embeds the package's blocks, and the host's home page with its panels."""
    from news.models import HomePage, NewsArticlePage, NewsIndexPage

    home = HomePage.objects.get(slug="home-test")
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=news)
    decision = make_decision(
        number="77/QĐ-STP",
        date=datetime.date(2023, 3, 1),
        honours=[{"person_name": "Nguyễn Văn An", "award": "lao-dong-tien-tien"}],
    )
    body = [
        ("plan_summary", {"plan": plan}),
        ("phase_timeline", {"plan": plan}),
        ("honour_totals", {"start_year": 2021, "end_year": 2025}),
        ("decision_honours", {"decision": decision}),
    ]
    page = NewsArticlePage(title="Bài viết", slug="bai-viet", body=body)
    news.add_child(instance=page)
    page.save_revision().publish()
    return page


def queries_of(url, django_assert_max_num_queries=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url)
    assert response.status_code == 200
    return text_of(response), len(ctx.captured_queries)


def test_a_host_article_s_blocks_are_served_from_the_cache_and_show_every_change_at_once(editor, plan, article):
    first, cold = queries_of(article.url)
    again, warm = queries_of(article.url)
    assert again == first and "Nguyễn Văn An" in first and plan.title in first
    # Four blocks read plans, phases, totals and honours: none of it once they are kept.
    with override_settings(THIDUA_CACHE=None):
        _text, uncached = queries_of(article.url)
    assert warm <= uncached - 8 and warm < cold
    # An editor renames an honour's recipient and the plan: both show at once.
    honour = article.body[3].value["decision"].honours.get()
    honour.person_name = "Nguyễn Văn Ánh"
    honour.save()
    plan.title = "Kế hoạch đã đổi tên"
    plan.save_revision().publish()
    text = read(article.url)
    assert "Nguyễn Văn Ánh" in text and "Kế hoạch đã đổi tên" in text


def test_once_cached_a_host_article_s_blocks_cost_no_query_beyond_the_article_itself(plan, article):
    from news.models import NewsArticlePage

    # The same article without the package's blocks, under the same section: what the host pays anyway.
    bare = NewsArticlePage(title="Bài viết", slug="bai-viet-tran")
    article.get_parent().add_child(instance=bare)
    bare.save_revision().publish()
    for url in (article.url, bare.url):
        queries_of(url)  # both kept in the cache first
    (_text, with_blocks), (_bare_text, without) = queries_of(article.url), queries_of(bare.url)
    assert with_blocks == without


def test_a_plan_chosen_in_a_cached_block_leaves_the_article_at_once_when_hidden_or_deleted(plan, article):
    from news.models import NewsArticlePage

    assert plan.number in read(article.url)
    PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.LOGIN)
    assert plan.number not in read(article.url)
    PageViewRestriction.objects.filter(page=plan).delete()
    assert plan.number in read(article.url)
    plan.delete()
    text = read(article.url)
    assert plan.number not in text and "Nguyễn Văn An" in text
    # The article itself, opened in the admin by an editor, still shows its other blocks.
    assert NewsArticlePage.objects.get(pk=article.pk).body[2].value["start_year"] == 2021


def test_the_host_home_page_s_panels_are_served_from_the_cache_and_show_a_new_honour_at_once(plan):
    from news.models import HomePage

    home = HomePage.objects.get(slug="home-test")
    make_decision(
        number="1/QĐ", date=datetime.date(2024, 1, 5), honours=[{"person_name": "Lê Thị Hoa", "award": "giay-khen"}]
    )
    first, cold = queries_of(home.url)
    _again, warm = queries_of(home.url)
    assert "Lê Thị Hoa" in first and warm < cold
    make_decision(
        number="2/QĐ", date=datetime.date(2024, 2, 5), honours=[{"person_name": "Võ Minh Khôi", "award": "giay-khen"}]
    )
    assert "Võ Minh Khôi" in read(home.url)


def test_the_roll_s_count_and_first_pages_are_served_from_the_cache_and_follow_every_change(editor):
    hub = make_hub()
    roll = HonourRollPage(title="Danh sách", slug="danh-sach")
    hub.add_child(instance=roll)
    make_decision(honours=[{"person_name": f"Nguyễn Văn {i}", "award": "giay-khen"} for i in range(3)])
    first, cold = queries_of(roll.url)
    again, warm = queries_of(roll.url)
    import difflib

    assert again == first, [d for d in difflib.unified_diff(first.split(" "), again.split(" "), n=2)]
    assert "3 lượt khen thưởng" in first
    # The count and the page's rows are kept: two queries fewer (the count and the page's keys and rows).
    assert warm <= cold - 2
    make_decision(number="9/QĐ", honours=[{"person_name": "Trần Thị Mai", "award": "giay-khen"}])
    text = read(roll.url)
    assert "4 lượt khen thưởng" in text and "Trần Thị Mai" in text
    # Each set of filters is kept apart.
    assert "1 lượt khen thưởng" in read(roll.url, q="tran thi")


def test_a_deep_page_of_the_roll_is_kept_too_unless_the_site_limits_the_kept_pages(settings):
    settings.THIDUA_ROLL_PAGE_SIZE = 2
    hub = make_hub()
    roll = HonourRollPage(title="Danh sách", slug="danh-sach")
    hub.add_child(instance=roll)
    make_decision(honours=[{"person_name": f"Nguyễn Văn Số {i:02d}", "award": "giay-khen"} for i in range(12)])
    deep = roll.url + "?page=6"
    first, cold = queries_of(deep)
    again, warm = queries_of(deep)
    # The sixth page of two: the last two honours in the decision's order.
    assert "Nguyễn Văn Số 10" in first and "Nguyễn Văn Số 11" in first and "Nguyễn Văn Số 09" not in first
    assert again == first and warm <= cold - 2
    make_decision(number="9/QĐ", honours=[{"person_name": "Trần Thị Mai", "award": "giay-khen"}])
    # The newer decision comes first: every page shifts by one honour, at once.
    assert "Nguyễn Văn Số 09" in read(roll.url, page=6)

    settings.THIDUA_ROLL_CACHED_PAGES = 1
    _text, cold = queries_of(deep)
    _text, warm = queries_of(deep)
    assert warm == cold


def test_the_roll_counts_again_after_the_counts_are_rebuilt_by_the_command():
    from django.core.management import call_command

    from thidua_wagtail.models import Honour

    hub = make_hub()
    roll = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=roll)
    office = make_unit("Văn phòng Sở", kind="division")
    decision = make_decision(
        honours=[{"recipient_kind": "individual", "person_name": "Lê Văn Tám", "unit": office,
                  "award": "lao-dong-tien-tien"}]
    )  # fmt: skip
    assert "1 lượt khen thưởng" in read(roll.url, unit=office.pk)
    # Written by a script, past the models: the kept counts and the page kept in the cache say 1 still.
    honour = decision.honours.get()
    Honour.objects.bulk_create([Honour(decision=decision, person_name="Lê Thị Chín", search_name="le thi chin",
                                       unit=office, award=honour.award, decision_date=honour.decision_date,
                                       decision_authority=honour.decision_authority,
                                       decision_status=honour.decision_status)])  # fmt: skip
    assert "1 lượt khen thưởng" in read(roll.url, unit=office.pk)
    call_command("thidua_rebuild_counts", stdout=io.StringIO())
    assert "2 lượt khen thưởng" in read(roll.url, unit=office.pk)
