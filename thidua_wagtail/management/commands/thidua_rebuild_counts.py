"""``manage.py thidua_rebuild_counts``: recompute the honour counts the totals read, from the honours on record."""

from django.core.management.base import BaseCommand

from ...models import HonourCount
from ...models.counts import rebuild_counts


class Command(BaseCommand):
    help = (
        "Recompute the honour counts that the totals and the roll read, from the honours on record. The package keeps "
        "them exact on every write; run this after honours were written another way (SQL, a script's bulk_create)."
    )

    def handle(self, *args, **options):
        rebuild_counts()
        total = sum(HonourCount.objects.values_list("count", flat=True))
        self.stdout.write(self.style.SUCCESS(f"Honour counts rebuilt: {total} honours counted."))
