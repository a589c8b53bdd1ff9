"""What every admin view of the package's snippets shares: folded search, safe exports, refusals, choosers."""

import datetime

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.utils.translation import gettext
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .choosers import ThiduaChooserViewSet
from .conf import thidua_settings
from .deletion import ProtectedDeleteView
from .formats import grouped
from .models.searching import folded_search
from .spreadsheets import neutralise

__all__ = ["InstancePermissionMixin", "ThiduaIndexView", "ThiduaSnippetViewSet"]


class ThiduaIndexView(IndexView):
    """Snippet listing searched by every word without regard to diacritics, whose CSV/XLSX export
    neutralises cells a spreadsheet would run as formulas."""

    def search_queryset(self, queryset):
        # The folded words the model keeps (see models/searching.py), not the search backend.
        if not self.is_searching:
            return queryset
        return folded_search(queryset, self.search_query)

    def to_row_dict(self, item):
        # Editors read labels ("Cá nhân"), not the codes the database keeps ("individual").
        row = super().to_row_dict(item)
        for name, value in row.items():
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.choices and isinstance(value, str):
                row[name] = getattr(item, f"get_{name}_display")()
            elif isinstance(value, bool):
                row[name] = gettext("yes") if value else ""
        return row

    def get(self, request, *args, **kwargs):
        # Before the listing's context, which Wagtail builds (and counts row by row) for an export too.
        if self.is_export and _more_than(self.get_queryset(), thidua_settings.EXPORT_BACKGROUND_ROWS):
            return self.export_in_background(request.GET["export"])
        return super().get(request, *args, **kwargs)

    def export_in_background(self, fmt):
        """A long listing: written to a file by a task (``thidua_wagtail.exports``), which the editor downloads
        from the export's page, rather than in this request, which a proxy would cut before a large XLSX is done."""
        from django.shortcuts import redirect
        from django.utils.translation import get_language
        from wagtail.admin import messages

        from .models import ExportJob, local_today
        from .tasks import enqueue_export

        ExportJob.delete_expired(thidua_settings.EXPORT_KEEP_DAYS)
        query = self.request.GET.copy()
        query.pop("export", None)
        subtitle = self.get_page_subtitle()
        title = f"{self.get_page_title()}: {subtitle}" if subtitle else str(self.get_page_title())
        job = ExportJob.objects.create(
            user=self.request.user,
            title=title[:255],
            path=self.request.path,
            query=query.urlencode(),
            format=fmt,
            filename=f"{self.get_filename()}-{local_today():%Y-%m-%d}",
        )
        enqueue_export(job, get_language())
        messages.info(
            self.request,
            gettext(
                "This listing has more than %(limit)s rows: its file is being written in the background. "
                "Download it from this page when it is ready."
            )
            % {"limit": grouped(thidua_settings.EXPORT_BACKGROUND_ROWS)},
        )
        return redirect("thidua_export_job", job.pk)

    def stream_csv(self, queryset):
        # A byte order mark first, so that Excel reads the Vietnamese as UTF-8 (as in the background exports).
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV and _is_date(value):
            # Day first, as Vietnamese dates are written (a spreadsheet's own date cells in XLSX).
            return value.strftime("%d/%m/%Y")
        # After Wagtail's own conversion, so related objects (a unit's parent) are covered too.
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        cells = super().generate_xlsx_row(worksheet, row_dict, date_format)
        for cell, value in zip(cells, row_dict.values(), strict=True):
            if _is_date(value):
                cell.number_format = "dd/mm/yyyy"
            yield cell


def _more_than(queryset, limit):
    # Counts no further than one past the limit: a listing of a million rows need not be counted whole.
    return limit is not None and queryset[: limit + 1].count() > limit


def _is_date(value):
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


class InstancePermissionMixin:
    """Check the permission policy for the object itself, not only for the model.

    Wagtail's generic edit and delete views ask the policy about the model; the
    catalogue's policy refuses statutory entries one by one.
    """

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, instance
        ):
            raise PermissionDenied
        return instance


class ThiduaSnippetViewSet(SnippetViewSet):
    """What every snippet of the package shares in the admin."""

    #: Listings search the model's folded words (``folded_search_fields``), with or without diacritics.
    index_view_class = ThiduaIndexView
    #: Deleting a record that honours or plans still use is refused with a message, not a server error.
    delete_view_class = ProtectedDeleteView
    #: Choosers check permissions, search without diacritics and list the editor's language.
    chooser_viewset_class = ThiduaChooserViewSet
