"""Benchmark: `crossing_report` against one hand-written SQL query giving the same numbers.

    PYTHONPATH=src .venv/bin/python bench/ledger_report.py [--events N] [--repeat R]

DATABASE_URL decides the engine. The benchmark always works in a throwaway database of its own: on
PostgreSQL a new database on the same server (dropped at the end), on SQLite a temporary file. Data are
generated with bulk inserts (hash fields are filled with a constant: the chain is not what is measured);
on PostgreSQL on the server, set-based (10,000,000 events in about 5 minutes on 2 busy cores).
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


OUTCOME_WEIGHTS = [
    ("persuaded_to_return", 28),
    ("returned_voluntarily", 27),
    ("handed_back", 8),
    ("reported_abroad", 25),
    ("died", 1),
    (None, 11),
]
CORRECTED_SHARE = 0.01  # outcomes withdrawn by a later correction row (void, superseding the outcome)


def generate(events: int, rng: random.Random) -> None:
    """`events` movement events (and persons) for Jilin's counties, 1960-1962.

    Persons (events / 2.1) live in a Jilin county. Taken in turn (so some cross twice), each crosses on a
    random day of 1960-1962 in their county (with its border sector), and most are followed 0-120 days
    later by an outcome related to that crossing (weights: OUTCOME_WEIGHTS); 1% of outcomes are withdrawn
    by a correction. Hash fields are a constant: the chain is not what is measured. On PostgreSQL the
    rows are made on the server, set-based (see generate_on_server); elsewhere row by row from Python.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        generate_on_server(events, seed=rng.random())
    else:
        generate_from_python(events, rng)


def generate_on_server(events: int, *, seed: float) -> None:
    """The shape of generate_from_python, made by INSERT ... SELECT FROM generate_series on the server.

    A visit is one crossing, its outcome (if any) and the outcome's correction (if any); a visit's events
    take consecutive ids and sequences, as they would from Python, and the last visit is cut at `events`.
    Random choices come from random() after setseed(), so a run is repeatable.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from yalu.areas.models import Area

    counties = list(Area.objects.filter(path__startswith="/CN/CN-JL/", kind="county").order_by("path"))
    sector_of = {a.county_id: a.pk for a in Area.objects.filter(kind="sector")}
    persons = max(1, int(events / 2.1))
    # Expected events per visit: 1 crossing + P(outcome) * (1 + CORRECTED_SHARE); a few spare visits.
    outcome_share = 1 - OUTCOME_WEIGHTS[-1][1] / sum(weight for _kind, weight in OUTCOME_WEIGHTS)
    visits = int(events / (1 + outcome_share * (1 + CORRECTED_SHARE)) * 1.01) + 10
    bounds, total = [], 0
    for kind, weight in OUTCOME_WEIGHTS:
        total += weight
        bounds.append((kind, total))
    pick = "CASE " + " ".join(
        f"WHEN pick < {bound} THEN {'NULL' if kind is None else repr(kind)}" for kind, bound in bounds[:-1]
    )
    pick += " END"
    params: dict[str, Any] = {
        "counties": [c.pk for c in counties],
        "sectors": [sector_of.get(c.pk) for c in counties],
        "n": len(counties),
        "persons": persons,
        "visits": visits,
        "events": events,
        "now": timezone.now(),
        "corrected": CORRECTED_SHARE,
        "total": total,
    }
    home = "1 + ((i::bigint * 2654435761) %% 4294967291) %% %(n)s"  # a fixed pseudo-random county per person
    with transaction.atomic(), connection.cursor() as cursor:
        rebuilt = set_aside_checks_and_indexes(cursor, ["people_person", "ledger_movementevent"])
        cursor.execute("SELECT setseed(%s)", [seed * 2 - 1])
        cursor.execute(
            "INSERT INTO people_person (id, home_area_id, sex, nationality, description, note, created_at, "
            f"updated_at, source_ref) SELECT i, (%(counties)s::bigint[])[{home}], 'U', '', '', '', %(now)s, "
            "%(now)s, 'bench' FROM generate_series(1, %(persons)s) AS i",
            params,
        )
        cursor.execute(
            "CREATE TEMP TABLE bench_visit ON COMMIT DROP AS "
            "SELECT v, person, day, kind, day + delay AS later, home, corrected, "
            "SUM(1 + (kind IS NOT NULL)::int + (kind IS NOT NULL AND corrected)::int) OVER (ORDER BY v) AS last "
            "FROM (SELECT v, person, day, delay, corrected, "
            f"{home.replace('i::', 'person::')} AS home, {pick} AS kind FROM ("
            "SELECT v, ((v - 1) %% %(persons)s) + 1 AS person, DATE '1960-01-01' + floor(random() * 1096)::int "
            "AS day, random() * %(total)s AS pick, floor(random() * 121)::int AS delay, "
            "random() < %(corrected)s AS corrected FROM generate_series(1, %(visits)s) AS v) AS drawn) AS visit",
            params,
        )
        cursor.execute(
            "INSERT INTO ledger_movementevent (id, person_id, event_type, occurred_on, occurred_precision, "
            "ordered_on, area_id, sector_id, unit, related_event_id, group_ref, note, sender_id, source_ref, "
            "import_batch_id, recorded_by_id, recorded_at, supersedes_id, correction_reason, void, sequence, "
            "prev_hash, hash) "
            "SELECT x.seq, b.person, x.kind, x.day, 'day', x.day, (%(counties)s::bigint[])[b.home], "
            "(%(sectors)s::bigint[])[b.home], '', x.related, '', '', NULL, '', NULL, NULL, %(now)s, "
            "x.supersedes, x.reason, x.void, x.seq, '', 'bench' "
            "FROM (SELECT *, last - 1 - (kind IS NOT NULL)::int - (kind IS NOT NULL AND corrected)::int AS base "
            "FROM bench_visit) AS b, LATERAL (VALUES "
            "(b.base + 1, 'crossing_detected', b.day, NULL::bigint, NULL::bigint, '', false), "
            "(b.base + 2, b.kind, b.later, b.base + 1, NULL, '', false), "
            "(b.base + 3, b.kind, b.later, NULL, b.base + 2, 'bench', true)) "
            "AS x(seq, kind, day, related, supersedes, reason, void) "
            "WHERE x.seq <= b.last AND x.seq <= %(events)s",  # bench_visit is read in order of v
            params,
        )
        for table in ("people_person", "ledger_movementevent"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        cursor.execute("UPDATE ledger_ledgerhead SET last_sequence = %(events)s, last_hash = 'bench'", params)
        for statement in rebuilt:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def set_aside_checks_and_indexes(cursor: Any, tables: list[str]) -> list[str]:
    """Drop the foreign keys and the plain indexes of `tables`; returns the statements that put them back.

    Millions of rows load faster into a table without them: each index is then built once, sorted, and
    each foreign key checked by one join when it is added back, rather than row by row (a deferred check
    per row and key at COMMIT). Primary keys and unique constraints stay.
    """
    restore = []
    for table in tables:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique",
            [table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
            restore.append(definition)
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
            "AND contype = 'f'",
            [table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    return restore


def generate_from_python(events: int, rng: random.Random) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from yalu.areas.models import Area

    counties = list(Area.objects.filter(path__startswith="/CN/CN-JL/", kind="county"))
    sectors = {a.county_id: a.pk for a in Area.objects.filter(kind="sector")}
    now = timezone.now()
    persons = max(1, int(events / 2.1))
    outcomes = [kind for kind, _weight in OUTCOME_WEIGHTS]
    weights = [weight for _kind, weight in OUTCOME_WEIGHTS]
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
