from django.core.management.base import BaseCommand

from news.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo content (the Đồng Tháp article and plan 599/KH-STP). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-english",
            action="store_true",
            help="Load the Vietnamese content only, without its English translation.",
        )

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout, english=not options["no_english"])
