"""Admin viewsets of the package's snippets, gathered under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Unit

__all__ = ["ThiduaViewSetGroup", "UnitViewSet"]


class UnitViewSet(SnippetViewSet):
    """Organisational units: the issuers of plans and, later, the honoured collectives."""

    model = Unit
    icon = "group"
    #: Columns of the listing; the dates show which units no longer exist.
    list_display = ["name", "kind", "parent", "valid_from", "valid_until"]
    #: Editors narrow long lists of units by kind and parent.
    list_filter = ["kind", "parent"]
    #: Searched through Wagtail's search backend (the model's ``search_fields``).
    search_fields = ["name", "short_name"]
    #: Lets editors download the unit list as CSV or XLSX.
    list_export = ["name", "short_name", "kind", "parent", "valid_from", "valid_until", "successor"]
    #: Read-only view with the unit's history (parent, successor).
    inspect_view_enabled = True
    ordering = ["name"]


class ThiduaViewSetGroup(SnippetViewSetGroup):
    """The "Thi đua – Khen thưởng" menu of the admin."""

    menu_label = _("Emulation & commendation")
    menu_icon = "tasks"
    menu_order = 250
    items = (UnitViewSet,)
