"""A file's checked rows, kept on disk (a private SQLite file) so an import's memory does not grow with the file."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

BASE_COLUMNS = ("row", "ref", "content_hash", "ok", "raw", "clean")


@dataclass
class StagedRow:
    row: int
    ref: str
    content_hash: str
    raw: dict[str, str]
    clean: dict[str, Any]


class Scratch:
    """Rows by number, with the facts a kind declares as columns so cross-row checks are SQL."""

    def __init__(self, fact_columns: Sequence[str]) -> None:
        self.fact_columns = tuple(fact_columns)
        self._dir = tempfile.TemporaryDirectory(prefix="yalu-import-")
        self.db = sqlite3.connect(str(Path(self._dir.name) / "rows.sqlite3"))
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        facts = "".join(f", {name} TEXT NOT NULL DEFAULT ''" for name in self.fact_columns)
        self.db.execute(
            "CREATE TABLE rows (row INTEGER PRIMARY KEY, ref TEXT NOT NULL, content_hash TEXT NOT NULL, "
            f"ok INTEGER NOT NULL, raw TEXT NOT NULL, clean TEXT NOT NULL{facts})"
        )
        self._pending: list[tuple[Any, ...]] = []

    def __enter__(self) -> Scratch:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def add(
        self,
        *,
        row: int,
        ref: str,
        content_hash: str,
        ok: bool,
        raw: dict[str, str],
        clean: dict[str, Any],
        facts: dict[str, str],
    ) -> None:
        self._pending.append(
            (
                row,
                ref,
                content_hash,
                int(ok),
                json.dumps(raw, ensure_ascii=False),
                json.dumps(clean, ensure_ascii=False),
            )
            + tuple(str(facts.get(name, "")) for name in self.fact_columns)
        )
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        marks = ", ".join("?" * (len(BASE_COLUMNS) + len(self.fact_columns)))
        self.db.executemany(f"INSERT INTO rows VALUES ({marks})", self._pending)  # noqa: S608
        self._pending = []

    def add_created(self, person_ids: Sequence[int]) -> None:
        """Persons the write created, kept on disk until the import is committed (then scored for review)."""
        self.db.execute("CREATE TABLE IF NOT EXISTS created (person_id INTEGER NOT NULL)")
        self.db.executemany("INSERT INTO created VALUES (?)", [(pk,) for pk in person_ids])

    def created(self, size: int) -> Iterator[list[int]]:
        """The created persons' ids, `size` at a time."""
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'created'").fetchone()
        if not exists:
            return
        cursor = self.db.execute("SELECT DISTINCT person_id FROM created ORDER BY person_id")
        while batch := cursor.fetchmany(size):
            yield [pk for (pk,) in batch]

    def index(self, *columns: str) -> None:
        self.flush()
        for column in columns:
            self.db.execute(f"CREATE INDEX IF NOT EXISTS rows_{column} ON rows ({column})")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.flush()
        return self.db.execute(sql, params).fetchall()

    def iterate(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        self.flush()
        cursor = self.db.execute(sql, params)
        while batch := cursor.fetchmany(1000):
            yield from batch

    def mark_bad(self, rows: set[int]) -> None:
        self.flush()
        self.db.executemany("UPDATE rows SET ok = 0 WHERE row = ?", [(row,) for row in sorted(rows)])

    def count(self, where: str = "1") -> int:
        self.flush()
        (count,) = self.db.execute(f"SELECT COUNT(*) FROM rows WHERE {where}").fetchone()  # noqa: S608
        return int(count)

    def staged(self, *, ok: bool, order_by: str = "row") -> Iterator[StagedRow]:
        """Rows streamed from disk in the writer's order."""
        self.flush()
        cursor = self.db.execute(
            f"SELECT row, ref, content_hash, raw, clean FROM rows WHERE ok = ? ORDER BY {order_by}",  # noqa: S608
            (int(ok),),
        )
        while batch := cursor.fetchmany(1000):
            for row, ref, content_hash, raw, clean in batch:
                yield StagedRow(row, ref, content_hash, json.loads(raw), json.loads(clean))
