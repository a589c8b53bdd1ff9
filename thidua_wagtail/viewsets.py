"""Admin viewsets of the package's snippets, gathered under one menu."""

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import EditView, SnippetViewSetGroup

from .admin_panels import DecisionAmendmentsPanel, DecisionHonoursPanel
from .choosers import AwardChooserViewSet
from .deletion import ProtectedDeleteView
from .forms import DecisionForm, HonourTallyForm
from .models import AwardType, Commemoration, Decision, EmulationZone, ExemplaryModel, HonourTally, Unit
from .snippet_views import InstancePermissionMixin, ThiduaIndexView, ThiduaSnippetViewSet

__all__ = [
    "AwardTypeViewSet",
    "CommemorationViewSet",
    "DecisionViewSet",
    "EmulationZoneViewSet",
    "ExemplaryModelViewSet",
    "HonourTallyViewSet",
    "ThiduaViewSetGroup",
    "UnitViewSet",
]


class AwardTypeEditView(InstancePermissionMixin, EditView):
    pass


class AwardTypeDeleteView(InstancePermissionMixin, ProtectedDeleteView):
    pass


class UnitIndexView(ThiduaIndexView):
    """The units' listing, with the button that records a merger, renaming or abolition in one action."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                HeaderButton(
                    _("Record a merger or abolition"), url=reverse("thidua_reorganise_units"), icon_name="cogs"
                )
            )
        return buttons


class UnitViewSet(ThiduaSnippetViewSet):
    """Organisational units: issuers of plans and the collectives honoured."""

    model = Unit
    icon = "group"
    index_view_class = UnitIndexView
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


class CommemorationViewSet(ThiduaSnippetViewSet):
    """Commemorated days: those shipped with the package (read-only) and the portal's own."""

    model = Commemoration
    icon = "date"
    edit_view_class = AwardTypeEditView
    delete_view_class = AwardTypeDeleteView
    #: The original date is what anniversaries are counted from.
    list_display = ["name", "original_date", "kind", "source", "is_shipped"]
    list_filter = ["kind", "is_shipped"]
    list_export = ["name", "original_date", "kind", "source"]
    inspect_view_enabled = True
    ordering = ["original_date", "name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("kind")]),
        FieldPanel("source"),
    ]


class FirstRevisionEditView(EditView):
    """The edit view of a snippet with revisions, which gives a record made without one its first."""

    def get(self, request, *args, **kwargs):
        if self.object.latest_revision_id is None:
            # A record made by a script, an import or the demo has no revision yet. The form must say
            # which version it was loaded from, or a colleague's save in between would go unnoticed.
            self.object.save_revision(clean=False)
        return super().get(request, *args, **kwargs)


class DecisionViewSet(ThiduaSnippetViewSet):
    """Commendation decisions, with revisions and locking; their honours have a listing of their own."""

    model = Decision
    edit_view_class = FirstRevisionEditView
    icon = "doc-full"
    list_display = ["number", "date", "authority", "issuing_body", "status", Column("honour_count", label=_("Honours"))]
    list_filter = ["status", "authority", "commendation_type", "amendment"]
    list_export = [
        "number",
        "date",
        "authority",
        "issuing_body",
        "signer_name",
        "signer_position",
        "commendation_type",
        "reason",
        "status",
        "amendment",
        "amends",
        "amendment_text",
    ]
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
                    FieldPanel("reason"),
                    FieldPanel("document"),
                    FieldPanel("is_sample"),
                ],
                heading=_("Decision"),
            ),
            MultiFieldPanel(
                [FieldPanel("plan"), FieldPanel("movement"), FieldPanel("phase")],
                heading=_("What it rewards"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("amendment"), FieldPanel("amendment_scope")]),
                    FieldPanel("amends"),
                    FieldPanel("amendment_text"),
                    DecisionAmendmentsPanel(),
                ],
                heading=_("Revocation or correction"),
            ),
            DecisionHonoursPanel(heading=_("Honours")),
        ],
        base_form_class=DecisionForm,
    )

    def get_queryset(self, request):
        return Decision.objects.annotate(honour_count=Count("honours"))


class HonourTallyViewSet(ThiduaSnippetViewSet):
    """Reported totals for periods without individual records, with their breakdown and revisions."""

    model = HonourTally
    icon = "table"
    edit_view_class = FirstRevisionEditView
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
        "note",
    ]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            FieldPanel("scope"),
            FieldPanel("authorities"),
            FieldRowPanel([FieldPanel("collectives"), FieldPanel("individuals"), FieldPanel("households")]),
            InlinePanel("rows", heading=_("Breakdown"), label=_("Breakdown row")),
            FieldPanel("note"),
            FieldPanel("source"),
            FieldPanel("is_sample"),
        ],
        base_form_class=HonourTallyForm,
    )


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


# Below the viewsets it builds on: the honours' listing is one of the group.
from .honour_admin import HonourViewSet  # noqa: E402


class ThiduaViewSetGroup(SnippetViewSetGroup):
    """The "Thi đua – Khen thưởng" menu of the admin."""

    menu_label = _("Emulation & commendation")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        DecisionViewSet,
        HonourViewSet,
        AwardTypeViewSet,
        UnitViewSet,
        CommemorationViewSet,
        HonourTallyViewSet,
        ExemplaryModelViewSet,
        EmulationZoneViewSet,
    )
