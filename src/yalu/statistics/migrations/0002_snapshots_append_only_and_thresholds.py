from django.db import migrations

from yalu.core.append_only import make_append_only

DEFAULT_THRESHOLDS = [
    ("unaccounted-share", 0.05, "share of the persons crossing (spec/indicators.md)"),
    ("reported-vs-computed", 0.02, "share of the computed value (spec/indicators.md)"),
]


def add_thresholds(apps, schema_editor):
    threshold_model = apps.get_model("statistics", "ValidationThreshold")
    for rule, threshold, note in DEFAULT_THRESHOLDS:
        threshold_model.objects.get_or_create(rule=rule, defaults={"threshold": threshold, "note": note})


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]
    operations = [
        migrations.RunPython(make_append_only("statistics_snapshot"), migrations.RunPython.noop),
        migrations.RunPython(add_thresholds, migrations.RunPython.noop),
    ]
