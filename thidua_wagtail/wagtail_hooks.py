"""Registers the package's admin viewsets, views and dashboard panel; models stay free of registration."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from .admin_views import (
    EndingPhasesPanel,
    export_download_view,
    export_job_view,
    import_honours_view,
    import_job_view,
    import_template_view,
)
from .bulk_actions import AmendHonoursBulkAction, HonourDeleteBulkAction
from .deletion import ProtectedDeleteBulkAction
from .models import AwardType, Commemoration, Decision, EmulationZone, ExemplaryModel, HonourTally, Unit
from .unit_admin import reorganisation_view
from .viewsets import ThiduaViewSetGroup

register_snippet(ThiduaViewSetGroup)


# A later order than Wagtail's own bulk delete, which it replaces for these models only.
@hooks.register("register_bulk_action", order=100)
class ThiduaDeleteBulkAction(ProtectedDeleteBulkAction):
    models = [Unit, AwardType, Commemoration, HonourTally, ExemplaryModel, EmulationZone]


hooks.register("register_bulk_action", AmendHonoursBulkAction)
# A later order than Wagtail's own bulk delete, which it replaces for honours.
hooks.register("register_bulk_action", HonourDeleteBulkAction, order=100)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("thidua/decisions/<int:pk>/import/", import_honours_view, name="thidua_import_honours"),
        path("thidua/import-template.<str:fmt>", import_template_view, name="thidua_import_template"),
        path("thidua/imports/<int:pk>/", import_job_view, name="thidua_import_job"),
        path("thidua/exports/<int:pk>/", export_job_view, name="thidua_export_job"),
        path("thidua/exports/<int:pk>/download/", export_download_view, name="thidua_export_download"),
        path("thidua/units/reorganise/", reorganisation_view, name="thidua_reorganise_units"),
    ]


@hooks.register("register_snippet_listing_buttons")
def decision_import_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, Decision)
        and policy_registry.get_by_type(Decision).user_has_permission_for_instance(user, "change", snippet)
        # Only the original holds honours; its translations show them from there.
        and snippet.is_original
    ):
        yield ListingButton(
            _("Import honours"), reverse("thidua_import_honours", args=(snippet.pk,)), icon_name="upload", priority=60
        )


@hooks.register("insert_editor_js")
def hold_submissions_for_autosave():
    # Every editor form, not only the package's: a Publish clicked while Wagtail's autosave is on its way
    # otherwise creates the record twice (see the script).
    return format_html('<script src="{}" defer></script>', static("thidua_wagtail/js/autosave-guard.js"))


@hooks.register("construct_homepage_panels")
def add_ending_phases_panel(request, panels):
    panels.append(EndingPhasesPanel())


@hooks.register("register_log_actions")
def register_reorganisation_log_action(actions):
    @actions.register_action("thidua_wagtail.reorganise")
    class Reorganise(LogFormatter):
        label = _("Record a merger or abolition")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("successor"):
                return gettext("Recorded: %(units)s became %(successor)s on %(day)s.") % data
            return gettext("Recorded: %(units)s ended on the eve of %(day)s.") % data


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    @actions.register_action("thidua_wagtail.import_honours")
    class ImportHonours(LogFormatter):
        label = _("Import honours")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if not data.get("created"):
                return gettext("No honour added from “%(file)s”: all %(skipped)s rows were already in the decision") % {
                    "file": data.get("file", ""),
                    "skipped": data.get("skipped", 0),
                }
            return ngettext(
                "%(created)s honour imported from “%(file)s”",
                "%(created)s honours imported from “%(file)s”",
                data.get("created", 0),
            ) % {"created": data.get("created", 0), "file": data.get("file", "")}
