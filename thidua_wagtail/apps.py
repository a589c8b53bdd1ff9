from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThiduaWagtailConfig(AppConfig):
    name = "thidua_wagtail"
    label = "thidua_wagtail"
    verbose_name = _("Emulation and commendation")
    default_auto_field = "django.db.models.BigAutoField"
