"""SQL that makes a table refuse UPDATE and DELETE, on SQLite (triggers) and PostgreSQL (a trigger too)."""

from __future__ import annotations

from typing import Any


def forbid_changes_sql(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
        ]
    if vendor == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION yalu_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$;",
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION yalu_refuse_change();",
        ]
    return []


def make_append_only(table: str) -> Any:
    """A migration operation's function: apply the triggers for the connection's vendor."""

    def apply(apps: Any, schema_editor: Any) -> None:
        for statement in forbid_changes_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)

    return apply
