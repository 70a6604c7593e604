from django.db import migrations


def load(apps, schema_editor):
    from yalu.permits.reasons import load_denial_reasons

    load_denial_reasons(apps.get_model("permits", "DenialReason"))


class Migration(migrations.Migration):
    dependencies = [("permits", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
