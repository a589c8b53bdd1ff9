"""The legal catalogue as it stands after 1/7/2025: Decree 152/2025/NĐ-CP replaced Decree 98/2023/NĐ-CP, and the
commune chair awards what the abolished district chair did (Decree 129/2025/NĐ-CP, Art. 59). Refreshes the
catalogue's entries, as ``thidua_load_catalogue`` does; honours are not touched."""

from django.db import migrations


def refresh(apps, schema_editor):
    from thidua_wagtail.catalogue_loader import load_catalogue

    load_catalogue(apps.get_model("thidua_wagtail", "AwardType"))


class Migration(migrations.Migration):
    dependencies = [("thidua_wagtail", "0016_decision_amendments")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
