from django.core.management.base import BaseCommand

from thidua_wagtail.catalogue_loader import load_catalogue, load_commemorations


class Command(BaseCommand):
    help = (
        "Load or refresh the legal catalogue of emulation titles and award forms, and the commemorations "
        "shipped with the package. Safe to run again."
    )

    def handle(self, *args, **options):
        created, updated = load_catalogue()
        self.stdout.write(f"Award catalogue: {created} created, {updated} updated.")
        created, updated = load_commemorations()
        self.stdout.write(f"Commemorations: {created} created, {updated} updated.")
