"""Admin widgets of the package."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

__all__ = ["DayFirstDateInput"]


class DayFirstDateInput(AdminDateInput):
    """Wagtail's date picker, showing dates day first, which keeps what the editor typed.

    The picker's default, on leaving a field whose text it cannot read in its own format,
    is to write today's date there: "2026-06-30" typed into a day-first field became
    today's date and was published. Here the text stays, and the form reads it (ISO
    included) or refuses it with a message on the field.
    """

    def __init__(self, attrs=None, format=None):
        attrs = {"placeholder": _("dd/mm/yyyy"), **(attrs or {})}
        super().__init__(attrs=attrs, format=format or "%d/%m/%Y")

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}
