"""The public decisions: which decisions a visitor may see, and what they count.

Only awarded decisions are public: a proposal to a higher authority is not, until that authority decides. A decision
is listed once, as its original (the translation that holds its honours), and shown in the reader's language where
it is translated.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery, Sum

from .locales import default_content_language
from .models import Decision, DecisionHonourCount, DecisionStatus

__all__ = ["honour_counts", "public_decisions"]


def public_decisions():
    """The awarded decisions, one per translation key (the original, which holds the honours), newest first."""
    default = default_content_language()
    in_default = Decision.objects.filter(translation_key=OuterRef("translation_key"), locale__language_code=default)
    return (
        Decision.objects.filter(status=DecisionStatus.AWARDED)
        .filter(Q(locale__language_code=default) | ~Exists(in_default))
        .order_by("-date", "-pk")
    )


def honour_counts(decisions):
    """``decisions`` with ``honour_count``: their awarded honours, from the counts the package keeps (no scan)."""
    counts = (
        DecisionHonourCount.objects.filter(decision_id=OuterRef("pk"), status=DecisionStatus.AWARDED)
        .order_by()
        .values("decision_id")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return decisions.annotate(honour_count=Subquery(counts))
