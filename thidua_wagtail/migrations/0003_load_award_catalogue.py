from django.db import migrations


def load(apps, schema_editor):
    from thidua_wagtail.catalogue_loader import load_catalogue

    # The catalogue as of this package version; `manage.py thidua_load_catalogue` refreshes it later.
    load_catalogue(apps.get_model("thidua_wagtail", "AwardType"))


class Migration(migrations.Migration):
    dependencies = [("thidua_wagtail", "0002_honours_register")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
