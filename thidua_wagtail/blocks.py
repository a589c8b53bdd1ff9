"""StreamField blocks a host's own pages embed, which read the register (the body blocks of plans and movements,
which the models need, are in :mod:`thidua_wagtail.streamfield`, below the models; they are importable from here too).

The embeddable blocks (plan summary, movement card, phase timeline, honour totals, the honours
of a decision) keep only a link or a period in the host's StreamField and render from live data,
in the language of the page that shows them. Each renders through a template of its own under
``thidua_wagtail/blocks/``, which a host may override.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .compiled import CompiledQuery
from .streamfield import BodyBlock, CaptionedDocumentBlock, QuoteBlock

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2200)]

__all__ = [
    "BodyBlock",
    "CaptionedDocumentBlock",
    "DecisionHonoursBlock",
    "HonourTotalsBlock",
    "MovementCardBlock",
    "PhaseTimelineBlock",
    "PlanSummaryBlock",
    "QuoteBlock",
]


class _CachedRender:
    """A block whose HTML is kept in the package's cache (``THIDUA_CACHE``) until anything the package shows
    changes (the content version, see :mod:`thidua_wagtail.cache`), per value, language, site and local day: the
    host's articles that embed it are its most visited pages, and are never cached by the package otherwise.
    Previews are rendered afresh."""

    def cache_identity(self, value):
        """What of the block's value its HTML depends on."""
        raise NotImplementedError

    def render(self, value, context=None):
        from wagtail.models import Site

        from .cache import cached_value, is_enabled
        from .models.base import local_today

        request = (context or {}).get("request")
        if not is_enabled() or getattr(request, "is_preview", False):
            return super().render(value, context)
        site = Site.find_for_request(request) if request is not None else None
        key = [type(self).__name__, self.cache_identity(value), local_today().isoformat(), site.pk if site else ""]
        return cached_value("block", key, lambda: super(_CachedRender, self).render(value, context))


class _CachedChoice:
    """A chooser whose chosen objects are kept in the package's cache under the content version, which any
    change to them replaces: a host's article fetched its blocks' plans on every view, even with their HTML
    cached, as Wagtail turns the stored ids into objects before anything renders."""

    def read_chosen(self, values):
        """The chosen objects, read from the database."""
        return super().bulk_to_python(values)

    def bulk_to_python(self, values):
        from .cache import cached_value, is_enabled

        if not is_enabled() or not values:
            return self.read_chosen(values)
        ids = hashlib.sha256(",".join(map(str, values)).encode()).hexdigest()[:32]
        return cached_value("chosen", [self.model_class._meta.label_lower, ids], lambda: self.read_chosen(values))


class _PageChooserBlock(_CachedChoice, blocks.PageChooserBlock):
    # Migrations name Wagtail's block: the cache changes nothing stored, so hosts need no new migration.
    canonical_module_path = "wagtail.blocks.PageChooserBlock"

    def read_chosen(self, values):
        """The chosen pages, as Wagtail reads them, each with the page a visitor sees in its place in the current
        language (:func:`_shown`), read in the same query: Wagtail reads the chosen pages of a host's article on
        every view, before anything renders, and each block would then read its page a second time."""
        import copy

        ids = [value for value in values if value is not None]
        if not ids:
            return super().read_chosen(values)
        language = _shown_language()
        found = _read_with_shown(self.model_class, ids, language)
        result, seen = [], set()
        for value in values:
            page, shown = found.get(value, (None, None))
            if page is not None:
                page = copy.copy(page) if value in seen else page
                page.thidua_shown = (language, shown)
            result.append(page)
            seen.add(value)
        return result


class _SnippetChooserBlock(_CachedChoice, SnippetChooserBlock):
    canonical_module_path = "wagtail.snippets.blocks.SnippetChooserBlock"


def _shown_language():
    """The language whose translation of a chosen page a block shows, or None (a site without translations)."""
    from django.conf import settings

    from .locales import content_language

    return content_language() if getattr(settings, "WAGTAIL_I18N_ENABLED", False) else None


def _chosen_pages(model, with_translations, *, ids, language=None):
    from django.db.models import Q

    from .models.base import public_pages_q

    wanted = Q(pk__in=ids)
    if with_translations:
        keys = model.objects.filter(pk__in=ids).values("translation_key")
        wanted |= Q(translation_key__in=keys, locale__language_code=language)
    return model.objects.filter(wanted).annotate(thidua_public=public_pages_q()).select_related("locale")


#: The pages ``ids`` of ``model`` and, ``with_translations``, their translations into ``language``.
CHOSEN_PAGES = CompiledQuery(_chosen_pages)


def _read_with_shown(model, ids, language):
    """{pk: (page, shown)} for the pages ``ids`` of ``model``, whatever their state: ``shown`` is the page a visitor
    sees in its place, its translation into ``language`` where that is live and public, else the page itself if
    live and public, else None (a block must not show what the page itself would hide behind its view restriction).

    One query for all of them, where Wagtail's ``page.localized`` and two visibility checks took five each: the
    host's articles that embed these blocks are its most visited pages."""
    if language:
        found = CHOSEN_PAGES.list(model, True, ids=sorted(set(ids)), language=language)
    else:
        found = CHOSEN_PAGES.list(model, False, ids=sorted(set(ids)))
    translated = {
        page.translation_key: page
        for page in found
        if language and page.locale.language_code == language and page.live and page.thidua_public
    }
    result = {}
    for page in found:
        if page.pk in ids:
            own = page if page.live and page.thidua_public else None
            result[page.pk] = (page, translated.get(page.translation_key, own))
    return result


def _shown(page):
    """``page`` as a visitor of the host's page may see it (:func:`_read_with_shown`): as read with the chosen page
    (:meth:`_PageChooserBlock.read_chosen`) in the current language, else in a query of its own."""
    if page is None:
        return None
    language = _shown_language()
    known = getattr(page, "thidua_shown", None)
    if known is not None and known[0] == language:
        return known[1]
    return _read_with_shown(type(page.specific), [page.pk], language).get(page.pk, (None, None))[1]


class _PageBlock(_CachedRender, blocks.StructBlock):
    """A block that embeds one page of a given type, chosen by the editor.

    ``page_type`` may name a host's own page model built from the package's mixins.
    """

    field_name = "page"
    default_page_type = None
    chooser_label = None

    def __init__(self, page_type=None, **kwargs):
        chooser = _PageChooserBlock(page_type=page_type or self.default_page_type, label=self.chooser_label)
        super().__init__([(self.field_name, chooser)], **kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context[self.field_name] = _shown(value.get(self.field_name))
        return context

    def cache_identity(self, value):
        page = value.get(self.field_name)
        return page.pk if page is not None else ""


class PlanSummaryBlock(_PageBlock):
    """A plan in brief: number, date, issuer, period, summary, and whether it is in force today."""

    field_name = "plan"
    default_page_type = "thidua_wagtail.PlanPage"
    chooser_label = _("plan")

    class Meta:
        icon = "doc-full-inverse"
        label = _("Plan summary")
        template = "thidua_wagtail/blocks/plan_summary_block.html"

    def get_context(self, value, parent_context=None):
        from .models.base import local_today

        context = super().get_context(value, parent_context=parent_context)
        plan = context["plan"]
        if plan is not None:
            today = local_today()
            context.update(today=today, is_current=plan.is_current(today))
        return context


class MovementCardBlock(_PageBlock):
    """A movement's card: its name (the slogan), kind and period, linking to its page."""

    field_name = "movement"
    default_page_type = "thidua_wagtail.MovementPage"
    chooser_label = _("movement")

    class Meta:
        icon = "pick"
        label = _("Movement card")
        template = "thidua_wagtail/blocks/movement_card_block.html"


class PhaseTimelineBlock(_PageBlock):
    """The phases of a plan on a timeline, today marked, each with its status and review."""

    field_name = "plan"
    default_page_type = "thidua_wagtail.PlanPage"
    chooser_label = _("plan")

    class Meta:
        icon = "time"
        label = _("Phase timeline")
        template = "thidua_wagtail/blocks/phase_timeline_block.html"

    def get_context(self, value, parent_context=None):
        from .models.base import local_today

        context = super().get_context(value, parent_context=parent_context)
        plan = context["plan"]
        if plan is not None:
            today = local_today()
            reviews = plan.get_reviews(today)
            context.update(today=today, phases=plan.get_phases(today, reviews))
        return context


class HonourTotalsBlock(_CachedRender, blocks.StructBlock):
    """Collectives and individuals commended in a period, within the agency's authority and above."""

    start_year = blocks.IntegerBlock(label=_("first year"), validators=YEAR_VALIDATORS)
    end_year = blocks.IntegerBlock(label=_("last year"), validators=YEAR_VALIDATORS)

    class Meta:
        icon = "table"
        label = _("Honour totals")
        template = "thidua_wagtail/blocks/honour_totals_block.html"

    def cache_identity(self, value):
        return f"{value.get('start_year')}-{value.get('end_year')}"

    def clean(self, value):
        value = super().clean(value)
        if value["end_year"] < value["start_year"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end_year": ErrorList([ValidationError(_("The last year cannot be earlier than the first year."))])
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        from .stats import period_totals

        context = super().get_context(value, parent_context=parent_context)
        context["honour_totals"] = [period_totals(value["start_year"], value["end_year"], breakdown=True)]
        return context


class DecisionHonoursBlock(_CachedRender, blocks.StructBlock):
    """The honours a decision gives, public fields only, with a link to the full roll."""

    decision = _SnippetChooserBlock("thidua_wagtail.Decision", label=_("decision"))

    class Meta:
        icon = "list-ul"
        label = _("Honours of a decision")
        template = "thidua_wagtail/blocks/decision_honours_block.html"

    def cache_identity(self, value):
        decision = value.get("decision")
        return decision.pk if decision is not None else ""

    def get_context(self, value, parent_context=None):
        from .filters import roll_queryset
        from .models import Honour
        from .models.honours import DecisionStatus

        context = super().get_context(value, parent_context=parent_context)
        decision = value.get("decision")
        if decision is not None and decision.status != DecisionStatus.AWARDED:
            decision = None  # a proposal is not public until the higher authority decides
        honours, earlier, later = [], None, []
        if decision is not None:
            from .models.amendments import amendment_links

            decision = _decision_in_current_language(decision)
            earlier, later = amendment_links(decision, decision.locale_id)
            # Honours stay with the decision's original, whichever translation was chosen.
            honours = roll_queryset(
                Honour.objects.filter(
                    decision__translation_key=decision.translation_key, decision_status=DecisionStatus.AWARDED
                )
            )
        context.update(
            decision=decision,
            honours=honours,
            amends=earlier,
            revoked_by=[d for d in later if d.amendment == "revokes"],
            corrected_by=[d for d in later if d.amendment == "corrects"],
        )
        return context


def _decision_in_current_language(decision):
    from .locales import content_language

    language = content_language()
    if language and decision.locale.language_code != language:
        translated = (
            type(decision)
            .objects.filter(translation_key=decision.translation_key, locale__language_code=language)
            .first()
        )
        return translated or decision
    return decision
