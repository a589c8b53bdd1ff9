"""Honour counts the package keeps exact on every write, so that totals never scan the register.

A city's five years hold 24,000 honours and a province's many more; a page that shows totals must not group them
on every request. Two sets of counts are kept, each in two tables:

* per year, awarding level, status, kind of recipient, award and type of commendation, which the totals and most
  of the roll's filters read: ``DecisionHonourCount`` (what each decision contributes) and ``HonourCount`` (the
  sum over all decisions, a few hundred rows whatever the register);
* per unit, year and status, which the roll filtered by a unit reads: ``DecisionUnitCount`` and
  ``UnitHonourCount`` (a row per unit and year).

Every write that changes a decision's honours calls :func:`refresh_counts` for that decision: its honours are
grouped (one query over the decision's own rows), its contribution replaced, and the difference added to the
sums. Writes go through ``Honour.save()`` and ``delete()``, ``Decision.save()``, the import, revocations and the
admin's bulk delete; a decision deleted takes its contribution with it (``decision_deleted``).
``thidua_rebuild_counts`` recomputes everything from the honours, should a write have bypassed all of them.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from django.apps import apps as django_apps
from django.db import models, transaction
from django.db.models import Count, F

__all__ = [
    "COUNT_MODELS",
    "DecisionHonourCount",
    "DecisionUnitCount",
    "HonourCount",
    "UnitHonourCount",
    "count_tables",
    "rebuild_counts",
    "refresh_counts",
]

#: The fields a count is kept per, in both tables of the first set.
KEY = ("year", "authority", "status", "recipient_kind", "award_id", "commendation_type")
#: The fields a count is kept per, in both tables of the units' set.
UNIT_KEY = ("year", "status", "unit_id")

#: The honour's column that gives each field of a key (the year is its decision date's).
_SOURCE = {
    "authority": "decision_authority",
    "status": "decision_status",
    "recipient_kind": "recipient_kind",
    "award_id": "award_id",
    "commendation_type": "decision_commendation_type",
    "unit_id": "unit_id",
}


class _CountFields(models.Model):
    year = models.PositiveSmallIntegerField()
    authority = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    recipient_kind = models.CharField(max_length=12)
    award = models.ForeignKey("thidua_wagtail.AwardType", on_delete=models.CASCADE, related_name="+")
    commendation_type = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class HonourCount(_CountFields):
    """How many honours the register holds for one year, level, status, kind of recipient, award and type."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(KEY), name="thidua_honour_count_key")]
        indexes = [models.Index(fields=["year"], name="thidua_honour_count_year")]

    def __str__(self):
        return f"{self.year} {self.authority} {self.status} {self.recipient_kind} {self.award_id}: {self.count}"


class DecisionHonourCount(_CountFields):
    """What one decision contributes to :class:`HonourCount`."""

    decision = models.ForeignKey("thidua_wagtail.Decision", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", *KEY], name="thidua_decision_honour_count_key"),
        ]
        # The roll's deep pages sum one year's decisions (filters._seek).
        indexes = [models.Index(fields=["year", "status"], name="thidua_decision_count_year")]

    def __str__(self):
        return f"{self.decision_id}: {self.count}"


class _UnitCountFields(models.Model):
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10)
    # A unit is protected while honours name it; its counts go with it once they no longer do.
    unit = models.ForeignKey("thidua_wagtail.Unit", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class UnitHonourCount(_UnitCountFields):
    """How many honours of one status the register holds for one unit and year: the roll filtered by a unit (and
    years) is counted from them."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "status"], name="thidua_unit_honour_count_key")]

    def __str__(self):
        return f"{self.unit_id} {self.year} {self.status}: {self.count}"


class DecisionUnitCount(_UnitCountFields):
    """What one decision contributes to :class:`UnitHonourCount`."""

    decision = models.ForeignKey("thidua_wagtail.Decision", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "unit", "year", "status"], name="thidua_decision_unit_count_key"
            ),
        ]

    def __str__(self):
        return f"{self.decision_id} {self.unit_id}: {self.count}"


#: The tables of kept counts: derived from the honours, they change only with them. :func:`refresh_counts` tells the
#: cache and the purge once per refresh (``honours_changed``), so that their rows, written and deleted by the hundred,
#: send no signal of their own (``changes.affects_public_content``).
COUNT_MODELS = (HonourCount, DecisionHonourCount, UnitHonourCount, DecisionUnitCount)


class CountTable(NamedTuple):
    """One set of kept counts: the table of each decision's contribution, the table of their sums, and the fields
    both are kept per."""

    per_decision: type[models.Model]
    sums: type[models.Model]
    key: tuple[str, ...]

    def fields(self, key):
        """The key's values by field name."""
        return dict(zip(self.key, key, strict=True))


def count_tables(apps=None, names=("HonourCount", "UnitHonourCount")):
    """The sets of counts kept (``names``: the sums' models), from ``apps`` (a migration's state) or the package's
    own models."""
    per_decision = {"HonourCount": "DecisionHonourCount", "UnitHonourCount": "DecisionUnitCount"}
    keys = {"HonourCount": KEY, "UnitHonourCount": UNIT_KEY}
    apps = apps or django_apps
    return [
        CountTable(
            apps.get_model("thidua_wagtail", per_decision[name]), apps.get_model("thidua_wagtail", name), keys[name]
        )
        for name in names
    ]


def _grouped(honour_model, decision_ids, tables):
    """[{(decision id, key): count}], one per table of ``tables``, of the honours of ``decision_ids``, grouped by
    the database in one query. An honour without a unit is not in the units' counts."""
    columns = sorted({_SOURCE[field] for table in tables for field in table.key if field != "year"})
    rows = (
        honour_model.objects.filter(decision_id__in=decision_ids)
        .values_list("decision_id", "decision_date", *columns)
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped = [Counter() for _table in tables]
    for decision_id, day, *values, n in rows:
        if day is None:
            continue
        row = dict(zip(columns, values, strict=True))
        row["decision_commendation_type"] = row.get("decision_commendation_type") or ""
        for table, counts in zip(tables, grouped, strict=True):
            key = tuple(day.year if field == "year" else row[_SOURCE[field]] for field in table.key)
            if "unit_id" in table.key and row["unit_id"] is None:
                continue
            counts[(decision_id, key)] += n
    return grouped


def _apply(table, delta):
    """Add ``delta`` ({key: difference}) to the table's sums, creating the rows it needs: an UPDATE per key, atomic
    in the database, so that two processes adding at once both count."""
    # In the keys' order: two refreshes of different decisions that share rows (an import beside an editor's save)
    # then lock them in the same order, and never wait on each other in a circle.
    changed = {key: difference for key, difference in sorted(delta.items()) if difference}
    if not changed:
        return
    sums = table.sums
    sums.objects.bulk_create([sums(**table.fields(key), count=0) for key in changed], ignore_conflicts=True)
    for key, difference in changed.items():
        sums.objects.filter(**table.fields(key)).update(count=F("count") + difference)


def refresh_counts(decision_ids):
    """Make the kept counts of the decisions ``decision_ids`` say what their honours are now."""
    tables = count_tables()
    Decision = tables[0].per_decision._meta.get_field("decision").related_model
    honour_model = Decision._meta.get_field("honours").related_model
    ids = sorted({pk for pk in decision_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        # Two saves of one decision at once (two editors, two processes) take turns here.
        list(Decision.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        for table, new in zip(tables, _grouped(honour_model, ids, tables), strict=True):
            per_decision = table.per_decision
            old = Counter()
            for row in per_decision.objects.filter(decision_id__in=ids).values_list("decision_id", *table.key, "count"):
                old[(row[0], tuple(row[1:-1]))] += row[-1]
            per_decision.objects.filter(decision_id__in=ids).delete()
            per_decision.objects.bulk_create(
                [per_decision(decision_id=pk, **table.fields(key), count=n) for (pk, key), n in new.items()],
                batch_size=1000,
            )
            delta = Counter()
            for (_pk, key), n in new.items():
                delta[key] += n
            for (_pk, key), n in old.items():
                delta[key] -= n
            _apply(table, delta)
    from .signals import honours_changed

    honours_changed.send(sender=Decision, decision_ids=ids)


def rebuild_counts(apps=None, names=("HonourCount", "UnitHonourCount")):
    """Recompute the counts ``names`` (default: every set) from the honours (``thidua_rebuild_counts``, and the
    migrations that made the tables, with their ``apps``)."""
    tables = count_tables(apps, names)
    honour_model = (apps or django_apps).get_model("thidua_wagtail", "Honour")
    Decision = honour_model._meta.get_field("decision").related_model
    with transaction.atomic():
        for table in tables:
            table.per_decision.objects.all().delete()
            table.sums.objects.all().delete()
        decision_ids = list(honour_model.objects.values_list("decision_id", flat=True).distinct().order_by())
        for start in range(0, len(decision_ids), 500):
            chunk = decision_ids[start : start + 500]
            for table, new in zip(tables, _grouped(honour_model, chunk, tables), strict=True):
                table.per_decision.objects.bulk_create(
                    [table.per_decision(decision_id=pk, **table.fields(key), count=n) for (pk, key), n in new.items()],
                    batch_size=1000,
                )
        for table in tables:
            totals = Counter()
            for row in table.per_decision.objects.values_list(*table.key, "count"):
                totals[tuple(row[:-1])] += row[-1]
            table.sums.objects.bulk_create(
                [table.sums(**table.fields(key), count=n) for key, n in totals.items()], batch_size=1000
            )
    if apps is None:
        # Every decision's counts may have changed: the pages kept in the cache and the CDN read them.
        from .signals import honours_changed

        honours_changed.send(sender=Decision, decision_ids=decision_ids)


def decision_deleted(sender, instance, **kwargs):
    """``pre_delete`` receiver of decisions: their honours go with them, and so does their contribution."""
    # Inside the deletion's transaction: a refresh of the same decision (an import still running) finishes first,
    # and its contribution is the one taken away.
    list(type(instance).objects.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True))
    for table in count_tables():
        old = Counter()
        for row in table.per_decision.objects.filter(decision_id=instance.pk).values_list(*table.key, "count"):
            old[tuple(row[:-1])] -= row[-1]
        _apply(table, old)
