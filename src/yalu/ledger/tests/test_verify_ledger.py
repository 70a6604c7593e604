"""`manage.py verify_ledger`: an intact chain passes; a changed row is named by its sequence number."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from yalu.ledger.tests.conftest import event, write


def tamper(sql: str, params: list[Any]) -> None:
    """Change a row behind the application's back, as someone with the database's keys could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER ledger_movementevent_no_update")
        else:
            cursor.execute("GRANT UPDATE ON ledger_movementevent TO CURRENT_USER")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks before ALTER
            cursor.execute("ALTER TABLE ledger_movementevent DISABLE TRIGGER ledger_movementevent_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "sqlite":
            from yalu.core.append_only import forbid_changes_sql

            for statement in forbid_changes_sql("sqlite", "ledger_movementevent"):
                cursor.execute(statement)


def test_an_intact_chain_passes(personas) -> None:
    person = personas.longjing_person
    write(*[event(person, "crossing_detected", f"1961-07-{day:02d}") for day in range(1, 6)])
    out = StringIO()
    call_command("verify_ledger", stdout=out)
    assert "intact: 5 events" in out.getvalue()


def test_a_changed_note_breaks_the_chain_at_that_event(personas) -> None:
    person = personas.longjing_person
    rows = write(*[event(person, "crossing_detected", f"1961-07-{day:02d}") for day in range(1, 6)])
    tamper("UPDATE ledger_movementevent SET note = %s WHERE id = %s", ["nothing happened", rows[2].pk])
    with pytest.raises(CommandError, match="broken at sequence 3: its content does not match its hash"):
        call_command("verify_ledger")


def test_a_rewritten_hash_is_caught_at_the_next_link(personas) -> None:
    person = personas.longjing_person
    rows = write(*[event(person, "crossing_detected", f"1961-07-{day:02d}") for day in range(1, 6)])
    tamper(
        "UPDATE ledger_movementevent SET occurred_on = %s, hash = %s WHERE id = %s",
        ["1961-07-30", "0" * 64, rows[1].pk],
    )
    with pytest.raises(CommandError, match="broken at sequence 2"):
        call_command("verify_ledger")


def test_a_missing_event_is_named(personas) -> None:
    person = personas.longjing_person
    rows = write(*[event(person, "crossing_detected", f"1961-07-{day:02d}") for day in range(1, 6)])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER ledger_movementevent_no_delete")
        else:
            cursor.execute("GRANT DELETE ON ledger_movementevent TO CURRENT_USER")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks before ALTER
            cursor.execute("ALTER TABLE ledger_movementevent DISABLE TRIGGER ledger_movementevent_append_only")
        cursor.execute("DELETE FROM ledger_movementevent WHERE id = %s", [rows[3].pk])
    with pytest.raises(CommandError, match="broken at sequence 4: event 4 is missing"):
        call_command("verify_ledger")
