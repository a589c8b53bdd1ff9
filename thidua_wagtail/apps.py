from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThiduaWagtailConfig(AppConfig):
    name = "thidua_wagtail"
    label = "thidua_wagtail"
    verbose_name = _("Emulation and commendation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401  (registers the system checks)
        from .cache import connect_signals
        from .models import AwardType
        from .permissions import StatutoryEntryPermissionPolicy

        # Before any admin view asks for the policy (Wagtail would create a default one).
        register_permission_policy(AwardType, StatutoryEntryPermissionPolicy(AwardType))
        connect_signals()
