"""A long admin listing is exported in the background (issue 12, item 5): the editor is taken to the export's page,
a worker of Django's tasks writes the listing as the editor saw it (filters, search, columns, neutralised cells) to
a file in the site's storage, and the editor alone downloads it; old files are deleted."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import make_decision
from tests.utils import run_queued_tasks, text_of
from thidua_wagtail.models import ExportJob

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_thidua_wagtail_honour:list"


def people(*names):
    return [{"recipient_kind": "individual", "person_name": name, "award": "lao-dong-tien-tien"} for name in names]


@pytest.fixture
def long_decision():
    names = [f"Nguyễn Văn Số {i}" for i in range(40)] + ["Trần Thị Bình", '=HYPERLINK("http://x")']
    make_decision(number="701/QĐ-STP", honours=people("Lê Văn Khác"))
    return make_decision(number="700/QĐ-STP", honours=people(*names))


def export(client, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        return client.get(reverse(LISTING), params)


def download(client, job):
    response = client.get(reverse("thidua_export_download", args=(job.pk,)))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@override_settings(THIDUA_EXPORT_BACKGROUND_ROWS=30)
def test_a_long_listing_is_written_by_a_worker_and_its_editor_downloads_it(
    editor, long_decision, django_capture_on_commit_callbacks
):
    response = export(editor, django_capture_on_commit_callbacks, decision=long_decision.pk, export="xlsx")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("thidua_export_job", args=(job.pk,))
    page = editor.get(response["Location"])
    text = text_of(page)
    assert "Danh sách này có hơn 30 dòng: tệp đang được tạo trong nền." in text
    assert "Đang chờ đến lượt · Trang tự cập nhật sau mỗi hai giây." in text
    assert 'http-equiv="refresh"' in page.content.decode() and not job.file
    run_queued_tasks()
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 42, 42)
    page = editor.get(reverse("thidua_export_job", args=(job.pk,)))
    text = text_of(page)
    keep = (timezone.localdate() + datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    assert f"Tệp đã sẵn sàng. Tệp được giữ cho bạn đến ngày {keep}, sau đó sẽ bị xoá." in text
    assert f"Tải về {job.filename}.xlsx" in text and 'http-equiv="refresh"' not in page.content.decode()
    rows = list(load_workbook(io.BytesIO(download(editor, job))).active.iter_rows(values_only=True))
    names = [row[0] for row in rows[1:]]
    # The decision's honours, as the listing showed them: not the other decision's; the formula neutralised.
    assert len(names) == 42 and "Trần Thị Bình" in names and "Lê Văn Khác" not in names
    assert '\'=HYPERLINK("http://x")' in names
    assert rows[0][0] == "Họ và tên"


@override_settings(THIDUA_EXPORT_BACKGROUND_ROWS=30)
def test_the_file_holds_the_listings_search_as_csv_that_excel_reads(
    editor, long_decision, django_capture_on_commit_callbacks
):
    export(editor, django_capture_on_commit_callbacks, decision=long_decision.pk, q="nguyen van", export="csv")
    run_queued_tasks()
    job = ExportJob.objects.get()
    data = download(editor, job)
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.count("Nguyễn Văn Số") == 40 and "Trần Thị Bình" not in text


@override_settings(THIDUA_EXPORT_BACKGROUND_ROWS=100)
def test_a_short_listing_is_downloaded_at_once(editor, long_decision):
    response = editor.get(reverse(LISTING), {"decision": long_decision.pk, "export": "csv"})
    assert response.status_code == 200 and "Trần Thị Bình" in b"".join(response.streaming_content).decode()
    assert not ExportJob.objects.exists()


@override_settings(THIDUA_EXPORT_BACKGROUND_ROWS=30)
def test_an_export_is_its_editors_alone(
    editor, client, long_decision, django_user_model, django_capture_on_commit_callbacks
):
    from django.test import Client

    export(editor, django_capture_on_commit_callbacks, decision=long_decision.pk, export="csv")
    run_queued_tasks()
    job = ExportJob.objects.get()
    colleague = Client()
    colleague.force_login(django_user_model.objects.create_superuser("dongnghiep", "d@example.vn", "x"))
    for name in ("thidua_export_job", "thidua_export_download"):
        assert colleague.get(reverse(name, args=(job.pk,)), follow=True).status_code == 404
        anonymous = Client().get(reverse(name, args=(job.pk,)), follow=True)
        assert anonymous.redirect_chain and "/admin/login/" in anonymous.redirect_chain[-1][0]


@override_settings(THIDUA_EXPORT_BACKGROUND_ROWS=30)
def test_an_editor_who_lost_the_permission_before_the_worker_gets_no_file(
    client, long_decision, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("xem", password="x")
    group = Group.objects.create(name="Xem quyết định")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_decision")
    )
    user.groups.add(group)
    client.force_login(user)
    response = export(client, django_capture_on_commit_callbacks, decision=long_decision.pk, export="csv")
    assert response.status_code == 302, response
    assert ExportJob.objects.exists(), response["Location"]
    group.permissions.remove(Permission.objects.get(codename="view_decision"))
    run_queued_tasks()
    job = ExportJob.objects.get()
    assert job.status == "failed" and not job.file
    text = text_of(client.get(reverse("thidua_export_job", args=(job.pk,))))
    assert "Không tạo được tệp Bạn không còn quyền xuất danh sách này." in text
    assert client.get(reverse("thidua_export_download", args=(job.pk,)), follow=True).status_code == 404


@override_settings(THIDUA_EXPORT_BACKGROUND_ROWS=30, THIDUA_EXPORT_KEEP_DAYS=7)
def test_files_older_than_the_days_kept_are_deleted(editor, long_decision, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    old = ExportJob.objects.create(
        user=get_user_model().objects.get(username="bientap"),
        title="Lượt khen thưởng",
        path=reverse(LISTING),
        format="csv",
        filename="cu",
        status="done",
    )
    old.file.save("old/cu.csv", ContentFile(b"Nguyen Van Cu"), save=True)
    stored = old.file.name
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    export(editor, django_capture_on_commit_callbacks, decision=long_decision.pk, export="csv")
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not old.file.storage.exists(stored)
    assert ExportJob.objects.count() == 1
