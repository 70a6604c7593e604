"""Writing many rows at once without the ORM's per-object cost: ids reserved up front, then COPY (PostgreSQL)
or one executemany (SQLite).

Only for writers that have already checked their rows: nothing here validates, and no signal is sent.
Call inside the transaction that owns the rows, so that a failure leaves none of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from django.db import connection, models

SQLITE_BATCH = 20_000


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model`'s table, in increasing order.

    PostgreSQL takes them from the table's sequence, so concurrent writers never collide. SQLite continues
    after the largest id ever given: its transactions here begin IMMEDIATE, so the writer holds the
    database's write lock and nobody else can insert meanwhile.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return sorted(row[0] for row in cursor.fetchall())
        # AUTOINCREMENT never reuses an id, even of a deleted row: start after the highest ever given
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608
            f"COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        (start,) = cursor.fetchone()
        return list(range(start + 1, start + 1 + count))


def _json(value: Any) -> Any:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _adapters(model: type[models.Model], fields: Sequence[str]) -> list[Callable[[Any], Any] | None]:
    """Per column, what turns a Python value into one the driver takes (None: the value as it is).

    psycopg writes dates, datetimes, UUIDs and booleans itself; SQLite is given what the ORM stores.
    """
    sqlite = connection.vendor == "sqlite"
    adapters: list[Callable[[Any], Any] | None] = []
    for name in fields:
        field = model._meta.get_field(name)
        target = getattr(field, "target_field", field)
        if sqlite and isinstance(target, (models.JSONField, models.UUIDField, models.DateField)):
            adapters.append(partial(_prep_save, field))
        elif isinstance(field, models.JSONField):
            adapters.append(_json)
        else:
            adapters.append(None)
    return adapters


def _prep_save(field: Any, value: Any) -> Any:
    return field.get_db_prep_save(value, connection)


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows of values (in the order of `fields`, model field names) into `model`'s table.

    JSON fields take Python dicts and lists; dates, datetimes (aware), UUIDs, booleans and None are
    written as the ORM would write them. Returns the number of rows written.
    """
    columns = [str(model._meta.get_field(name).column) for name in fields]  # type: ignore[union-attr]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    adapters = _adapters(model, fields)
    adapted = [(position, adapter) for position, adapter in enumerate(adapters) if adapter is not None]

    def prepare(row: Sequence[Any]) -> Sequence[Any]:
        if not adapted:
            return row
        values = list(row)
        for position, adapter in adapted:
            values[position] = adapter(values[position])
        return values

    written = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(prepare(row))
                written += 1
        return written
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(prepare(row))
            if len(batch) >= SQLITE_BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
