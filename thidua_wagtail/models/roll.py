"""The public honour roll page: filters, name search, pagination, exports."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from ..conf import thidua_settings
from .base import ThiduaPageMixin
from .choices import RecipientKind

__all__ = ["HonourRollPageMixin"]

EXPORT_FORMATS = ("csv", "xlsx")


class HonourRollPageMixin(RoutablePageMixin, ThiduaPageMixin):
    """ "Danh sách khen thưởng": every awarded honour, filtered by the visitor, exportable.

    Only public facts appear: name, position, unit, award, decision number and date.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    thidua_template = "thidua_wagtail/pages/honour_roll_page.html"

    class Meta:
        abstract = True

    def get_filtered_honours(self, request):
        """(filter form, honours): the visitor's filters, validated, applied to the awarded honours."""
        from ..filters import HonourRollFilterForm
        from .honours import Honour

        form = HonourRollFilterForm(request.GET or None)
        return form, form.filter(Honour.objects.all())

    @path("")
    def roll(self, request):
        from ..filters import roll_queryset

        form, honours = self.get_filtered_honours(request)
        paginator = Paginator(roll_queryset(honours), thidua_settings.ROLL_PAGE_SIZE)
        # Counted on the honours table alone: the joins the rows need would only slow the count.
        paginator.count = honours.count()
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "page_obj": page_obj,
                "honours": page_obj.object_list,
                "querystring": query.urlencode(),
                "export_urls": {
                    fmt: self.url
                    + self.reverse_subpage("export", args=(fmt,))
                    + (f"?{query.urlencode()}" if query else "")
                    for fmt in EXPORT_FORMATS
                },
            },
        )

    @path("export/<str:fmt>/")
    def export(self, request, fmt):
        from ..spreadsheets import stream_csv, xlsx_response

        if fmt not in EXPORT_FORMATS:
            raise Http404
        _form, honours = self.get_filtered_honours(request)
        rows = (
            (
                row[1] if row[0] != RecipientKind.COLLECTIVE else row[3],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6].strftime("%d/%m/%Y") if row[6] else "",
            )
            for row in honours.order_by("-decision_date", "-decision_id", "sort_order", "pk")
            .values_list(
                "recipient_kind",
                "person_name",
                "position",
                "unit_name",
                "award__name",
                "decision__number",
                "decision_date",
            )
            .iterator(chunk_size=2000)
        )
        headings = [
            pgettext("honour roll", "Name"),
            gettext("Position"),
            gettext("Unit"),
            gettext("Award"),
            gettext("Decision number"),
            gettext("Decision date"),
        ]
        filename = f"danh-sach-khen-thuong-{self.slug}"
        if fmt == "csv":
            return stream_csv(headings, rows, filename)
        return xlsx_response(headings, rows, filename, sheet_title=gettext("Honour roll"))
