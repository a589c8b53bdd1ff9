"""A host whose WAGTAIL_PAGE_MODEL is its own base page (as in Wagtail's own test app, whose
migrations these follow: a base page model must be created before wagtailcore's)."""

from django.db import models
from wagtail.models import AbstractPage


class BasePage(AbstractPage):
    importance = models.CharField(max_length=255, blank=True, null=True)

    promote_panels = [*AbstractPage.promote_panels, "importance"]
