"""Model fields shared by the package's models."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ChoiceListField", "DayFirstDateField", "job_storage"]


class ChoiceListField(models.JSONField):
    """A list of values from ``choices``, stored as JSON so it works alike on SQLite and PostgreSQL.

    Editors tick checkboxes; the list is kept sorted in the order of ``choices``.
    """

    def __init__(self, *args, choices=None, **kwargs):
        self.list_choices = list(choices or [])
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.list_choices
        return name, path, args, kwargs

    def _ordered(self, values):
        order = {value: i for i, (value, _label) in enumerate(self.list_choices)}
        return sorted(set(values), key=lambda v: order.get(v, len(order)))

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {choice for choice, _label in self.list_choices}
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            raise ValidationError(_("Unknown values: %(values)s"), params={"values": ", ".join(map(str, unknown))})

    def pre_save(self, model_instance, add):
        value = self._ordered(getattr(model_instance, self.attname) or [])
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.list_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        # JSONField.formfield would build a JSON text box; the editor gets checkboxes instead.
        return form_class(**defaults)

    def labels(self, obj):
        """The chosen values' labels, joined for a listing or a spreadsheet."""
        labels = dict(self.list_choices)
        return ", ".join(str(labels.get(value, value)) for value in self.value_from_object(obj) or [])


class DayFirstDateField(models.DateField):
    """A date that editors type day first (30/6/2026) or in ISO, and that is never read month first.

    Stored as a plain date; it migrates as Django's ``DateField``, so changing a field to this
    class needs no migration.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs

    def formfield(self, **kwargs):
        from ..formfields import DayFirstDateFormField

        return super().formfield(**{"form_class": DayFirstDateFormField, **kwargs})


def job_storage():
    """The storage that keeps the files of background imports and exports (``THIDUA_STORAGE``): every server of the
    site must share it, and it should not be served publicly, since those files name people."""
    from django.core.files.storage import storages

    from ..conf import thidua_settings

    return storages[thidua_settings.STORAGE]
