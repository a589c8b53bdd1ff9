"""Give every existing snippet and inline row its locale and a translation key.

Snippets take the site's default content language; inline rows take their parent's locale,
so a page already translated with Wagtail keeps its phases and documents in its own language.
"""

import uuid

import swapper

from django.conf import settings
from django.db import migrations
from django.db.models import OuterRef, Subquery
from wagtail.coreutils import get_supported_content_language_variant

SNIPPETS = ["unit", "awardtype", "exemplarymodel", "emulationzone", "decision"]
# (model, parental key, parent model)
CHILDREN = [
    # The site's page model: Wagtail's, or its own base page (WAGTAIL_PAGE_MODEL).
    ("phase", "plan", swapper.get_model_name("wagtailcore", "Page")),
    ("planattachment", "plan", swapper.get_model_name("wagtailcore", "Page")),
    ("emulationzonemember", "zone", "thidua_wagtail.emulationzone"),
]


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=language_code).first()
    return locale or Locale.objects.order_by("pk").first() or Locale.objects.create(language_code=language_code)


def keys_for(model):
    rows = list(model.objects.filter(translation_key__isnull=True).only("pk"))
    for row in rows:
        row.translation_key = uuid.uuid4()
    model.objects.bulk_update(rows, ["translation_key"], batch_size=500)


def populate(apps, schema_editor):
    locale = default_locale(apps)
    for name in SNIPPETS:
        model = apps.get_model("thidua_wagtail", name)
        model.objects.filter(locale__isnull=True).update(locale=locale)
        keys_for(model)
    for name, parent_field, parent in CHILDREN:
        model = apps.get_model("thidua_wagtail", name)
        parent_model = apps.get_model(parent)
        model.objects.filter(locale__isnull=True).update(
            locale=Subquery(parent_model.objects.filter(pk=OuterRef(f"{parent_field}_id")).values("locale_id")[:1])
        )
        model.objects.filter(locale__isnull=True).update(locale=locale)
        keys_for(model)


class Migration(migrations.Migration):
    dependencies = [
        ("thidua_wagtail", "0005_translatable_fields"),
    ]

    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
