"""``manage.py thidua_rebuild_counts``: bring the honours' copies of their decisions' facts back in step, then
recompute the honour counts the totals and the roll read, from the honours on record."""

from django.core.management.base import BaseCommand

from ...models import HonourCount
from ...models.counts import rebuild_counts
from ...models.honours import copy_decisions_to_honours


class Command(BaseCommand):
    help = (
        "Bring each honour's copies of its decision's date, level, type and status back in step, then recompute the "
        "honour counts that the totals and the roll read, from the honours on record. The package keeps both exact on "
        "every write; run this after honours or decisions were written another way (SQL, a script's bulk_create)."
    )

    def handle(self, *args, **options):
        changed = copy_decisions_to_honours()
        if changed:
            self.stdout.write(f"Decisions' facts copied again onto {changed} honour(s) that were out of step.")
        rebuild_counts()
        total = sum(HonourCount.objects.values_list("count", flat=True))
        self.stdout.write(self.style.SUCCESS(f"Honour counts rebuilt: {total} honours counted."))
