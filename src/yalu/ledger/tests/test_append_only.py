"""The database itself refuses to change or delete ledger rows: grants on PostgreSQL, triggers on both."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from yalu.ledger.tests.conftest import event, write

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="role grants exist on PostgreSQL only")


def attempt(sql: str, params: list[Any]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
@on_postgres
def test_the_application_role_may_not_update_or_delete_events_on_postgresql(personas) -> None:
    # given an event, and the trigger set aside so that only the grants stand in the way
    (row,) = write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(CURRENT_USER, 'ledger_movementevent', 'UPDATE'), "
            "has_table_privilege(CURRENT_USER, 'ledger_movementevent', 'DELETE'), "
            "has_table_privilege(CURRENT_USER, 'ledger_movementevent', 'INSERT')"
        )
        assert cursor.fetchone() == (False, False, True)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks before ALTER
        cursor.execute("ALTER TABLE ledger_movementevent DISABLE TRIGGER ledger_movementevent_append_only")
    # when the role tries to change or delete it, then PostgreSQL refuses
    with pytest.raises(DatabaseError, match="permission denied"):
        attempt("UPDATE ledger_movementevent SET note = %s WHERE id = %s", ["changed", row.pk])
    with pytest.raises(DatabaseError, match="permission denied"):
        attempt("DELETE FROM ledger_movementevent WHERE id = %s", [row.pk])


def test_the_trigger_refuses_update_and_delete(personas) -> None:
    (row,) = write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    with pytest.raises(DatabaseError):
        attempt("UPDATE ledger_movementevent SET note = %s WHERE id = %s", ["changed", row.pk])
    with pytest.raises(DatabaseError):
        attempt("DELETE FROM ledger_movementevent WHERE id = %s", [row.pk])


def test_there_is_no_update_path_in_the_orm(personas) -> None:
    (row,) = write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    row.note = "changed"
    with pytest.raises(DatabaseError), transaction.atomic():
        row.save()
