"""Imports that run in the background: a large spreadsheet is imported by a task, and the editor follows it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import job_storage

__all__ = ["ImportJob", "JobProgress"]


class JobProgress(models.Model):
    """What the page of a background job reads, whatever the job: whether it is over, and how far it has gone.
    A job has ``status`` (among them ``done`` and ``failed``), ``rows_done`` and ``rows_total``."""

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int:
        return 100 if self.is_finished else int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class ImportJob(JobProgress):
    """One spreadsheet imported into a decision by a background task (``thidua_wagtail.tasks``), with its progress
    and its outcome. The file is kept in the site's storage (shared by every server) until the task has read it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for its turn")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Nothing imported")

    decision = models.ForeignKey(
        "thidua_wagtail.Decision", verbose_name=_("decision"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    file = models.FileField(_("file"), upload_to="thidua/imports/", storage=job_storage, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    created = models.PositiveIntegerField(_("honours added"), default=0)
    skipped = models.PositiveIntegerField(_("rows already there"), default=0)
    #: What the import found: {"errors": [[row, column, message]], "warnings": [...], "unknown_columns": [...]}.
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta(JobProgress.Meta):
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.filename} → {self.decision}"
