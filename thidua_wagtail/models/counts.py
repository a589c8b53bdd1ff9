"""Honour counts the package keeps exact on every write, so that totals never scan the register.

A city's five years hold 24,000 honours and a province's many more; a page that shows totals must not group them
on every request. Two tables hold the counts per year, awarding level, status, kind of recipient, award and type
of commendation:

* ``DecisionHonourCount``: what each decision contributes;
* ``HonourCount``: the sum over all decisions, which the totals read (a few hundred rows, whatever the register).

Every write that changes a decision's honours calls :func:`refresh_counts` for that decision: its honours are
grouped (one query over the decision's own rows), its contribution replaced, and the difference added to the
sums. Writes go through ``Honour.save()`` and ``delete()``, ``Decision.save()``, the import, revocations and the
admin's bulk delete; a decision deleted takes its contribution with it (``decision_deleted``).
``thidua_rebuild_counts`` recomputes everything from the honours, should a write have bypassed all of them.
"""

from __future__ import annotations

from collections import Counter

from django.db import models, transaction
from django.db.models import Count, F

__all__ = ["DecisionHonourCount", "HonourCount", "rebuild_counts", "refresh_counts"]

#: The fields a count is kept per, in both tables.
KEY = ("year", "authority", "status", "recipient_kind", "award_id", "commendation_type")


def _fields(key):
    """The key's values by field name."""
    return dict(zip(KEY, key, strict=True))


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
        # The roll's deep pages sum one year's decisions (filters._running_totals).
        indexes = [models.Index(fields=["year", "status"], name="thidua_decision_count_year")]

    def __str__(self):
        return f"{self.decision_id}: {self.count}"


def _grouped(honour_model, decision_ids):
    """{(decision id, key): count} of the honours of ``decision_ids``, grouped by the database."""
    rows = (
        honour_model.objects.filter(decision_id__in=decision_ids)
        .values(
            "decision_id",
            "decision_date",
            "decision_authority",
            "decision_status",
            "recipient_kind",
            "award_id",
            "decision_commendation_type",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped = Counter()
    for row in rows:
        if row["decision_date"] is None:
            continue
        key = (
            row["decision_date"].year,
            row["decision_authority"],
            row["decision_status"],
            row["recipient_kind"],
            row["award_id"],
            row["decision_commendation_type"] or "",
        )
        grouped[(row["decision_id"], key)] += row["n"]
    return grouped


def _apply(sums, delta):
    """Add ``delta`` ({key: difference}) to the sums, creating the rows it needs: an UPDATE per key, atomic in the
    database, so that two processes adding at once both count."""
    changed = {key: difference for key, difference in delta.items() if difference}
    if not changed:
        return
    sums.objects.bulk_create([sums(**_fields(key), count=0) for key in changed], ignore_conflicts=True)
    for key, difference in changed.items():
        sums.objects.filter(**_fields(key)).update(count=F("count") + difference)


def refresh_counts(decision_ids, honour_model=None, per_decision=None, sums=None):
    """Make the counts of the decisions ``decision_ids`` say what their honours are now. The models may be passed
    by a data migration."""
    per_decision = per_decision or DecisionHonourCount
    sums = sums or HonourCount
    Decision = per_decision._meta.get_field("decision").related_model
    honour_model = honour_model or Decision._meta.get_field("honours").related_model
    ids = sorted({pk for pk in decision_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        # Two saves of one decision at once (two editors, two processes) take turns here.
        list(Decision.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        old = Counter()
        for row in per_decision.objects.filter(decision_id__in=ids).values_list("decision_id", *KEY, "count"):
            old[(row[0], tuple(row[1:-1]))] += row[-1]
        new = _grouped(honour_model, ids)
        per_decision.objects.filter(decision_id__in=ids).delete()
        per_decision.objects.bulk_create(
            [per_decision(decision_id=pk, **_fields(key), count=n) for (pk, key), n in new.items()],
            batch_size=1000,
        )
        delta = Counter()
        for (_pk, key), n in new.items():
            delta[key] += n
        for (_pk, key), n in old.items():
            delta[key] -= n
        _apply(sums, delta)
    if sums is HonourCount:
        from .signals import honours_changed

        honours_changed.send(sender=Decision, decision_ids=ids)


def rebuild_counts(honour_model=None, per_decision=None, sums=None):
    """Recompute every count from the honours (``thidua_rebuild_counts``, the migration that made the tables)."""
    per_decision = per_decision or DecisionHonourCount
    sums = sums or HonourCount
    Decision = per_decision._meta.get_field("decision").related_model
    honour_model = honour_model or Decision._meta.get_field("honours").related_model
    with transaction.atomic():
        per_decision.objects.all().delete()
        sums.objects.all().delete()
        decision_ids = list(honour_model.objects.values_list("decision_id", flat=True).distinct().order_by())
        for start in range(0, len(decision_ids), 500):
            chunk = decision_ids[start : start + 500]
            new = _grouped(honour_model, chunk)
            per_decision.objects.bulk_create(
                [per_decision(decision_id=pk, **_fields(key), count=n) for (pk, key), n in new.items()],
                batch_size=1000,
            )
        totals = Counter()
        for row in per_decision.objects.values_list(*KEY, "count"):
            totals[tuple(row[:-1])] += row[-1]
        sums.objects.bulk_create([sums(**_fields(key), count=n) for key, n in totals.items()], batch_size=1000)


def decision_deleted(sender, instance, **kwargs):
    """``pre_delete`` receiver of decisions: their honours go with them, and so does their contribution."""
    old = Counter()
    for row in DecisionHonourCount.objects.filter(decision_id=instance.pk).values_list(*KEY, "count"):
        old[tuple(row[:-1])] -= row[-1]
    _apply(HonourCount, old)
