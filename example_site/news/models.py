"""The portal's own pages: a home page, a news index and news articles.

They stand for whatever a department's existing portal already has; the
package's pages slot in beside them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from thidua_wagtail.blocks import (
    DecisionHonoursBlock,
    HonourTotalsBlock,
    MovementCardBlock,
    PhaseTimelineBlock,
    PlanSummaryBlock,
)


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))
    # The package's blocks, as a department's existing article page would add them.
    plan_summary = PlanSummaryBlock()
    movement_card = MovementCardBlock()
    phase_timeline = PhaseTimelineBlock()
    honour_totals = HonourTotalsBlock()
    decision_honours = DecisionHonoursBlock()


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsArticlePage.objects.live().descendant_of(self).order_by("-date", "-first_published_at")[:5]
        )
        return context


class NewsIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = NewsArticlePage.objects.live().child_of(self).order_by("-date", "-first_published_at")
        return context


class NewsArticlePage(Page):
    date = models.DateField(_("publication date"), null=True, blank=True)
    intro = models.TextField(_("lead"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
