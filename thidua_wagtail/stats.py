"""Honour totals, computed by the database: one grouped query for the records, whatever their number.

Scope: an honour is *within the agency's own authority* when the decision was
signed at the level ``THIDUA_OWN_AUTHORITY`` (a Sở: ``"department"``) and
awarded; it is *proposed to a higher authority* when the decision is at a higher
level, whether still proposed or awarded; it is *awarded by lower levels* when the
decision, awarded, is at a level below the agency's own (a province's portal that
records its districts' Giấy khen).

For the years an :class:`~thidua_wagtail.models.HonourTally` covers, the tally
wins over the records of the same scope: it is the figure the agency reported,
and records of a past period are seldom complete. A longer period adds the
tally's figures to the records of its other years.

A period's breakdown says what its figures are made of: the tally's breakdown rows for
the years it covers, and the records of the other years counted per award, level,
recipient and type of commendation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear

from .compiled import CompiledQuery
from .conf import thidua_settings
from .locales import translation_language
from .models import (
    Authority,
    AwardGroup,
    AwardType,
    CommendationType,
    DecisionStatus,
    HonourCount,
    HonourTally,
    RecipientKind,
    Scope,
)
from .models.choices import REVOKED
from .models.tallies import scope_of_authority

__all__ = [
    "BreakdownRow",
    "Counts",
    "PeriodTotals",
    "authority_rank",
    "higher_authorities",
    "period_totals",
    "totals_by_authority",
    "totals_for_periods",
]

_ORDER = [value for value, _label in Authority.choices]
SCOPES = (Scope.OWN, Scope.HIGHER, Scope.LOWER)
_PLURAL = {
    RecipientKind.COLLECTIVE: "collectives",
    RecipientKind.INDIVIDUAL: "individuals",
    RecipientKind.HOUSEHOLD: "households",
}


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

    def add(self, kind: str, number: int):
        attribute = _PLURAL.get(kind)
        if attribute:
            setattr(self, attribute, getattr(self, attribute) + number)


@dataclass
class BreakdownRow:
    """So many honours of one award (or kind of award), at one level, to one kind of recipient."""

    award: str
    authority: str
    recipient_kind: str
    commendation_type: str
    count: int
    note: str = ""
    #: True for honours proposed to a higher level and not yet decided.
    proposed: bool = False
    #: "records" or "tally".
    source: str = "records"
    rank: int = 10_000

    @property
    def authority_label(self) -> str:
        return str(Authority(self.authority).label) if self.authority else ""

    @property
    def recipient_label(self) -> str:
        return str(RecipientKind(self.recipient_kind).label) if self.recipient_kind else ""

    @property
    def commendation_type_label(self) -> str:
        return str(CommendationType(self.commendation_type).label) if self.commendation_type else ""


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
    #: What the figures are made of, per scope (filled when asked for).
    breakdown: dict[str, list[BreakdownRow]] = field(default_factory=dict)
    #: The notes of the tallies the period includes.
    notes: list[str] = field(default_factory=list)
    #: True when a tally the period includes is illustrative content (a demonstration, a training).
    is_sample: bool = False

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

    @property
    def lower(self) -> Counts:
        return self.scopes.get(Scope.LOWER, Counts())

    @property
    def breakdown_rows(self) -> list[tuple[str, BreakdownRow]]:
        """[(scope label, row)] of every scope, own first."""
        labels = dict(Scope.choices)
        return [(labels[scope], row) for scope in SCOPES for row in self.breakdown.get(scope, [])]


def period_label(start_year, end_year) -> str:
    """ "2021–2025", or "2026" for a period of one year."""
    return str(start_year) if start_year == end_year else f"{start_year}–{end_year}"


def _record_scope(authority, status, own):
    """The scope of a recorded honour, or None (a proposal at the agency's own level or below counts nowhere, and
    an honour a later decision revoked counts nowhere)."""
    if authority not in _ORDER or status == REVOKED:
        return None
    scope = scope_of_authority(authority, own)
    if scope != Scope.HIGHER and status != DecisionStatus.AWARDED:
        return None
    return scope


def _grouped_records(first, last, honours, breakdown):
    """The records of the years ``first``–``last``, grouped: read from the counts the package keeps exact on
    every write (:mod:`thidua_wagtail.models.counts`: a few hundred rows, whatever the register), or, for a
    queryset ``honours`` of the caller's, grouped from those honours by the database."""
    if honours is None:
        rows = KEPT_COUNTS.list(breakdown, translation_language() if breakdown else None, first=first, last=last)
        for row in rows:
            row["decision_authority"], row["decision_status"] = row.pop("authority"), row.pop("status")
            if breakdown:
                row["decision_commendation_type"] = row.pop("commendation_type")
            yield row
        return
    grouping = ["year", "decision_authority", "decision_status", "recipient_kind"]
    if breakdown:
        grouping += ["award_id", "decision_commendation_type"]
    yield from (
        honours.filter(decision_date__gte=datetime.date(first, 1, 1), decision_date__lte=datetime.date(last, 12, 31))
        .annotate(year=ExtractYear("decision_date"))
        .values(*grouping, **(_award_columns() if breakdown else {}))
        .annotate(n=Count("pk"))
        .order_by()
    )


def _kept_counts(breakdown, _language, *, first, last):
    grouping = ["year", "authority", "status", "recipient_kind"]
    if breakdown:
        grouping += ["award_id", "commendation_type"]
    return (
        HonourCount.objects.filter(year__gte=first, year__lte=last, count__gt=0)
        .values(*grouping, **(_award_columns() if breakdown else {}))
        .annotate(n=Sum("count"))
        .order_by()
    )


#: The kept counts of the years ``first``–``last``, grouped (with ``breakdown``, by award too, each award named in
#: the language given, the reader's).
KEPT_COUNTS = CompiledQuery(_kept_counts)


def _tallies(*, first, last):
    return HonourTally.objects.filter(start_year__gte=first, end_year__lte=last)


#: The reported tallies inside the years ``first``–``last``.
TALLIES = CompiledQuery(_tallies)


def _tally_rows(_language, *, tally_ids):
    from .models import TallyRow

    return TallyRow.objects.filter(tally_id__in=tally_ids).annotate(**_award_columns()).order_by("sort_order", "pk")


#: The rows of the tallies ``tally_ids``, each award named in the language given, the reader's.
TALLY_ROWS = CompiledQuery(_tally_rows)


def _award_columns():
    """The award's name in the reader's language (where translated) and its rank, read with the rows that name
    it rather than in a query of their own."""
    from .locales import translated_value

    return {
        "award_label": translated_value(AwardType, "award__translation_key", "name", F("award__name")),
        "award_rank": F("award__order"),
    }


def totals_for_periods(
    periods, honours=None, own: str | None = None, breakdown=False, tallies=None
) -> list[PeriodTotals]:
    """Totals for each inclusive (start year, end year) period: one query of the kept counts and one tally query
    in all; with ``breakdown``, two more (the tallies' rows, and the awards' names in the reader's language).

    ``honours``, a queryset, counts those honours instead, grouping them in the database (a query over all of
    them: for reports, not for pages). ``tallies``, the reported tallies already read by the caller (all of them,
    or at least those inside the periods), saves reading them again."""
    own = own or thidua_settings.OWN_AUTHORITY
    periods = list(periods)
    if not periods:
        return []
    first, last = min(p[0] for p in periods), max(p[1] for p in periods)
    # {year: [(scope, row)]}, each row with its year, level, status, kind of recipient (and award and type) and n.
    yearly = {}
    for row in _grouped_records(first, last, honours, breakdown):
        scope = _record_scope(row["decision_authority"], row["decision_status"], own)
        if scope is not None:
            yearly.setdefault(row["year"], []).append((scope, row))
    if tallies is None:
        tallies = TALLIES.list(first=first, last=last)
    tallies = [t for t in tallies if first <= t.start_year and t.end_year <= last]
    rows_of = {}
    if breakdown and tallies:
        for tally_row in TALLY_ROWS.list(translation_language(), tally_ids=sorted(t.pk for t in tallies)):
            rows_of.setdefault(tally_row.tally_id, []).append(tally_row)
    awards = _award_names(yearly, rows_of) if breakdown else {}
    results = []
    for start_year, end_year in periods:
        result = PeriodTotals(start_year, end_year)
        years = set(range(start_year, end_year + 1))
        for scope in SCOPES:
            # Tallies inside the period count for their years; records count for the other years.
            inside = [t for t in tallies if t.scope == scope and start_year <= t.start_year and t.end_year <= end_year]
            covered = {year for t in inside for year in range(t.start_year, t.end_year + 1)}
            counts = Counts(
                sum(t.collectives for t in inside),
                sum(t.individuals for t in inside),
                sum(t.households for t in inside),
            )
            records = {}
            for year in sorted(years - covered):
                for row_scope, row in yearly.get(year, ()):
                    if row_scope != scope:
                        continue
                    counts.add(row["recipient_kind"], row["n"])
                    if breakdown:
                        key = (
                            row["award_id"],
                            row["decision_authority"],
                            row["recipient_kind"],
                            row["decision_commendation_type"],
                            row["decision_status"] != DecisionStatus.AWARDED,
                        )
                        records[key] = records.get(key, 0) + row["n"]
            # Lower levels appear only where the portal records them: most portals never do.
            if scope != Scope.LOWER or counts.total or inside:
                result.scopes[scope] = counts
                result.sources[scope] = "tally" if covered == years else "mixed" if covered else "records"
            if inside:
                result.authorities[scope] = "; ".join(t.authorities for t in inside if t.authorities)
                result.notes += [t.note for t in inside if t.note]
                result.is_sample = result.is_sample or any(t.is_sample for t in inside)
            if breakdown:
                result.breakdown[scope] = _breakdown(inside, rows_of, records, awards)
        results.append(result)
    return results


def _award_names(yearly, rows_of):
    """{award pk: (name in the reader's language, rank)} for the awards the records and tally rows name, as their
    rows read them (:func:`_award_columns`)."""
    names = {
        row["award_id"]: (row["award_label"], row["award_rank"])
        for rows in yearly.values()
        for _scope, row in rows
        if row["award_id"] is not None
    }
    for rows in rows_of.values():
        for tally_row in rows:
            if tally_row.award_id:
                names[tally_row.award_id] = (tally_row.award_label, tally_row.award_rank)
    return names


def _breakdown(inside, rows_of, records, awards):
    groups = dict(AwardGroup.choices)
    rows = []
    for tally in inside:
        for tally_row in rows_of.get(tally.pk, ()):
            name, rank = awards.get(tally_row.award_id, (str(groups.get(tally_row.award_group, "")), 10_000))
            rows.append(
                BreakdownRow(
                    name,
                    tally_row.authority,
                    tally_row.recipient_kind,
                    tally_row.commendation_type,
                    tally_row.count,
                    note=tally_row.note,
                    source="tally",
                    rank=rank,
                )
            )
    for (award_id, authority, kind, commendation_type, proposed), count in records.items():
        name, rank = awards.get(award_id, ("", 10_000))
        rows.append(BreakdownRow(name, authority, kind, commendation_type, count, proposed=proposed, rank=rank))
    # Higher awards and levels first, as reports list them; a tally's rows keep their order among equals.
    return sorted(
        rows, key=lambda row: (row.source != "tally", row.rank, authority_rank(row.authority) if row.authority else 99)
    )


def period_totals(
    start_year: int, end_year: int, honours=None, own: str | None = None, breakdown=False
) -> PeriodTotals:
    """Totals for the inclusive years ``start_year``–``end_year`` (see :func:`totals_for_periods`)."""
    return totals_for_periods([(start_year, end_year)], honours=honours, own=own, breakdown=breakdown)[0]


def totals_by_authority(start_year: int, end_year: int, honours=None) -> dict[str, Counts]:
    """Records of the period counted per awarding authority (from the kept counts, or from ``honours``)."""
    result = {}
    for row in _grouped_records(start_year, end_year, honours, breakdown=False):
        if row["decision_status"] == REVOKED:
            continue
        result.setdefault(row["decision_authority"], Counts()).add(row["recipient_kind"], row["n"])
    return dict(sorted(result.items(), key=lambda item: authority_rank(item[0])))
