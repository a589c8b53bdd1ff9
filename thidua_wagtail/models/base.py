"""What every page of the package shares: today's date, caching until local midnight, templates."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import resolve_model_string
from wagtail.search import index

from .. import timeline
from ..conf import thidua_settings
from ..text import ascii_slug, fold
from .services import services

__all__ = [
    "ThiduaPageMixin",
    "ThiduaRoutablePageMixin",
    "TraditionDayMixin",
    "cap_cache_lifetime",
    "local_today",
    "page_model",
    "public_pages_q",
]


YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2200)]


def local_today():
    """Today's date in the package's time zone (``THIDUA_TIME_ZONE``)."""
    return timeline.local_today(thidua_settings.TIME_ZONE, timezone.now())


def _get_model(label):
    return resolve_model_string(label)


def _s_maxage(response):
    if not response.has_header("Cache-Control"):
        return None
    for directive in cc_delim_re.split(response["Cache-Control"]):
        name, _sep, value = directive.partition("=")
        if name.strip().lower() == "s-maxage" and value.strip().isdigit():
            return int(value)
    return None


def cap_cache_lifetime(response, seconds):
    """Make sure no cache keeps ``response`` for more than ``seconds``, without ever adding caching.

    An existing ``max-age`` or ``s-maxage`` is lowered. A response with neither
    would be kept by Django's cache middleware for ``CACHE_MIDDLEWARE_SECONDS``;
    when that runs past the limit, ``max-age`` is set to the limit, which that
    middleware obeys.
    """
    max_age, s_maxage = get_max_age(response), _s_maxage(response)
    updates = {}
    if max_age is not None and max_age > seconds:
        updates["max_age"] = seconds
    if s_maxage is not None and s_maxage > seconds:
        updates["s_maxage"] = seconds
    if max_age is None and s_maxage is None and seconds < settings.CACHE_MIDDLEWARE_SECONDS:
        updates["max_age"] = seconds
    if updates:
        patch_cache_control(response, **updates)
    return response


def page_model():
    """The site's page model: Wagtail's ``Page``, or the base page its WAGTAIL_PAGE_MODEL names."""
    import swapper

    return swapper.load_model("wagtailcore", "Page")


def public_pages_q():
    """A filter that leaves out pages under a view restriction, theirs or an ancestor's.

    Wagtail's ``public()`` first reads every restriction in a query of its own; this asks the
    database in the page query itself (a restriction's page path is a prefix of the paths it
    covers), which saves a query on every page of the package.
    """
    from wagtail.models import PageViewRestriction

    restrictions = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return ~Exists(restrictions)


def with_listed_pages(queryset, *relations):
    """``queryset`` with the pages its foreign keys ``relations`` name read in its query, each with only the
    fields a list shows (its model's ``listing_fields``): a review's movement, a phase's plan. The rows' own fields
    and their other related rows are read whole."""
    model = queryset.model
    fields = [field.name for field in model._meta.concrete_fields]
    for name in relations:
        page_type = model._meta.get_field(name).related_model
        fields += [f"{name}__{field}" for field in page_type.listing_fields]
    return queryset.select_related(*relations).only(*fields)


#: Search fields of the package's pages besides Wagtail's: the folded title, for the page chooser (which
#: autocompletes) and the page search.
FOLDED_TITLE_SEARCH_FIELDS = [index.SearchField("folded_title"), index.AutocompleteField("folded_title")]


class ThiduaPageMixin(models.Model):
    """Behaviour shared by every page of the package.

    * Templates are looked up most-specific-first: the concrete class's own
      template, then the package's generic one, so a host may override either.
    * The page shows statuses computed from today's local date, so neither a
      cached response nor a cached template fragment may outlive the day.
    """

    #: Template name of the package's generic template for this page type.
    thidua_template = None
    #: Name of the page's content kept in the package's cache (``{% thidua_pagecache %}``), or None.
    thidua_fragment = None
    #: The fields read when the page is listed on another page of the package (a plan's movements, its sub-units'
    #: plans): the columns of a page model are many, and reading them all costs more than the list's own query. A
    #: host whose templates show more of a listed page adds its fields here.
    listing_fields = ("title", "slug", "url_path", "path", "depth", "translation_key", "locale", "live")
    # The admin form (``base_form_class``: a new page's slug is plain ASCII, a stale form is refused) is set on
    # the mixins by ``ThiduaWagtailConfig.ready()``: the forms live above the models.

    class Meta:
        abstract = True

    @property
    def folded_title(self) -> str:
        """The title without diacritics, indexed beside it: an editor typing "nong thon" in the page
        chooser or the page search finds "Nông thôn mới" (Wagtail's search backends do not fold)."""
        return fold(self.title)

    def full_clean(self, *args, **kwargs):
        # A page made without a slug (a script, an import) gets a plain ASCII one from its title,
        # where Wagtail's would keep the Vietnamese letters or, set to ASCII, drop "đ" altogether.
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known:
            base = ascii_slug(self.title)
            if base:
                self.slug = self._get_autogenerated_slug(base)
        super().full_clean(*args, **kwargs)

    def get_template(self, request, *args, **kwargs):
        template = super().get_template(request, *args, **kwargs)
        names = [template] if isinstance(template, str) else list(template)
        if self.thidua_template and self.thidua_template not in names:
            names.append(self.thidua_template)
        return names

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = thidua_settings.BASE_TEMPLATE
        context["today"] = local_today()
        if self.thidua_fragment:
            html = services.cached_page_fragment(self.thidua_fragment, self, request, context["today"])
            if html is not None:
                context["thidua_cached_fragments"] = {self.thidua_fragment: html}
        return context

    def content_is_cached(self, context) -> bool:
        """Whether the page's content comes from the package's cache in this response: its
        ``get_context`` then computes nothing for it (the template's ``{% thidua_pagecache %}``
        shows the cached content)."""
        return self.thidua_fragment in context.get("thidua_cached_fragments", ())

    def get_cache_key_components(self):
        # {% wagtailpagecache %} keys on these. The local date makes a fragment cached yesterday
        # miss today; the content version (with THIDUA_CACHE set) makes it miss once anything the
        # page shows has changed: a movement, a sub-unit's plan, a unit's name, a linking article.
        return [*super().get_cache_key_components(), local_today().isoformat(), services.content_version()]

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Whatever caching the host configured, the page expires at local midnight.
        return cap_cache_lifetime(
            response, timeline.seconds_until_local_midnight(thidua_settings.TIME_ZONE, timezone.now())
        )


class ThiduaRoutablePageMixin(RoutablePageMixin):
    """Wagtail's routable page, whose every route (the page itself, the roll's downloads and decisions, a section's
    feeds and calendars) ends its cache lifetime at local midnight, as the package's pages do: Wagtail serves a
    route's view directly, not through :meth:`ThiduaPageMixin.serve`. Put it first among a page type's mixins."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return cap_cache_lifetime(
            response, timeline.seconds_until_local_midnight(thidua_settings.TIME_ZONE, timezone.now())
        )


class TraditionDayMixin(models.Model):
    """The sector's Tradition Day: the commemoration whose anniversaries reviews are held with, unless a
    review names another day."""

    tradition_day = models.ForeignKey(
        "thidua_wagtail.Commemoration",
        verbose_name=_("Tradition Day"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The day the sector celebrates, e.g. “Ngày Truyền thống ngành Tư pháp” (28/8/1945). Reviews held with "
            "an anniversary count it from this day unless they name another one."
        ),
    )

    class Meta:
        abstract = True
