from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailVietnameseConfig(AppConfig):
    """Ships only a catalogue: Vietnamese for Wagtail's admin strings on the package's editing flows."""

    name = "thidua_wagtail.wagtail_vi"
    label = "thidua_wagtail_vi"
    verbose_name = _("Vietnamese for Wagtail's admin")
