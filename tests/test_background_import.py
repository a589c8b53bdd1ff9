"""A large import runs as a background task (issue 12, item 5): the file waits in the site's storage, a worker of
Django's tasks (django-tasks-db's database backend, as the example portal configures it) imports it, the editor
follows its progress on its page, and the file is deleted once read."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import make_decision
from tests.utils import run_queued_tasks, text_of
from thidua_wagtail.models import ImportJob

pytestmark = pytest.mark.django_db


def spreadsheet(rows, bad_row=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Loại", "Họ và tên", "Danh hiệu, hình thức khen thưởng"])
    for i in range(rows):
        award = "Bằng khen của Thủ tướng Chính phủ" if i == bad_row else "Lao động tiên tiến"
        sheet.append(["Cá nhân", f"Nguyễn Văn Số {i}", award])
    data = io.BytesIO()
    workbook.save(data)
    data.name = "danh-sach-lon.xlsx"
    data.seek(0)
    return data


def upload(editor, decision, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return editor.post(reverse("thidua_import_honours", args=(decision.pk,)), {"file": data})


def test_a_large_file_is_imported_by_a_worker_and_the_editor_follows_it(editor, django_capture_on_commit_callbacks):
    decision = make_decision(number="500/QĐ-STP")
    response = upload(editor, decision, spreadsheet(2500), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("thidua_import_job", args=(job.pk,))
    # Queued: nothing written yet, the file in the site's storage (shared by every server), the page refreshing.
    assert decision.honours.count() == 0 and default_storage.exists(job.file.name)
    page = editor.get(response["Location"])
    assert "Đang chờ đến lượt · Trang tự cập nhật sau mỗi hai giây. 0 / 2.500 dòng đã kiểm tra" in text_of(page)
    assert 'http-equiv="refresh"' in page.content.decode()
    stored = job.file.name
    run_queued_tasks()
    job.refresh_from_db()
    assert (job.status, job.created, job.rows_done, job.rows_total) == ("done", 2500, 2500, 2500)
    assert decision.honours.count() == 2500
    assert not default_storage.exists(stored)  # the file named people: not kept once read
    page = editor.get(reverse("thidua_import_job", args=(job.pk,)))
    text = text_of(page)
    assert "Đã xong" in text and "Đã thêm 2.500 lượt khen thưởng" in text
    assert 'http-equiv="refresh"' not in page.content.decode()
    history = text_of(editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:history", args=(decision.pk,))))
    assert "Đã nhập 2500 lượt khen thưởng từ “danh-sach-lon.xlsx” bientap" in history


def test_a_large_file_with_one_bad_row_writes_nothing_and_names_the_row(editor, django_capture_on_commit_callbacks):
    decision = make_decision(number="501/QĐ-STP")
    upload(editor, decision, spreadsheet(2500, bad_row=1700), django_capture_on_commit_callbacks)
    run_queued_tasks()
    job = ImportJob.objects.get()
    assert job.status == "failed" and decision.honours.count() == 0
    text = text_of(editor.get(reverse("thidua_import_job", args=(job.pk,))))
    assert "Không nhập dữ liệu nào vì phát hiện 1 lỗi." in text
    assert "1702" in text and "không thuộc thẩm quyền khen thưởng" in text


def test_only_editors_of_the_decision_see_an_import(
    editor, client, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group, Permission

    decision = make_decision(number="502/QĐ-STP")
    upload(editor, decision, spreadsheet(2100), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    reader = django_user_model.objects.create_user("doc", password="x")
    group = Group.objects.create(name="Chỉ đọc")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reader.groups.add(group)
    client.force_login(reader)
    response = client.get(reverse("thidua_import_job", args=(job.pk,)))
    assert response.status_code in (302, 403)
