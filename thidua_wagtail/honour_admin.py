"""The admin listing of honours: per decision, paginated, searched by name, filtered, edited row by row, exported.

A decision's honours are not rows of its form. A city's five years fit in one decision of
20,000 honours, whose form would never open, and two editors adding honours to one decision
would overwrite each other's rows; here each honour is its own record, saved alone.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.models import Locale
from wagtail.snippets.views.snippets import CreateView, EditView

from .forms import HonourForm
from .models import AwardType, Decision, Honour
from .models.choices import RecipientKind
from .search import filter_by_name
from .snippet_views import ThiduaIndexView, ThiduaSnippetViewSet

__all__ = ["HonourViewSet"]


def _award_choices(request):
    # The catalogue once, in the site's default language: honours keep that language's entries.
    return AwardType.objects.filter(locale=Locale.get_default()).order_by("order", "name")


class HonourFilterSet(WagtailFilterSet):
    #: The decision whose honours are listed; set by the links from the decision, not chosen from a list.
    decision = django_filters.NumberFilter(field_name="decision", label=_("decision"), widget=forms.HiddenInput)
    recipient_kind = django_filters.ChoiceFilter(label=_("recipient"), choices=RecipientKind.choices)
    award = django_filters.ModelChoiceFilter(label=_("award"), queryset=_award_choices)
    posthumous = django_filters.BooleanFilter(label=_("posthumous"))
    revoked = django_filters.BooleanFilter(
        field_name="revoked_by", lookup_expr="isnull", exclude=True, label=_("revoked")
    )

    class Meta:
        model = Honour
        fields = ["decision", "recipient_kind", "award", "posthumous", "revoked"]


class DecisionScopedMixin:
    """The decision a listing or form is for, from ``?decision=``; carried to its links."""

    @cached_property
    def decision(self):
        pk = self.request.GET.get("decision") or ""
        return Decision.objects.filter(pk=pk).first() if pk.isascii() and pk.isdigit() and len(pk) <= 9 else None

    def with_decision(self, url):
        if self.decision is None or not url:
            return url
        return f"{url}{'&' if '?' in url else '?'}{urlencode({'decision': self.decision.pk})}"


class HonourIndexView(DecisionScopedMixin, ThiduaIndexView):
    def search_queryset(self, queryset):
        # The roll's own name search: folded names, through the trigram index.
        if not self.is_searching:
            return queryset
        return filter_by_name(queryset, self.search_query)

    def get_page_subtitle(self):
        if self.decision is not None:
            return gettext("Decision %(decision)s") % {"decision": self.decision}
        return super().get_page_subtitle()

    def get_add_url(self):
        return self.with_decision(super().get_add_url())

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("award", "decision", "revoked_by", "corrected_by")


class HonourCreateView(DecisionScopedMixin, CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.decision is not None:
            initial["decision"] = self.decision.pk
        return initial

    def save_instance(self):
        # A new honour goes to the end of its decision's list.
        instance = self.form.instance
        last = Honour.objects.filter(decision=instance.decision_id).order_by("-sort_order").first()
        instance.sort_order = (last.sort_order or 0) + 1 if last else 0
        return super().save_instance()

    def get_success_url(self):
        return self.listing_of(self.object)

    @staticmethod
    def listing_of(honour):
        from django.urls import reverse

        return f"{reverse('wagtailsnippets_thidua_wagtail_honour:list')}?{urlencode({'decision': honour.decision_id})}"


class HonourEditView(EditView):
    def get_success_url(self):
        return HonourCreateView.listing_of(self.object)


class HonourViewSet(ThiduaSnippetViewSet):
    """Honours, one record each, listed per decision."""

    model = Honour
    icon = "user"
    index_view_class = HonourIndexView
    add_view_class = HonourCreateView
    edit_view_class = HonourEditView
    #: Turns the listing's search box on; it searches the folded names (see ``HonourIndexView``).
    search_fields = ["person_name"]
    #: Filters by decision (from its links), kind of recipient, award and posthumous honours.
    filterset_class = HonourFilterSet
    list_display = [
        Column("recipient_name", label=_("recipient")),
        "recipient_kind",
        "position",
        Column("unit_name", label=_("unit")),
        "award",
        BooleanColumn("posthumous", label=_("posthumous")),
        "decision",
        Column("revoked_by", label=_("revoked by")),
        Column("corrected_by", label=_("corrected by")),
    ]
    #: Long decisions page by page; the count and the page read the honours table's indexes.
    list_per_page = 50
    ordering = ["-decision_date", "decision", "sort_order", "id"]
    list_export = [
        "person_name",
        "position",
        "unit_name",
        "recipient_kind",
        "award",
        "posthumous",
        "achievement",
        "decision",
        "decision_date",
    ]
    export_headings = {"unit_name": _("unit"), "decision_date": _("date")}
    export_filename = "khen-thuong"
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("decision"),
            FieldRowPanel([FieldPanel("recipient_kind"), FieldPanel("award")]),
            FieldRowPanel([FieldPanel("person_name"), FieldPanel("position")]),
            FieldPanel("unit"),
            FieldPanel("unit_text"),
            FieldPanel("achievement"),
            FieldPanel("posthumous"),
        ],
        base_form_class=HonourForm,
    )
