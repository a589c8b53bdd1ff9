"""Background exports of the admin's listings: the listing the editor saw, opened again by a task and written to a
file in the site's storage, row by row, its progress recorded for the editor's page.

The task opens the listing through its URL, with the editor's filters, search and order and as the editor, so the
file holds what the listing showed, nothing more, with the same columns and the same neutralised cells.
"""

from __future__ import annotations

import csv
import tempfile
import uuid

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import ExportJob

__all__ = ["run_export_job", "write_listing"]

#: Rows written between two updates of the progress the editor sees.
PROGRESS_EVERY = 1000


def run_export_job(job_id, language):
    """Write the export ``job_id``'s listing to its file, in the editor's language, and record the outcome."""
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    with translation.override(language):
        try:
            view = open_listing(job)
        except (Resolver404, PermissionDenied, AttributeError):
            _finish(job, ExportJob.Status.FAILED, gettext("This listing can no longer be exported by you."))
            return
        queryset = view.get_queryset()
        job.rows_total = queryset.count()
        ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)

        def progress(done):
            ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

        with tempfile.TemporaryFile() as output:
            written = write_listing(view, queryset, job.format, output, progress)
            output.seek(0)
            job.file.save(f"{uuid.uuid4().hex}/{job.filename}.{job.format}", File(output), save=False)
        job.rows_done = job.rows_total = written
        _finish(job, ExportJob.Status.DONE)


def open_listing(job):
    """The admin listing view of ``job``, set up as its editor's request of it: the editor must still be allowed."""
    match = resolve(job.path)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = job.path
    request.GET = QueryDict(job.query)
    request.user = job.user
    request.LANGUAGE_CODE = translation.get_language()
    view = match.func.view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    if not job.user.is_active or not _allowed(view):
        raise PermissionDenied
    return view


def _allowed(view):
    # What the view's own dispatch checks before it lists anything.
    if view.permission_required is not None and not view.user_has_permission(view.permission_required):
        return False
    return view.any_permission_required is None or view.user_has_any_permission(view.any_permission_required)


def write_listing(view, queryset, fmt, output, progress=None):
    """Write ``queryset`` as the listing ``view`` exports it (its columns, headings and cell conversions) to the
    binary file ``output``; return the number of rows written."""
    fields = view.list_export
    headings = [view.get_heading(queryset, field) for field in fields]
    rows = (view.to_row_dict(item) for item in _iterate(queryset))
    if fmt == ExportJob.Format.XLSX:
        return _write_xlsx(view, headings, rows, output, progress)
    return _write_csv(view, fields, headings, rows, output, progress)


def _iterate(queryset):
    # A search backend's results have no iterator(); a queryset is read in chunks, not held whole.
    return queryset.iterator(chunk_size=2000) if hasattr(queryset, "iterator") else iter(queryset)


def _write_csv(view, fields, headings, rows, output, progress):
    import io

    # UTF-8 with a byte order mark, so that Excel reads Vietnamese correctly.
    text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
    writer = csv.DictWriter(text, fieldnames=fields)
    writer.writerow(dict(zip(fields, headings, strict=True)))
    count = 0
    for row in rows:
        view.write_csv_row(writer, row)
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    text.flush()
    text.detach()
    return count


def _write_xlsx(view, headings, rows, output, progress):
    from openpyxl import Workbook
    from wagtail.admin.views.mixins import ExcelDateFormatter

    workbook = Workbook(write_only=True, iso_dates=True)
    sheet = workbook.create_sheet(title="Sheet1")
    sheet.append(headings)
    date_format = ExcelDateFormatter().get()
    count = 0
    for row in rows:
        sheet.append(view.generate_xlsx_row(sheet, row, date_format=date_format))
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    workbook.save(output)
    return count


def _finish(job, status, error=""):
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "rows_done", "rows_total", "file"])
