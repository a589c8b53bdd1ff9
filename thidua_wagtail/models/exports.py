"""Exports that run in the background: a large admin listing is written to a file by a task, and its editor
downloads it from the export's page."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import job_storage
from .imports import JobProgress

__all__ = ["ExportJob"]


class ExportJob(JobProgress):
    """One admin listing (its filters, search and order, as the editor saw it) written to CSV or XLSX by a background
    task (``thidua_wagtail.tasks``). The file waits in the site's storage for its editor alone."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for its turn")
        RUNNING = "running", _("Writing the file")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Not written")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("exported by"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("listing"), max_length=255)
    #: The listing's admin path and query string, without ``export``: the task opens the same listing again.
    path = models.CharField(_("path"), max_length=255)
    query = models.TextField(_("filters"), blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to="thidua/exports/", storage=job_storage, blank=True, max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta(JobProgress.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.filename}.{self.format}"

    @property
    def listing_url(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path

    def expires_on(self, keep_days) -> datetime.datetime:
        return (self.finished_at or self.created_at) + datetime.timedelta(days=keep_days)

    @classmethod
    def delete_expired(cls, keep_days):
        """Delete the exports older than ``keep_days``, with their files."""
        cutoff = timezone.now() - datetime.timedelta(days=keep_days)
        for job in cls.objects.filter(created_at__lt=cutoff):
            if job.file:
                job.file.delete(save=False)
            job.delete()
