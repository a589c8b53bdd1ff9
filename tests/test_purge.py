"""The front-end cache is purged of every URL whose content changed (issue 12, item 6): the package's pages, the
roll and its downloads, the host's pages that embed the package's blocks (through the reference index) and the
configured paths, in one batch per transaction, after it commits."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_decision, make_hub, make_plan, make_unit
from thidua_wagtail.models import HonourRollPage, Unit
from thidua_wagtail.purge import is_enabled

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(tmp_path, settings):
    log = tmp_path / "purged.jsonl"
    settings.WAGTAILFRONTENDCACHE = {"log": {"BACKEND": "thidua_wagtail.purge.RecordingBackend", "LOCATION": log}}
    settings.THIDUA_PURGE_PATHS = ["/vi/"]

    class Log:
        """The batches purged since the last ``clear()`` (Wagtail purges each page it publishes, too)."""

        def __call__(self):
            return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

        def clear(self):
            log.unlink(missing_ok=True)

    return Log()


@pytest.fixture
def portal(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_portal()


def make_portal():
    from news.models import HomePage, NewsArticlePage, NewsIndexPage

    hub = make_hub()
    plan = make_plan(hub, issuer=make_unit("Sở Tư pháp"))
    roll = HonourRollPage(title="Danh sách", slug="danh-sach")
    hub.add_child(instance=roll)
    roll.save_revision().publish()
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    HomePage.objects.get(slug="home-test").add_child(instance=news)
    article = NewsArticlePage(title="Bài viết", slug="bai-viet", body=[("phase_timeline", {"plan": plan})])
    news.add_child(instance=article)
    article.save_revision().publish()
    other = NewsArticlePage(title="Tin khác", slug="tin-khac", body=[])
    news.add_child(instance=other)
    other.save_revision().publish()
    return {"hub": hub, "plan": plan, "roll": roll, "article": article, "other": other}


def test_an_editor_s_change_purges_every_page_that_shows_it_once_after_the_commit(
    editor, purged, portal, django_capture_on_commit_callbacks
):
    unit = Unit.objects.get(name="Sở Tư pháp")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailsnippets_thidua_wagtail_unit:edit", args=(unit.pk,)),
            {"name": "Sở Tư pháp tỉnh Đồng Tháp", "short_name": "", "kind": unit.kind, "parent": "",
             "valid_from": "", "valid_until": "", "successor": ""},
        )  # fmt: skip
        assert response.status_code == 302
        assert purged() == []  # nothing before the commit
    batches = purged()
    assert len(batches) == 1  # one batch, however many records the save touched
    urls = set(batches[0])
    base = "http://localhost"
    roll = portal["roll"].url
    expected = {
        base + portal["hub"].url,
        base + portal["plan"].url,
        base + roll,
        base + roll + "export/csv/",
        base + roll + "export/xlsx/",
        # The decisions' listing, the section's feeds and the calendars (issue 13).
        base + roll + "decisions/",
        base + portal["hub"].url + "feed/rss/",
        base + portal["hub"].url + "feed/atom/",
        base + portal["hub"].url + "calendar/",
        base + portal["plan"].url + "calendar/",
        # The host's article that embeds the plan's timeline, found through the reference index.
        base + portal["article"].url,
        # The configured paths (a home page with the package's panels).
        base + "/vi/",
    }
    assert expected <= urls
    for movement in portal["plan"].get_movements():
        assert base + movement.url in urls
    # A host page that shows nothing of the package is left alone.
    assert base + portal["other"].url not in urls


def test_an_import_of_honours_is_one_purge(editor, purged, portal, django_capture_on_commit_callbacks):
    import io

    from openpyxl import Workbook

    with django_capture_on_commit_callbacks(execute=True):  # its own transaction, committed
        decision = make_decision()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Loại", "Họ và tên", "Danh hiệu, hình thức khen thưởng"])
    for i in range(30):
        sheet.append(["Cá nhân", f"Nguyễn Văn {i}", "Lao động tiên tiến"])
    data = io.BytesIO()
    workbook.save(data)
    data.name = "ds.xlsx"
    data.seek(0)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("thidua_import_honours", args=(decision.pk,)), {"file": data})
    assert decision.honours.count() == 30
    assert len(purged()) == 1
    # The decision's own page, where its honours are listed.
    roll = portal["roll"].url
    assert f"http://localhost{roll}decisions/{decision.pk}/" in purged()[0]


def test_nothing_is_purged_without_a_front_end_cache(settings, portal, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    assert not is_enabled()
    with override_settings(THIDUA_PURGE=True):
        assert is_enabled()
