"""The package's background work, through Django's tasks framework (the django-tasks backport on Django 5.2).

A spreadsheet of more than ``THIDUA_IMPORT_BACKGROUND_ROWS`` rows is imported by a task on the backend that
``THIDUA_TASKS_BACKEND`` names (in production: django-tasks-db's database backend and its ``db_worker``, so that a
web process never holds a request for the import and any server may run it). The file waits in the site's storage,
which every server shares, and is deleted once read; the editor follows the import on its page
(:class:`~thidua_wagtail.models.ImportJob`).

Likewise an export of an admin listing of more than ``THIDUA_EXPORT_BACKGROUND_ROWS`` rows is written by a task
(:mod:`thidua_wagtail.exports`) to a file in that storage, which its editor downloads from the export's page.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from .conf import thidua_settings
from .exports import run_export_job
from .models import ImportJob
from .spreadsheets import SpreadsheetError, import_honours, read_rows

__all__ = ["enqueue_export", "enqueue_import", "export_listing_task", "import_honours_task", "run_import_job"]


@task()
def import_honours_task(job_id: int, language: str):
    """Run the import ``job_id`` (see :func:`run_import_job`)."""
    run_import_job(job_id, language)


@task()
def export_listing_task(job_id: int, language: str):
    """Run the export ``job_id`` (see :func:`thidua_wagtail.exports.run_export_job`)."""
    run_export_job(job_id, language)


def enqueue_export(job, language):
    """Queue the export ``job`` once the transaction that made it has committed."""
    backend = thidua_settings.TASKS_BACKEND
    transaction.on_commit(lambda: export_listing_task.using(backend=backend).enqueue(job.pk, language))


def enqueue_import(job, language):
    """Queue the import ``job`` once the transaction that made it has committed."""
    backend = thidua_settings.TASKS_BACKEND

    def enqueue():
        import_honours_task.using(backend=backend).enqueue(job.pk, language)

    transaction.on_commit(enqueue)


def run_import_job(job_id, language):
    """Read the job's file from storage, import it into its decision (every row valid, or nothing written), and
    record what happened, in the editor's language."""
    from wagtail.log_actions import log

    job = ImportJob.objects.select_related("decision").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    with translation.override(language):
        try:
            with job.file.open("rb") as upload:
                rows = read_rows(upload, thidua_settings.IMPORT_MAX_BYTES)
        except (SpreadsheetError, OSError, ValueError) as error:
            _finish(job, ImportJob.Status.FAILED, {"file_error": str(error)})
            return
        ImportJob.objects.filter(pk=job.pk).update(rows_total=len(rows))

        def progress(done):
            ImportJob.objects.filter(pk=job.pk).update(rows_done=done)

        result = import_honours(job.decision, rows, progress=progress)
        report = {
            "errors": [[e.row, e.column, str(e.message)] for e in result.errors[:200]],
            "error_count": len(result.errors),
            "warnings": [[w.row, w.column, str(w.message)] for w in result.warnings[:200]],
            "warning_count": len(result.warnings),
            "unknown_columns": rows.unknown_columns,
        }
        job.created, job.skipped = result.created, result.skipped
        if result.errors:
            _finish(job, ImportJob.Status.FAILED, report)
            return
        _finish(job, ImportJob.Status.DONE, report)
        log(
            job.decision,
            "thidua_wagtail.import_honours",
            user=job.user,
            uuid=uuid.uuid4(),
            data={"file": job.filename, "created": result.created, "skipped": result.skipped},
        )


def _finish(job, status, report):
    job.status, job.report, job.finished_at = status, report, timezone.now()
    job.rows_done = job.rows_total = max(job.rows_total, ImportJob.objects.get(pk=job.pk).rows_total)
    job.save(update_fields=["status", "report", "finished_at", "rows_done", "rows_total", "created", "skipped"])
    # The rows were read: the file, which names people, is not kept.
    if job.file:
        job.file.delete(save=True)
