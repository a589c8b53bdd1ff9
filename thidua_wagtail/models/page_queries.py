"""The lists the package's pages show, each one query compiled once per process (:mod:`thidua_wagtail.compiled`).

Each builder takes the page models it reads as its shape and the page's own facts (its id, path, locale…) as
values, and reads nothing else: the query is built and compiled the first time, then run with each page's values.
The page mixins (:mod:`.mixins`) decide what to show; these say how it is read.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Substr

from ..compiled import CompiledQuery
from .base import page_model, public_pages_q, with_listed_pages
from .recognition import EmulationZoneMember, ExemplaryModel
from .tallies import HonourTally
from .units import Unit, existing_during_q

__all__ = [
    "ALL_TALLIES",
    "ATTACHMENTS",
    "CHILD_ROLL",
    "EXEMPLARY_MODELS",
    "FILING_UNITS",
    "HUB_MOVEMENTS",
    "HUB_PLANS",
    "MOVEMENTS_OF_PLAN",
    "MOVEMENT_EXEMPLARY_MODELS",
    "PHASES",
    "PHASES_UNDER_WAY",
    "PLANS_OF_MOVEMENT",
    "REVIEWS",
    "REVIEWS_OF_MOVEMENT",
    "SUB_PLANS",
    "TRADITION_DAY",
    "UPCOMING_REVIEWS",
    "ZONE_MEMBERS",
    "children_of_any_translation",
]


def _movements_of_plan(plan_model, movement_model, *, plan_id, path, child_depth):
    # The plan's links are read within the movements' own query, which takes their order from them; by translation
    # key, as a translated plan's links still point at the source's movements.
    links = plan_model.movement_links.rel.related_model.objects.filter(plan_id=plan_id)
    order = links.filter(movement__translation_key=OuterRef("translation_key"))
    return (
        movement_model.objects.live()
        .filter(
            Q(translation_key__in=links.values("movement__translation_key"))
            | Q(path__startswith=path, depth=child_depth)
        )
        .filter(public_pages_q())
        .annotate(link_order=Subquery(order.order_by("sort_order").values("sort_order")[:1]))
        .only(*movement_model.listing_fields)
        .order_by("path")
    )


#: Live, public movements a plan adopts or holds, each with its ``link_order``.
MOVEMENTS_OF_PLAN = CompiledQuery(_movements_of_plan)


def children_of_any_translation(page):
    """The values with which :data:`SUB_PLANS` and :data:`HUB_PLANS` find the children of ``page`` and of its
    translations."""
    return {
        "translation_key": page.translation_key,
        "child_depth": page.depth + 1,
        "parent_path_length": page.depth * page.steplen,
    }


def _children_of_any_translation(model, *, translation_key, child_depth, parent_path_length):
    # Filing a sub-unit's plan, or creating a movement under a plan, is a fact: it shows on every translation of the
    # plan, whether or not the child has been translated yet.
    parents = page_model().objects.filter(
        translation_key=translation_key, path=Substr(OuterRef("path"), 1, parent_path_length)
    )
    return model.objects.live().filter(depth=child_depth).filter(Exists(parents)).filter(public_pages_q())


def _sub_plans(plan_model, **values):
    return (
        _children_of_any_translation(plan_model, **values)
        .select_related("issuer")
        .only(*plan_model.listing_fields, "issuer__name", "issuer__translation_key", "issuer__locale")
        .order_by("issuer__name", "title", "pk")
    )


#: Live, public plans filed under a plan or one of its translations, each with its issuer.
SUB_PLANS = CompiledQuery(_sub_plans)


def _filing_units(*, issuer_id, period_start, period_end):
    issuer_keys = Unit.objects.filter(pk=issuer_id).values("translation_key")
    period = existing_during_q(period_start, period_end)
    return Unit.objects.filter(
        Q(translation_key__in=issuer_keys) | (Q(parent__translation_key__in=issuer_keys) & period)
    )


#: The issuer of a plan, in each of its languages, and its sub-units that existed during the plan's period.
FILING_UNITS = CompiledQuery(_filing_units)


def _reviews(review_model, *, plan_id):
    return with_listed_pages(review_model.objects.filter(plan_id=plan_id), "movement").select_related("commemoration")


#: A plan's reviews, each with its movement and commemoration.
REVIEWS = CompiledQuery(_reviews)


def _phases(phase_model, *, plan_id):
    return phase_model.objects.filter(plan_id=plan_id)


#: A plan's phases.
PHASES = CompiledQuery(_phases)


def _attachments(attachment_model, *, plan_id):
    return attachment_model.objects.filter(plan_id=plan_id).select_related("document")


#: A plan's attached documents, each with its document.
ATTACHMENTS = CompiledQuery(_attachments)


def _tradition_day(plan_model, index_model, fields, *, paths):
    # Hubs never sit under plans, so the deepest ancestor with a Tradition Day is the nearest plan if there is one,
    # else the nearest hub.
    found = [
        model.objects.filter(path__in=paths, tradition_day__isnull=False).order_by().values_list("depth", *fields)
        for model in (plan_model, index_model)
    ]
    return found[0].union(found[1], all=True).order_by("-depth")[:1]


#: The depth and the commemoration's ``fields`` of the nearest of ``paths`` (a plan's ancestors) with a
#: Tradition Day: one query over both tables, the commemoration read by a join.
TRADITION_DAY = CompiledQuery(_tradition_day)


def _exemplary_models(*, plan_key, movement_keys):
    return (
        ExemplaryModel.objects.filter(
            Q(plan__translation_key=plan_key) | Q(movement__translation_key__in=movement_keys)
        )
        .select_related("unit")
        .order_by("name", "pk")
    )


#: Exemplary models recognised under a plan or one of its movements (by translation keys).
EXEMPLARY_MODELS = CompiledQuery(_exemplary_models)


def _zone_members(*, issuer_id):
    issuer_keys = Unit.objects.filter(pk=issuer_id).values("translation_key")
    return (
        EmulationZoneMember.objects.filter(
            zone_id__in=EmulationZoneMember.objects.filter(unit__translation_key__in=issuer_keys).values("zone_id")
        )
        .select_related("zone", "unit")
        .order_by("zone__name", "zone_id", "sort_order", "pk")
    )


#: Every member of the zones, clusters and blocs a unit belongs to, each with its zone and unit.
ZONE_MEMBERS = CompiledQuery(_zone_members)


def _hub_plans(plan_model, **values):
    return (
        _children_of_any_translation(plan_model, **values)
        # The Tradition Day the plans' reviews fall back on, read with them.
        .select_related("tradition_day")
        .only(*plan_model.listing_fields)
        .order_by("-issue_date", "title")
    )


#: Live, public plans directly under a hub or one of its translations, newest first.
HUB_PLANS = CompiledQuery(_hub_plans)


def _phases_under_way(phase_model, *, plan_ids, today):
    return phase_model.objects.filter(plan_id__in=plan_ids, start_date__lte=today, end_date__gte=today).order_by(
        "end_date", "sort_order"
    )


#: The phases of ``plan_ids`` running ``today``, soonest end first.
PHASES_UNDER_WAY = CompiledQuery(_phases_under_way)


def _upcoming_reviews(review_model, limit, *, plan_ids, today):
    return (
        with_listed_pages(review_model.objects.filter(plan_id__in=plan_ids, date__gte=today), "movement")
        .select_related("commemoration")
        .order_by("date", "sort_order", "pk")[:limit]
    )


#: The first ``limit`` reviews of ``plan_ids`` from ``today``, soonest first.
UPCOMING_REVIEWS = CompiledQuery(_upcoming_reviews)


def _descendants(model, *, path, depth):
    # Wagtail's descendant_of(), whose filter depends on the page rather than on its values.
    return model.objects.live().filter(path__startswith=path, depth__gt=depth).filter(public_pages_q())


def _hub_movements(movement_model, **values):
    return _descendants(movement_model, **values).only(*movement_model.listing_fields).order_by("path")


#: Live, public movements anywhere under a hub, in the tree's order.
HUB_MOVEMENTS = CompiledQuery(_hub_movements)


def _child_roll(roll_model, *, path, child_depth):
    return (
        roll_model.objects.live()
        .filter(path__startswith=path, depth=child_depth)
        .only(*roll_model.listing_fields)
        .order_by("pk")[:1]
    )


#: The first live honour roll directly under a hub.
CHILD_ROLL = CompiledQuery(_child_roll)


def _all_tallies():
    return HonourTally.objects.all()


#: Every reported tally.
ALL_TALLIES = CompiledQuery(_all_tallies)


def _plans_of_movement(plan_model, *, translation_key, parent_path):
    return (
        plan_model.objects.live()
        # By translation key: a translated plan's links still point at the source's movement.
        .filter(Q(movement_links__movement__translation_key=translation_key) | Q(path=parent_path))
        .filter(public_pages_q())
        .distinct()
        .order_by("-issue_date", "title")
    )


#: Live, public plans that adopt a movement (by its translation key) or hold it as a child page.
PLANS_OF_MOVEMENT = CompiledQuery(_plans_of_movement)


def _reviews_of_movement(review_model, *, plan_ids, translation_key):
    return (
        review_model.objects.filter(plan_id__in=plan_ids, movement__translation_key=translation_key)
        .select_related("movement")
        .order_by("date", "sort_order", "pk")
    )


#: The reviews of a movement (by its translation key) held by the plans ``plan_ids``.
REVIEWS_OF_MOVEMENT = CompiledQuery(_reviews_of_movement)


def _movement_exemplary_models(*, movement_key):
    return (
        ExemplaryModel.objects.filter(movement__translation_key=movement_key)
        .select_related("unit")
        .order_by("name", "pk")
    )


#: Exemplary models recognised under a movement (by its translation key).
MOVEMENT_EXEMPLARY_MODELS = CompiledQuery(_movement_exemplary_models)
