"""Honour counts kept per unit and year, so that the roll filtered by a unit is counted without reading its
honours; and the index of each unit's honours in the roll's order, from which a page of it is read (issue 12)."""

import django.db.models.deletion
from django.db import migrations, models


def count_existing(apps, schema_editor):
    from thidua_wagtail.models.counts import rebuild_counts

    rebuild_counts(apps, names=("UnitHonourCount",))


class Migration(migrations.Migration):
    dependencies = [
        ("thidua_wagtail", "0025_honour_name_suffixes"),
    ]

    operations = [
        migrations.CreateModel(
            name="DecisionUnitCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("status", models.CharField(max_length=10)),
                ("count", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="UnitHonourCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("status", models.CharField(max_length=10)),
                ("count", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RemoveIndex(
            model_name="honour",
            name="thidua_honour_unit",
        ),
        migrations.AddIndex(
            model_name="honour",
            index=models.Index(
                fields=["unit", "decision_status", "-decision_date", "-decision", "sort_order", "id"],
                name="thidua_honour_unit_roll",
            ),
        ),
        migrations.AddField(
            model_name="decisionunitcount",
            name="decision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="thidua_wagtail.decision"
            ),
        ),
        migrations.AddField(
            model_name="decisionunitcount",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="thidua_wagtail.unit"
            ),
        ),
        migrations.AddField(
            model_name="unithonourcount",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="thidua_wagtail.unit"
            ),
        ),
        migrations.AddConstraint(
            model_name="decisionunitcount",
            constraint=models.UniqueConstraint(
                fields=("decision", "unit", "year", "status"), name="thidua_decision_unit_count_key"
            ),
        ),
        migrations.AddConstraint(
            model_name="unithonourcount",
            constraint=models.UniqueConstraint(fields=("unit", "year", "status"), name="thidua_unit_honour_count_key"),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
