"""The package's concrete page types and their inline rows.

Each page is a thin combination of its mixin and Wagtail's ``Page`` that adds
the page type rules and the editing panels.
"""

from __future__ import annotations

import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .base import FOLDED_TITLE_SEARCH_FIELDS
from .mixins import EmulationIndexPageMixin, MovementPageMixin, PlanPageMixin
from .phases import AbstractPhase
from .reviews import AbstractReview
from .roll import HonourRollPageMixin

# The site's base page: Wagtail's own, or the one its WAGTAIL_PAGE_MODEL names (whose app must
# come before thidua_wagtail in INSTALLED_APPS).
Page = swapper.load_model("wagtailcore", "Page", require_ready=False)

__all__ = [
    "EmulationIndexPage",
    "HonourRollPage",
    "MovementPage",
    "Phase",
    "PlanAttachment",
    "PlanMovement",
    "PlanPage",
    "Review",
]


def _tradition_day_panel():
    return FieldPanel("tradition_day")


class EmulationIndexPage(EmulationIndexPageMixin, Page):
    """The "Thi đua – Khen thưởng" section of a portal."""

    # Named explicitly, so that it keeps its name on a site whose base page is its own.
    page_ptr = models.OneToOneField(
        Page, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, auto_created=True
    )

    subpage_types = ["thidua_wagtail.PlanPage", "thidua_wagtail.MovementPage", "thidua_wagtail.HonourRollPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), _tradition_day_panel()]
    search_fields = [
        *Page.search_fields,
        *FOLDED_TITLE_SEARCH_FIELDS,
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("emulation and commendation section")
        verbose_name_plural = _("emulation and commendation sections")


class PlanPage(PlanPageMixin, Page):
    """A plan, e.g. "Kế hoạch số 599/KH-STP", or a sub-unit's implementation plan under it."""

    # Named explicitly, so that it keeps its name on a site whose base page is its own.
    page_ptr = models.OneToOneField(
        Page, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, auto_created=True
    )

    parent_page_types = ["thidua_wagtail.EmulationIndexPage", "thidua_wagtail.PlanPage"]
    subpage_types = ["thidua_wagtail.PlanPage", "thidua_wagtail.MovementPage"]

    content_panels = [
        TitleFieldPanel(
            "title", placeholder=_("Plan title, e.g. “Phát động phong trào thi đua … giai đoạn 2021 – 2025”")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("issue_date")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_position")]),
            ],
            heading=_("Document"),
        ),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("summary"),
        FieldPanel("is_sample"),
        FieldPanel("body"),
        InlinePanel("phases", heading=_("Phases"), label=_("Phase")),
        InlinePanel(
            "reviews",
            heading=_("Reviews"),
            label=_("Review"),
            help_text=_(
                "Interim and final reviews (sơ kết, tổng kết) of the plan or of one of its movements; several may "
                "fall in one phase, and a review may be held after its phase has ended."
            ),
        ),
        InlinePanel(
            "movement_links",
            heading=_("Movements"),
            label=_("Movement"),
            help_text=_("Movements the plan launches or adopts. Movements created under the plan are listed too."),
        ),
        InlinePanel("attachments", heading=_("Attached documents"), label=_("Document")),
        _tradition_day_panel(),
    ]
    search_fields = [
        *Page.search_fields,
        *FOLDED_TITLE_SEARCH_FIELDS,
        index.SearchField("number"),
        # Editors look plans up by their number ("599") in the admin search, which autocompletes.
        index.AutocompleteField("number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
    ]

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        indexes = [models.Index(fields=["issuer", "number"], name="thidua_plan_issuer_number")]


class Phase(AbstractPhase):
    """A phase of a :class:`PlanPage`."""

    plan = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="phases", verbose_name=_("plan"))

    class Meta(AbstractPhase.Meta):
        indexes = [models.Index(fields=["start_date", "end_date"], name="thidua_phase_dates")]


class Review(AbstractReview):
    """A review (sơ kết, tổng kết) of a :class:`PlanPage`, or of one of its movements."""

    plan = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("plan"))
    movement = models.ForeignKey(
        "thidua_wagtail.MovementPage",
        verbose_name=_("movement reviewed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        help_text=_("Leave empty for a review of the whole plan."),
    )

    class Meta(AbstractReview.Meta):
        indexes = [models.Index(fields=["date"], name="thidua_review_date")]


class PlanMovement(Orderable):
    """A movement a plan launches or adopts; one movement page may be linked from many plans."""

    plan = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="movement_links", verbose_name=_("plan"))
    movement = models.ForeignKey(
        "thidua_wagtail.MovementPage",
        on_delete=models.CASCADE,
        related_name="plan_links",
        verbose_name=_("movement"),
    )

    panels = [FieldPanel("movement")]

    class Meta(Orderable.Meta):
        verbose_name = _("movement of a plan")
        verbose_name_plural = _("movements of a plan")
        constraints = [models.UniqueConstraint(fields=["plan", "movement"], name="thidua_unique_plan_movement")]


class PlanAttachment(TranslatableMixin, Orderable):
    """A document attached to a plan, such as the signed plan itself."""

    plan = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("plan"))
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    caption = models.CharField(
        _("caption"), max_length=255, blank=True, help_text=_("Shown instead of the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    translatable_fields = [SynchronizedField("document"), TranslatableField("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        unique_together = [("translation_key", "locale")]

    @property
    def label(self):
        return self.caption or self.document.title


class MovementPage(MovementPageMixin, Page):
    """An emulation movement, created once and linked from every plan that adopts it."""

    # Named explicitly, so that it keeps its name on a site whose base page is its own.
    page_ptr = models.OneToOneField(
        Page, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, auto_created=True
    )

    parent_page_types = ["thidua_wagtail.EmulationIndexPage", "thidua_wagtail.PlanPage"]
    subpage_types = []

    content_panels = [
        TitleFieldPanel("title", help_text=_("The movement's name or slogan, without quotation marks.")),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("scope")]),
        FieldPanel("launched_by"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("goals"),
        FieldPanel("content"),
    ]
    search_fields = [
        *Page.search_fields,
        *FOLDED_TITLE_SEARCH_FIELDS,
        index.SearchField("goals"),
        index.SearchField("content"),
    ]

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")


class HonourRollPage(HonourRollPageMixin, Page):
    """The public honour roll of a section: "Danh sách khen thưởng"."""

    # Named explicitly, so that it keeps its name on a site whose base page is its own.
    page_ptr = models.OneToOneField(
        Page, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, auto_created=True
    )

    parent_page_types = ["thidua_wagtail.EmulationIndexPage"]
    subpage_types = []

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *FOLDED_TITLE_SEARCH_FIELDS]

    class Meta:
        verbose_name = _("honour roll")
        verbose_name_plural = _("honour rolls")
