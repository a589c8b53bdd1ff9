"""Plugs the services above the models into them (:mod:`thidua_wagtail.models.services`), when the app is ready."""

from __future__ import annotations

__all__ = ["connect"]


def connect():
    """Provide the models with the cache, the totals, the related news, the views of the honour roll and of the
    decisions, the feeds and calendars, and the admin forms of the package's pages."""
    from . import cache, calendars, decision_views, feeds, open_data, related, roll_views, stats
    from .forms import PlanPageForm, ThiduaPageForm
    from .models import PlanPageMixin, ThiduaPageMixin
    from .models.services import services

    services.provide(
        cached_page_fragment=cache.cached_page_fragment,
        content_version=cache.content_version,
        totals_for_periods=stats.totals_for_periods,
        period_totals=stats.period_totals,
        pages_linking_to=related.pages_linking_to,
        roll_page=roll_views.roll_page,
        roll_export=roll_views.roll_export,
        decision_list=decision_views.decision_list,
        decision_detail=decision_views.decision_detail,
        decision_sitemap_urls=decision_views.decision_sitemap_urls,
        section_feed=feeds.section_feed,
        section_calendar=calendars.section_calendar,
        plan_calendar=calendars.plan_calendar,
        open_data=open_data.dataset_response,
        open_data_dictionary=open_data.dictionary_response,
        open_data_dcat=open_data.dcat_response,
    )
    # Wagtail reads a page type's ``base_form_class`` when it first builds its edit form, after this.
    ThiduaPageMixin.base_form_class = ThiduaPageForm
    PlanPageMixin.base_form_class = PlanPageForm
