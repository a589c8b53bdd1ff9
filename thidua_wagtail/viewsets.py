"""Admin viewsets of the package's snippets, gathered under one menu."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from .choosers import AwardChooserViewSet, ThiduaChooserViewSet
from .deletion import ProtectedDeleteView
from .forms import DecisionForm
from .models import AwardType, Decision, EmulationZone, ExemplaryModel, HonourTally, Unit
from .models.searching import folded_search
from .spreadsheets import neutralise

__all__ = [
    "AwardTypeViewSet",
    "DecisionViewSet",
    "EmulationZoneViewSet",
    "ExemplaryModelViewSet",
    "HonourTallyViewSet",
    "ThiduaSnippetViewSet",
    "ThiduaViewSetGroup",
    "UnitViewSet",
]


class ThiduaIndexView(IndexView):
    """Snippet listing searched by every word without regard to diacritics, whose CSV/XLSX export
    neutralises cells a spreadsheet would run as formulas."""

    def search_queryset(self, queryset):
        # The folded words the model keeps (see models/searching.py), not the search backend.
        if not self.is_searching:
            return queryset
        return folded_search(queryset, self.search_query)

    def preprocess_field_value(self, field, value, export_format):
        # After Wagtail's own conversion, so related objects (a unit's parent) are covered too.
        return neutralise(super().preprocess_field_value(field, value, export_format))


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


class AwardTypeEditView(InstancePermissionMixin, EditView):
    pass


class AwardTypeDeleteView(InstancePermissionMixin, ProtectedDeleteView):
    pass


class ThiduaSnippetViewSet(SnippetViewSet):
    """What every snippet of the package shares in the admin."""

    #: Listings search the model's folded words (``folded_search_fields``), with or without diacritics.
    index_view_class = ThiduaIndexView
    #: Deleting a record that honours or plans still use is refused with a message, not a server error.
    delete_view_class = ProtectedDeleteView
    #: Choosers check permissions, search without diacritics and list the editor's language.
    chooser_viewset_class = ThiduaChooserViewSet


class UnitViewSet(ThiduaSnippetViewSet):
    """Organisational units: issuers of plans and the collectives honoured."""

    model = Unit
    icon = "group"
    #: Columns of the listing; the dates show which units no longer exist.
    list_display = ["name", "kind", "parent", "valid_from", "valid_until"]
    #: Editors narrow long lists of units by kind and parent.
    list_filter = ["kind", "parent"]
    #: Lets editors download the unit list as CSV or XLSX.
    list_export = ["name", "short_name", "kind", "parent", "valid_from", "valid_until", "successor"]
    #: Read-only view with the unit's history (parent, successor).
    inspect_view_enabled = True
    ordering = ["name"]


class AwardTypeViewSet(ThiduaSnippetViewSet):
    """The legal catalogue (read-only, see :mod:`thidua_wagtail.permissions`) and the agency's local award types."""

    model = AwardType
    icon = "tag"
    edit_view_class = AwardTypeEditView
    delete_view_class = AwardTypeDeleteView
    chooser_viewset_class = AwardChooserViewSet
    list_display = ["name", "category", "group", "legal_basis", "valid_from", "valid_until", "is_statutory"]
    #: Titles and forms are kept apart in the listing too.
    list_filter = ["category", "group", "is_statutory"]
    list_export = [
        "code",
        "name",
        "category",
        "group",
        "get_recipients_display",
        "get_authorities_display",
        "legal_basis",
        "valid_from",
        "valid_until",
    ]
    export_headings = {
        "get_recipients_display": _("for"),
        "get_authorities_display": _("awarded by"),
    }
    inspect_view_enabled = True
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("group")]),
        FieldPanel("recipients"),
        FieldPanel("authorities"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("order"),
    ]


class DecisionViewSet(ThiduaSnippetViewSet):
    """Commendation decisions with their honours inline."""

    model = Decision
    icon = "doc-full"
    list_display = ["number", "date", "authority", "issuing_body", "status", Column("honour_count", label=_("Honours"))]
    list_filter = ["status", "authority", "commendation_type"]
    list_export = ["number", "date", "authority", "issuing_body", "signer_name", "signer_position", "status"]
    inspect_view_enabled = True
    #: The form checks every honour against the catalogue (authority, recipient, dates).
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
                    FieldRowPanel([FieldPanel("authority"), FieldPanel("status")]),
                    FieldPanel("issuing_body"),
                    FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_position")]),
                    FieldPanel("commendation_type"),
                    FieldPanel("document"),
                ],
                heading=_("Decision"),
            ),
            MultiFieldPanel(
                [FieldPanel("plan"), FieldPanel("movement"), FieldPanel("phase")],
                heading=_("What it rewards"),
            ),
            InlinePanel(
                "honours",
                heading=_("Honours"),
                label=_("Honour"),
                panels=[
                    FieldRowPanel([FieldPanel("recipient_kind"), FieldPanel("award")]),
                    FieldRowPanel([FieldPanel("person_name"), FieldPanel("position")]),
                    FieldPanel("unit"),
                    FieldPanel("achievement"),
                    FieldPanel("posthumous"),
                ],
            ),
        ],
        base_form_class=DecisionForm,
    )

    def get_queryset(self, request):
        return Decision.objects.annotate(honour_count=Count("honours"))


class HonourTallyViewSet(ThiduaSnippetViewSet):
    """Reported totals for periods without individual records."""

    model = HonourTally
    icon = "table"
    list_display = ["__str__", "collectives", "individuals", "households", "source"]
    list_filter = ["scope"]
    list_export = [
        "start_year",
        "end_year",
        "scope",
        "authorities",
        "collectives",
        "individuals",
        "households",
        "source",
    ]
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("scope"),
        FieldPanel("authorities"),
        FieldRowPanel([FieldPanel("collectives"), FieldPanel("individuals"), FieldPanel("households")]),
        FieldPanel("source"),
    ]


class ExemplaryModelViewSet(ThiduaSnippetViewSet):
    """Exemplary models and advanced examples."""

    model = ExemplaryModel
    icon = "pick"
    list_display = ["name", "unit", "recognised_by", "year"]
    list_filter = ["year"]
    list_export = ["name", "unit", "recognised_by", "year", "description"]
    inspect_view_enabled = True


class EmulationZoneViewSet(ThiduaSnippetViewSet):
    """Emulation zones, clusters and blocs with their members."""

    model = EmulationZone
    icon = "globe"
    list_display = ["name", "kind", "organised_by"]
    list_filter = ["kind"]
    list_export = ["name", "kind", "organised_by", "description"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("organised_by")]),
        FieldPanel("description"),
        InlinePanel("members", heading=_("Members"), label=_("Member")),
    ]


class ThiduaViewSetGroup(SnippetViewSetGroup):
    """The "Thi đua – Khen thưởng" menu of the admin."""

    menu_label = _("Emulation & commendation")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        DecisionViewSet,
        AwardTypeViewSet,
        UnitViewSet,
        HonourTallyViewSet,
        ExemplaryModelViewSet,
        EmulationZoneViewSet,
    )
