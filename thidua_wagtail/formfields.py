"""Form fields of the package's models (plain Django forms: no admin, no model)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["DAY_FIRST_INPUT_FORMATS", "DayFirstDateFormField"]

#: What an editor may type: the Vietnamese day-first forms, and ISO as a spreadsheet or another system writes it.
DAY_FIRST_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DayFirstDateFormField(forms.DateField):
    """A date typed day first (30/6/2026) or in ISO (2026-06-30), whatever the site's locale formats.

    Anything else is refused with a message that shows the expected form; it is never read
    month first, and never replaced by another date.
    """

    input_formats = DAY_FIRST_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Enter the date as day/month/year, for example 30/6/2026 (2026-06-30 is accepted too)."),
    }
