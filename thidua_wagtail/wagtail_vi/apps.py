from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailVietnameseConfig(AppConfig):
    """Ships only a catalogue: Vietnamese for the Wagtail admin strings Wagtail's own catalogue leaves untranslated."""

    name = "thidua_wagtail.wagtail_vi"
    label = "thidua_wagtail_vi"
    verbose_name = _("Vietnamese for Wagtail's admin")
