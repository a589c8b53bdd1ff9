"""Choosers of the package's snippets: permission-checked, searched without diacritics, in the editor's language.

Wagtail's snippet chooser lets anyone with admin access list a model, searches through the
search backend (which cannot combine its locale filter with a search, and tells "Tháp" from
"thap"), lists every language's copy of an entry, and offers a creation view that fails
without a creation form. These views keep Wagtail's chooser and change only those points.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, LocaleFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from .models.choices import Authority, AwardCategory, RecipientKind
from .models.searching import folded_search

__all__ = ["AwardChooserViewSet", "ThiduaChooserViewSet"]

#: Any of these permissions on a model lets a user choose its records.
CHOOSER_PERMISSIONS = ("add", "change", "delete", "view")


class FoldedSearchFilterMixin(forms.Form):
    """The chooser's search box, matching every word without regard to diacritics or case."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = folded_search(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class EditorLocaleFilterMixin(LocaleFilterMixin):
    """The language filter, set to the editor's language when the chooser opens.

    An entry and its translations are one entry: listed together, the catalogue shows
    each award twice. "All" is still there for an editor who wants it.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "locale" not in data:
            data = data.copy()
            data["locale"] = Locale.get_active().language_code
        super().__init__(data, *args, **kwargs)
        if "locale" in self.fields:
            # Wagtail's field has no label, so Django shows its name, in English.
            self.fields["locale"].label = _("language")


class AwardFilterMixin(forms.Form):
    """Narrow the catalogue by category, by who may receive an award and by who may give it."""

    category = forms.ChoiceField(
        label=_("category"),
        choices=[("", _("All categories")), *AwardCategory.choices],
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )
    recipient = forms.ChoiceField(
        label=_("for"),
        choices=[("", _("All recipients")), *RecipientKind.choices],
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )
    authority = forms.ChoiceField(
        label=_("awarded by"),
        choices=[("", _("All levels")), *Authority.choices],
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if self.cleaned_data.get("category"):
            objects = objects.filter(category=self.cleaned_data["category"])
        # Lists in a JSON column: SQLite has no containment lookup, and the catalogue is a few dozen rows.
        wanted = {
            field: self.cleaned_data[key]
            for key, field in (("recipient", "recipients"), ("authority", "authorities"))
            if self.cleaned_data.get(key)
        }
        if wanted:
            rows = objects.values_list("pk", *wanted)
            objects = objects.filter(
                pk__in=[
                    row[0]
                    for row in rows
                    if all(value in (row[i + 1] or []) for i, value in enumerate(wanted.values()))
                ]
            )
        return objects


class ChooserPermissionMixin:
    """Only users with a permission on the model may list its records, as in its own listing."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, CHOOSER_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ThiduaFilterFormMixin:
    #: Filter mixins of the model, placed before the search and language filters.
    filter_mixins: tuple[type[forms.Form], ...] = ()

    def get_filter_form_class(self):
        bases = [*self.filter_mixins, FoldedSearchFilterMixin, BaseFilterForm]
        if self.i18n_enabled:
            bases.insert(0, EditorLocaleFilterMixin)
        return type("FilterForm", tuple(bases), {})


class ThiduaChooseView(ChooserPermissionMixin, ThiduaFilterFormMixin, ChooseView):
    pass


class ThiduaChooseResultsView(ChooserPermissionMixin, ThiduaFilterFormMixin, ChooseResultsView):
    pass


class ThiduaChosenView(ChooserPermissionMixin, SnippetChosenView):
    pass


class ThiduaChosenMultipleView(ChooserPermissionMixin, SnippetChosenMultipleView):
    pass


class ThiduaChooserViewSet(SnippetChooserViewSet):
    """The chooser of a package snippet. Records are created in their own form, which checks them in full,
    so the chooser has no creation tab and no creation address."""

    choose_view_class = ThiduaChooseView
    choose_results_view_class = ThiduaChooseResultsView
    chosen_view_class = ThiduaChosenView
    chosen_multiple_view_class = ThiduaChosenMultipleView

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class AwardColumnsMixin:
    @property
    def columns(self):
        return [
            *super().columns,
            Column("category", label=_("category"), accessor="get_category_display"),
            Column("authorities", label=_("awarded by"), accessor="get_authorities_display"),
            Column("valid", label=_("in force"), accessor="get_validity_display"),
        ]


class AwardChooseView(AwardColumnsMixin, ThiduaChooseView):
    filter_mixins = (AwardFilterMixin,)


class AwardChooseResultsView(AwardColumnsMixin, ThiduaChooseResultsView):
    filter_mixins = (AwardFilterMixin,)


class AwardChooserViewSet(ThiduaChooserViewSet):
    """The award chooser, filtered by category, recipient and awarding level."""

    choose_view_class = AwardChooseView
    choose_results_view_class = AwardChooseResultsView
