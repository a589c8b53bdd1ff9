"""The public honour roll page: filters, name search, pagination, exports."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField

from .base import ThiduaPageMixin, ThiduaRoutablePageMixin
from .services import services

__all__ = ["HonourRollPageMixin"]

#: The formats the roll is downloaded in.
EXPORT_FORMATS = ("csv", "xlsx")
#: The formats of the register as open data.
EXPORT_FORMATS_OPEN = ("csv", "json")


class HonourRollPageMixin(ThiduaRoutablePageMixin, ThiduaPageMixin):
    """ "Danh sách khen thưởng": every awarded honour, filtered by the visitor, exportable.

    Only public facts appear: name, position, unit, award, decision number and date.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    thidua_template = "thidua_wagtail/pages/honour_roll_page.html"

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        """The roll, the listing of decisions and the page of every public decision."""
        return [*super().get_sitemap_urls(request), *services.decision_sitemap_urls(self, request)]

    @path("")
    def roll(self, request):
        """The roll, filtered and paginated (:func:`thidua_wagtail.roll_views.roll_page`)."""
        return services.roll_page(self, request)

    @path("export/<str:fmt>/")
    def export(self, request, fmt):
        """The filtered roll as CSV or XLSX (:func:`thidua_wagtail.roll_views.roll_export`)."""
        if fmt not in EXPORT_FORMATS:
            raise Http404
        return services.roll_export(self, request, fmt)

    @path("open-data/honours/<str:fmt>/", name="open_data")
    def open_data(self, request, fmt):
        """The whole register of awarded honours as open data, CSV or JSON (:mod:`thidua_wagtail.open_data`)."""
        if fmt not in EXPORT_FORMATS_OPEN:
            raise Http404
        return services.open_data(self, request, fmt)

    @path("open-data/dictionary/<str:fmt>/", name="open_data_dictionary")
    def open_data_dictionary(self, request, fmt):
        """The open data's dictionary, in Vietnamese and English, CSV or JSON."""
        if fmt not in EXPORT_FORMATS_OPEN:
            raise Http404
        return services.open_data_dictionary(self, request, fmt)

    @path("open-data/dcat/", name="open_data_dcat")
    def open_data_dcat(self, request):
        """The open data's DCAT description (JSON-LD), for open-data portals to harvest."""
        return services.open_data_dcat(self, request)

    @path("decisions/", name="decisions")
    def decisions(self, request):
        """The listing of awarded decisions, filtered (:func:`thidua_wagtail.decision_views.decision_list`)."""
        return services.decision_list(self, request)

    @path("decisions/<int:pk>/", name="decision")
    def decision(self, request, pk):
        """One awarded decision and its honours (:func:`thidua_wagtail.decision_views.decision_detail`)."""
        return services.decision_detail(self, request, pk)
