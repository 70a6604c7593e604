from django.db import migrations

from yalu.core.append_only import make_append_only

TABLE = "ledger_movementevent"


def revoke_changes(apps, schema_editor):
    """On PostgreSQL the application's own role (the table owner) loses UPDATE and DELETE; TRUNCATE stays."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"REVOKE UPDATE, DELETE ON {TABLE} FROM CURRENT_USER", params=None)
    schema_editor.execute(f"REVOKE UPDATE, DELETE ON {TABLE} FROM PUBLIC", params=None)


def create_head(apps, schema_editor):
    apps.get_model("ledger", "LedgerHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [
        migrations.RunPython(make_append_only(TABLE), migrations.RunPython.noop),
        migrations.RunPython(revoke_changes, migrations.RunPython.noop),
        migrations.RunPython(create_head, migrations.RunPython.noop),
    ]
