from django.db import migrations


def load(apps, schema_editor):
    from yalu.areas.border_region import load_border_region

    load_border_region(apps.get_model("areas", "Area"))


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
