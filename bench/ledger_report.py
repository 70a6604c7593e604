"""Benchmark: `crossing_report` against one hand-written SQL query giving the same numbers.

    PYTHONPATH=src .venv/bin/python bench/ledger_report.py [--events N] [--repeat R]

DATABASE_URL decides the engine. The benchmark always works in a throwaway database of its own: on
PostgreSQL a new database on the same server (dropped at the end), on SQLite a temporary file. Data are
generated with bulk inserts (hash fields are filled with a constant: the chain is not what is measured).
Prints both timings (best of R) and their ratio; target: crossing_report within 1.5x of the SQL.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from typing import Any

import dj_database_url

HAND_WRITTEN_SQL = """
WITH superseded AS (
    SELECT supersedes_id AS id FROM ledger_movementevent WHERE supersedes_id IS NOT NULL
),
crossing AS (
    SELECT e.person_id FROM ledger_movementevent e JOIN areas_area a ON a.id = e.area_id
    WHERE e.event_type = 'crossing_detected' AND e.occurred_on BETWEEN %s AND %s AND a.path LIKE %s
      AND e.void = %s AND e.id NOT IN (SELECT id FROM superseded)
),
candidate AS (
    SELECT e.id, e.person_id, e.event_type, e.ordered_on, e.sequence FROM ledger_movementevent e
    WHERE e.person_id IN (SELECT person_id FROM crossing) AND e.occurred_on <= %s
      AND e.void = %s AND e.id NOT IN (SELECT id FROM superseded)
),
last_event AS (
    SELECT c.event_type FROM candidate c
    WHERE NOT EXISTS (
        SELECT 1 FROM candidate l WHERE l.person_id = c.person_id
          AND (l.ordered_on > c.ordered_on OR (l.ordered_on = c.ordered_on AND l.sequence > c.sequence))
    )
)
SELECT
    (SELECT COUNT(*) FROM crossing),
    (SELECT COUNT(DISTINCT person_id) FROM crossing),
    COALESCE(SUM(CASE WHEN event_type = 'persuaded_to_return' THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN event_type = 'returned_voluntarily' THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN event_type = 'handed_back' THEN 1 ELSE 0 END), 0),
    (SELECT COUNT(*) FROM ledger_handbackitem i JOIN ledger_handbacklist h ON h.id = i.handback_list_id
       JOIN areas_area a ON a.id = h.area_id
     WHERE h.handed_over_on BETWEEN %s AND %s AND a.path LIKE %s),
    COALESCE(SUM(CASE WHEN event_type = 'reported_abroad' THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN event_type = 'died' THEN 1 ELSE 0 END), 0)
FROM last_event
"""
CODES = [
    "crossing.detected",
    "crossing.persons",
    "return.persuaded",
    "return.voluntary",
    "return.handed_back",
    "return.handed_back_claimed",
    "abroad.remaining",
    "death.crossing",
]


def throwaway_database() -> tuple[str, Any]:
    """Point DATABASE_URL at a new, empty database; returns (url, cleanup)."""
    url = os.environ.get("DATABASE_URL", "sqlite:///")
    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("sqlite3"):
        handle, path = tempfile.mkstemp(prefix="yalu-bench-", suffix=".sqlite3")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def remove() -> None:
            for leftover in (path, path + "-wal", path + "-shm"):
                if os.path.exists(leftover):
                    os.remove(leftover)

        return os.environ["DATABASE_URL"], remove
    import psycopg

    name = f"yalu_bench_{os.getpid()}"
    admin = psycopg.connect(
        dbname=config["NAME"], user=config["USER"], host=config["HOST"], port=config["PORT"] or None, autocommit=True
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()

    return os.environ["DATABASE_URL"], drop


def generate(events: int, rng: random.Random) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from yalu.areas.models import Area

    counties = list(Area.objects.filter(path__startswith="/CN/CN-JL/", kind="county"))
    sectors = {a.county_id: a.pk for a in Area.objects.filter(kind="sector")}
    now = timezone.now()
    persons = max(1, int(events / 2.1))
    outcomes = ["persuaded_to_return", "returned_voluntarily", "handed_back", "reported_abroad", "died", None]
    weights = [28, 27, 8, 25, 1, 11]
    with transaction.atomic(), connection.cursor() as cursor:
        home = [rng.choice(counties).pk for _ in range(persons)]
        rows = [(i + 1, home[i], "U", "", "", "", now, now, "bench") for i in range(persons)]
        for start in range(0, len(rows), 20000):
            cursor.executemany(
                "INSERT INTO people_person (id, home_area_id, sex, nationality, description, note, created_at, "
                "updated_at, source_ref) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows[start : start + 20000],
            )
        batch: list[tuple[Any, ...]] = []
        sequence = 0

        def add(person: int, kind: str, day: datetime.date, area: int, related: int | None, **extra: Any) -> int:
            nonlocal sequence
            sequence += 1
            batch.append(
                (
                    sequence,
                    person,
                    kind,
                    day,
                    "day",
                    max(day, extra.get("ordered", day)),
                    area,
                    sectors.get(area),
                    "",
                    related,
                    "",
                    "",
                    None,
                    "",
                    None,
                    None,
                    now,
                    extra.get("supersedes"),
                    extra.get("reason", ""),
                    extra.get("void", False),
                    sequence,
                    "",
                    "bench",
                )
            )
            if len(batch) >= 20000:
                flush()
            return sequence

        def flush() -> None:
            cursor.executemany(
                "INSERT INTO ledger_movementevent (id, person_id, event_type, occurred_on, occurred_precision, "
                "ordered_on, area_id, sector_id, unit, related_event_id, group_ref, note, sender_id, source_ref, "
                "import_batch_id, recorded_by_id, recorded_at, supersedes_id, correction_reason, void, sequence, "
                "prev_hash, hash) VALUES (" + ", ".join(["%s"] * 23) + ")",
                batch,
            )
            batch.clear()

        person = 0
        while sequence < events:
            person = person % persons + 1
            area = home[person - 1]
            day = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 3 * 365))
            crossing = add(person, "crossing_detected", day, area, None)
            kind = rng.choices(outcomes, weights=weights)[0]
            if kind is not None and sequence < events:
                later = day + datetime.timedelta(days=rng.randint(0, 120))
                outcome = add(person, kind, later, area, crossing, ordered=day)
                if rng.random() < 0.01 and sequence < events:
                    add(person, kind, later, area, None, supersedes=outcome, reason="bench", void=True)
        flush()
        cursor.execute("ANALYZE")


def timed(function: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url, cleanup = throwaway_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yalu.config.settings")
    import django

    django.setup()
    try:
        run(args.events, args.repeat, url)
    finally:
        cleanup()


def run(events: int, repeat: int, url: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    from yalu.areas.models import Area
    from yalu.ledger.queries import crossing_report

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    generate(events, random.Random(1962))
    print(f"{connection.vendor}: {events:,} events generated in {time.perf_counter() - start:.1f}s")
    area = Area.objects.get(code="CN-JL")
    period = (datetime.date(1961, 1, 1), datetime.date(1961, 12, 31))
    as_of = datetime.date(1962, 3, 31)

    def report() -> dict[str, int]:
        return crossing_report(None, area=area, period_start=period[0], period_end=period[1], as_of=as_of)

    def hand_written() -> dict[str, int]:
        like = f"{area.path}%"
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN_SQL, [*period, like, False, as_of, False, *period, like])
            row = cursor.fetchone()
        return dict(zip(CODES, (int(value) for value in row), strict=True))

    report_time, figures = timed(report, repeat)
    sql_time, expected = timed(hand_written, repeat)
    same = all(figures[code] == expected[code] for code in CODES)
    print(f"crossing_report: {report_time * 1000:.0f} ms   hand-written SQL: {sql_time * 1000:.0f} ms")
    print(f"ratio: {report_time / sql_time:.2f}x (target <= 1.5x)   same numbers: {same}")
    print(f"figures: {figures}")
    if not same:
        print(f"hand-written SQL gave: {expected}")
        sys.exit(1)


if __name__ == "__main__":
    main()
