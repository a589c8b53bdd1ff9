"""Honour counts kept exact on every write (issue 12, item 2), computed once here from the honours on record."""

import django.db.models.deletion
from django.db import migrations, models


def count_existing(apps, schema_editor):
    from thidua_wagtail.models.counts import rebuild_counts

    rebuild_counts(apps, names=("HonourCount",))


class Migration(migrations.Migration):

    dependencies = [
        ('thidua_wagtail', '0018_sample_tallies'),
    ]

    operations = [
        migrations.CreateModel(
            name='DecisionHonourCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('authority', models.CharField(max_length=20)),
                ('status', models.CharField(max_length=10)),
                ('recipient_kind', models.CharField(max_length=12)),
                ('commendation_type', models.CharField(blank=True, max_length=20)),
                ('count', models.PositiveIntegerField(default=0)),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='thidua_wagtail.awardtype')),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='thidua_wagtail.decision')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('decision', 'year', 'authority', 'status', 'recipient_kind', 'award_id', 'commendation_type'), name='thidua_decision_honour_count_key')],
            },
        ),
        migrations.CreateModel(
            name='HonourCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('authority', models.CharField(max_length=20)),
                ('status', models.CharField(max_length=10)),
                ('recipient_kind', models.CharField(max_length=12)),
                ('commendation_type', models.CharField(blank=True, max_length=20)),
                ('count', models.PositiveIntegerField(default=0)),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='thidua_wagtail.awardtype')),
            ],
            options={
                'indexes': [models.Index(fields=['year'], name='thidua_honour_count_year')],
                'constraints': [models.UniqueConstraint(fields=('year', 'authority', 'status', 'recipient_kind', 'award_id', 'commendation_type'), name='thidua_honour_count_key')],
            },
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
