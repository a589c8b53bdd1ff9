import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an administrator exists. Its password comes from DEMO_ADMIN_PASSWORD or is generated and "
        "printed once; an existing account is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEMO_ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator “{username}” already exists; its password is unchanged.")
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if os.environ.get("DEMO_ADMIN_PASSWORD"):
            self.stdout.write(f"Created administrator “{username}” with the password from DEMO_ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created administrator “{username}” with the generated password: {password}\n"
                    "It is shown only this once; change it at /admin/account/."
                )
            )
