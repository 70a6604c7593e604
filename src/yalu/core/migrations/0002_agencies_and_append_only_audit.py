from django.db import migrations

from yalu.core.append_only import make_append_only


def load(apps, schema_editor):
    from yalu.core.agencies import load_agencies

    load_agencies(apps.get_model("core", "Agency"), apps.get_model("areas", "Area"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("areas", "0002_border_region")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(make_append_only("core_auditevent"), migrations.RunPython.noop),
    ]
