"""Admin views of the package: importing a decision's honours from a spreadsheet, following background imports and
exports, the dashboard panel."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from .conf import thidua_settings
from .import_template import import_template_response
from .locales import one_per_key
from .models import AwardType, Decision, Phase, Review, local_today
from .spreadsheets import SpreadsheetError, import_honours, read_rows, stream_csv, template_rows

__all__ = [
    "EndingPhasesPanel",
    "export_download_view",
    "export_job_view",
    "import_honours_view",
    "import_job_view",
    "import_template_view",
]


class HonourImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("Use the template: one honour per row. Rows already in the decision are skipped."),
    )


def _check_can_edit(request, decision):
    if not policy_registry.get_by_type(Decision).user_has_permission_for_instance(request.user, "change", decision):
        raise PermissionDenied


def import_honours_view(request, pk):
    """Upload a spreadsheet to add honours to a decision: all rows valid, or nothing written."""
    policy = policy_registry.get_by_type(Decision)
    # The model-level check first, so users without the permission learn nothing about which ids exist.
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    decision = get_object_or_404(Decision, pk=pk)
    _check_can_edit(request, decision)
    original = decision.original
    if original.pk != decision.pk:
        # Honours are recorded once, on the decision's original; a translation shows them from there.
        messages.warning(
            request,
            gettext("Honours are recorded on the decision in its original language; import them there."),
        )
        return redirect("thidua_import_honours", original.pk)
    errors, form = [], HonourImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_rows(form.cleaned_data["file"], thidua_settings.IMPORT_MAX_BYTES)
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            if len(rows) > thidua_settings.IMPORT_BACKGROUND_ROWS:
                return _import_in_background(request, decision, form.cleaned_data["file"], len(rows))
            result = import_honours(decision, rows)
            if result.errors:
                errors = result.errors
            else:
                # The decision's history shows who imported what, beside its edits.
                log(
                    decision,
                    "thidua_wagtail.import_honours",
                    user=request.user,
                    data={
                        "file": form.cleaned_data["file"].name,
                        "created": result.created,
                        "skipped": result.skipped,
                    },
                )
                report_import(request, decision, rows, result)
                # To the decision's honours, where the editor sees what came in.
                return redirect(f"{reverse('wagtailsnippets_thidua_wagtail_honour:list')}?decision={decision.pk}")
    return TemplateResponse(
        request,
        "thidua_wagtail/admin/import_honours.html",
        {"decision": decision, "form": form, "row_errors": errors[:200], "error_count": len(errors)},
    )


def _import_in_background(request, decision, upload, rows_total):
    """A large file: kept in the site's storage and imported by a task; the editor follows it on its page."""
    from django.core.files.base import ContentFile
    from django.utils.translation import get_language

    from .models import ImportJob
    from .tasks import enqueue_import

    upload.seek(0)
    job = ImportJob(decision=decision, filename=upload.name[:255], user=request.user, rows_total=rows_total)
    job.file.save(f"{uuid.uuid4().hex}.upload", ContentFile(upload.read()), save=False)
    job.save()
    enqueue_import(job, get_language())
    messages.info(
        request,
        gettext("The file is being imported in the background; this page follows it. You may leave it and come back."),
    )
    return redirect("thidua_import_job", job.pk)


def import_job_view(request, pk):
    """An import running in the background: its progress, then what it did."""
    from .models import ImportJob

    policy = policy_registry.get_by_type(Decision)
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    job = get_object_or_404(ImportJob.objects.select_related("decision"), pk=pk)
    _check_can_edit(request, job.decision)
    listing = f"{reverse('wagtailsnippets_thidua_wagtail_honour:list')}?decision={job.decision_id}"
    return TemplateResponse(request, "thidua_wagtail/admin/import_job.html", {"job": job, "listing_url": listing})


def _own_export(request, pk):
    # An export is its editor's alone: it was written with that editor's permissions.
    from .models import ExportJob

    return get_object_or_404(ExportJob, pk=pk, user=request.user)


def export_job_view(request, pk):
    """An export being written in the background: its progress, then its file to download."""
    job = _own_export(request, pk)
    return TemplateResponse(
        request,
        "thidua_wagtail/admin/export_job.html",
        {"job": job, "expires_on": job.expires_on(thidua_settings.EXPORT_KEEP_DAYS)},
    )


def export_download_view(request, pk):
    """The file of a finished export, to its editor."""
    from django.http import FileResponse

    job = _own_export(request, pk)
    if job.status != job.Status.DONE or not job.file or not job.file.storage.exists(job.file.name):
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"{job.filename}.{job.format}")


#: Most warnings listed after an import; the rest are counted.
SHOWN_WARNINGS = 20


def report_import(request, decision, rows, result):
    """Tell the editor what the import did: what was added, what was there already, what was not read,
    and which rows to check."""
    if result.created:
        messages.success(
            request,
            gettext("%(created)s honours added to decision %(number)s; %(skipped)s were already there.")
            % {"created": result.created, "number": decision.number, "skipped": result.skipped},
        )
    else:
        messages.info(
            request,
            gettext("Nothing new: all %(rows)s rows of the file were already in decision %(number)s.")
            % {"rows": result.skipped, "number": decision.number},
        )
    if rows.unknown_columns:
        messages.warning(
            request,
            gettext("These columns are not the template's and were not read: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in rows.unknown_columns)},
        )
    if result.warnings:
        listed = "; ".join(
            gettext("row %(row)s: %(message)s") % {"row": w.row, "message": w.message}
            for w in result.warnings[:SHOWN_WARNINGS]
        )
        more = len(result.warnings) - SHOWN_WARNINGS
        if more > 0:
            listed += " " + gettext("(and %(count)s more)") % {"count": more}
        messages.warning(request, gettext("Imported as written; please check: %(rows)s") % {"rows": listed})


def import_template_view(request, fmt):
    """The import template, as XLSX or CSV."""
    if not policy_registry.get_by_type(Decision).user_has_permission(request.user, "change"):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    headings, rows = template_rows()
    if fmt == "csv":
        return stream_csv(headings, rows, "mau-danh-sach-khen-thuong")
    # The awards an editor may give today, once each, in the site's default language (honours keep those).
    awards = (
        AwardType.objects.valid_on(local_today())
        .filter(locale=Locale.get_default())
        .order_by("order", "name")
        .values_list("name", flat=True)
    )
    return import_template_response(list(awards))


class EndingPhasesPanel(Component):
    """Dashboard panel: phases that end and reviews held within ``THIDUA_ENDING_SOON_DAYS`` days, so that
    reviews get prepared."""

    name = "thidua_ending_phases"
    template_name = "thidua_wagtail/admin/ending_phases_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = local_today()
        horizon = today + datetime.timedelta(days=thidua_settings.ENDING_SOON_DAYS)
        # A phase and its translations are one phase: listed once, in the editor's language if translated.
        locale = Locale.get_active()
        phases = one_per_key(
            Phase.objects.filter(end_date__gte=today, end_date__lte=horizon, plan__live=True)
            .select_related("plan")
            .order_by("end_date", "pk"),
            locale.pk,
        )
        for phase in phases:
            phase.days_left = (phase.end_date - today).days
        reviews = one_per_key(
            Review.objects.filter(date__gte=today, date__lte=horizon, plan__live=True)
            .select_related("plan", "movement")
            .order_by("date", "pk"),
            locale.pk,
        )
        for review in reviews:
            review.days_left = (review.date - today).days
        context.update(phases=phases, reviews=reviews, days=thidua_settings.ENDING_SOON_DAYS)
        return context
