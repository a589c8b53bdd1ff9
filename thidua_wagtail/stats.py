"""Honour totals, computed by the database: one aggregate query each.

Scope: an honour is *within the agency's own authority* when the decision was
signed at the level ``THIDUA_OWN_AUTHORITY`` (a Sở: ``"department"``) and
awarded; it is *proposed to a higher authority* when the decision is at a higher
level, whether still proposed or awarded.

For the years an :class:`~thidua_wagtail.models.HonourTally` covers, the tally
wins over the records of the same scope: it is the figure the agency reported,
and records of a past period are seldom complete. A longer period adds the
tally's figures to the records of its other years.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from .conf import thidua_settings
from .models import Authority, DecisionStatus, Honour, HonourTally, RecipientKind, Scope

__all__ = [
    "Counts",
    "PeriodTotals",
    "authority_rank",
    "higher_authorities",
    "period_totals",
    "totals_by_authority",
    "totals_for_periods",
]

_ORDER = [value for value, _label in Authority.choices]


def authority_rank(authority: str) -> int:
    """0 for the President, growing towards the commune level."""
    return _ORDER.index(authority)


def higher_authorities(own: str | None = None) -> list[str]:
    own = own or thidua_settings.OWN_AUTHORITY
    return _ORDER[: authority_rank(own)]


@dataclass
class Counts:
    collectives: int = 0
    individuals: int = 0
    households: int = 0

    @property
    def total(self) -> int:
        return self.collectives + self.individuals + self.households


@dataclass
class PeriodTotals:
    """Totals of one period, per scope, with where each figure comes from."""

    start_year: int
    end_year: int
    scopes: dict[str, Counts] = field(default_factory=dict)
    #: "records", "tally" or "mixed" (a tally for some years, records for the others), per scope.
    sources: dict[str, str] = field(default_factory=dict)
    #: The authorities a tally names, per scope (e.g. "UBND Tỉnh, Bộ Tư pháp, Chính phủ").
    authorities: dict[str, str] = field(default_factory=dict)

    @property
    def period_label(self) -> str:
        """ "2021–2025", or "2026" for a single year."""
        return period_label(self.start_year, self.end_year)

    @property
    def own(self) -> Counts:
        return self.scopes.get(Scope.OWN, Counts())

    @property
    def higher(self) -> Counts:
        return self.scopes.get(Scope.HIGHER, Counts())


def period_label(start_year, end_year) -> str:
    """ "2021–2025", or "2026" for a period of one year."""
    return str(start_year) if start_year == end_year else f"{start_year}–{end_year}"


def _scope_q(scope, own):
    if scope == Scope.OWN:
        return Q(decision_authority=own, decision_status=DecisionStatus.AWARDED)
    return Q(decision_authority__in=higher_authorities(own))


def _counts_kwargs(own):
    kwargs = {}
    for scope in (Scope.OWN, Scope.HIGHER):
        for kind in RecipientKind.values:
            kwargs[f"{scope}__{kind}"] = Count("pk", filter=_scope_q(scope, own) & Q(recipient_kind=kind))
    return kwargs


def totals_for_periods(periods, honours=None, own: str | None = None) -> list[PeriodTotals]:
    """Totals for each inclusive (start year, end year) period: one grouped query and one tally query in all."""
    own = own or thidua_settings.OWN_AUTHORITY
    periods = list(periods)
    honours = Honour.objects.all() if honours is None else honours
    if not periods:
        return []
    first, last = min(p[0] for p in periods), max(p[1] for p in periods)
    yearly = {
        row["year"]: row
        for row in honours.filter(
            decision_date__gte=datetime.date(first, 1, 1), decision_date__lte=datetime.date(last, 12, 31)
        )
        .annotate(year=ExtractYear("decision_date"))
        .values("year")
        .annotate(**_counts_kwargs(own))
        .order_by()
    }
    tallies = list(HonourTally.objects.filter(start_year__gte=first, end_year__lte=last))
    plural = {"collective": "collectives", "individual": "individuals", "household": "households"}
    results = []
    for start_year, end_year in periods:
        result = PeriodTotals(start_year, end_year)
        years = set(range(start_year, end_year + 1))
        for scope in (Scope.OWN, Scope.HIGHER):
            # Tallies inside the period count for their years; records count for the other years.
            inside = [t for t in tallies if t.scope == scope and start_year <= t.start_year and t.end_year <= end_year]
            covered = {year for t in inside for year in range(t.start_year, t.end_year + 1)}
            counts = Counts(
                sum(t.collectives for t in inside),
                sum(t.individuals for t in inside),
                sum(t.households for t in inside),
            )
            for kind, attribute in plural.items():
                records = sum((yearly.get(year) or {}).get(f"{scope}__{kind}", 0) for year in years - covered)
                setattr(counts, attribute, getattr(counts, attribute) + records)
            result.scopes[scope] = counts
            result.sources[scope] = "tally" if covered == years else "mixed" if covered else "records"
            if inside:
                result.authorities[scope] = "; ".join(t.authorities for t in inside if t.authorities)
        results.append(result)
    return results


def period_totals(start_year: int, end_year: int, honours=None, own: str | None = None) -> PeriodTotals:
    """Totals for the inclusive years ``start_year``–``end_year``: one aggregate query and one tally query."""
    return totals_for_periods([(start_year, end_year)], honours=honours, own=own)[0]


def totals_by_authority(start_year: int, end_year: int, honours=None) -> dict[str, Counts]:
    """Records of the period counted per awarding authority, in one grouped query."""
    honours = Honour.objects.all() if honours is None else honours
    rows = (
        honours.filter(
            decision_date__gte=datetime.date(start_year, 1, 1), decision_date__lte=datetime.date(end_year, 12, 31)
        )
        .values("decision_authority")
        .annotate(
            collectives=Count("pk", filter=Q(recipient_kind=RecipientKind.COLLECTIVE)),
            individuals=Count("pk", filter=Q(recipient_kind=RecipientKind.INDIVIDUAL)),
            households=Count("pk", filter=Q(recipient_kind=RecipientKind.HOUSEHOLD)),
        )
        .order_by()
    )
    result = {
        row["decision_authority"]: Counts(row["collectives"], row["individuals"], row["households"]) for row in rows
    }
    return dict(sorted(result.items(), key=lambda item: authority_rank(item[0])))
