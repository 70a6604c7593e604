"""The dashboard's figures for a province over many movement events, against hand-written SQL giving the same numbers.

    url=$(YALU_PG_PORT=55437 scripts/pg.sh start)
    .venv/bin/python bench/dashboard.py --database-url "$url" [--events 1000000] [--repeat 5]
    .venv/bin/python bench/dashboard.py --database-url ".../yalu_bench_N" --events 0   # bench/report_pdf.py --keep's
    YALU_PG_PORT=55437 scripts/pg.sh stop

Fills the ledger once (persons and events written by SQL, marked `bench-dashboard`; run again with
more --events to add the difference) with crossings in 1960 and 1961 across Jilin's and Liaoning's
counties and border sectors, and an outcome for most persons. Then times, for an analyst of Jilin and
the period 1961, what the home page computes — `dashboard_for`: every indicator of the period, the key
figures of the period before (the trend), the violations, the submissions awaiting approval — against one
hand-written cohort query per period (DISTINCT ON the person's last event), checks that both give the
same numbers, and prints the medians and their ratio (the target: within 1.5×). The dashboard's figures
are timed as a visit after a change computes them (the kept figures deleted first); a visit after no
change reads the kept figures, and that is timed too, as is the whole home page (with the registry counts).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

MARK = "bench-dashboard"
TARGET_RATIO = 1.5
OUTCOMES = ("persuaded_to_return", "returned_voluntarily", "handed_back", "reported_abroad", "died")

HAND_SQL = """
WITH crossings AS (
    SELECT e.person_id FROM ledger_movementevent e JOIN areas_area a ON a.id = e.area_id
    WHERE e.event_type = 'crossing_detected' AND e.occurred_on BETWEEN %(start)s AND %(end)s
      AND a.path LIKE %(like)s AND NOT e.void
      AND NOT EXISTS (SELECT 1 FROM ledger_movementevent s WHERE s.supersedes_id = e.id)
),
last_event AS (
    SELECT DISTINCT ON (e.person_id) e.person_id, e.event_type
    FROM ledger_movementevent e
    WHERE e.person_id IN (SELECT person_id FROM crossings) AND e.occurred_on <= %(as_of)s AND NOT e.void
      AND NOT EXISTS (SELECT 1 FROM ledger_movementevent s WHERE s.supersedes_id = e.id)
    ORDER BY e.person_id, e.ordered_on DESC, e.sequence DESC
)
SELECT (SELECT COUNT(*) FROM crossings),
       COUNT(*),
       COUNT(*) FILTER (WHERE event_type IN ('persuaded_to_return', 'returned_voluntarily', 'handed_back')),
       COUNT(*) FILTER (WHERE event_type = 'reported_abroad'),
       COUNT(*) FILTER (WHERE event_type = 'died')
FROM last_event
"""


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yalu.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(events: int) -> None:
    """Persons and events by SQL, until the ledger holds `events` of this benchmark's events."""
    from django.db import connection, transaction

    from yalu.areas.models import Area
    from yalu.ledger.models import MovementEvent

    have = MovementEvent.objects.filter(source_ref=MARK).count()
    if have >= events:
        print(f"ledger already holds {have:,} benchmark events")
        return
    wanted = events - have
    persons = max(1, int(wanted / 1.8))
    outcomes = wanted - persons
    places = list(
        Area.objects.filter(kind__in=["county", "sector"], path__startswith="/CN/")
        .filter(path__regex=r"^/CN/CN-(JL|LN)/")
        .order_by("path")
        .values_list("id", flat=True)
    )
    print(f"writing {persons:,} persons and {wanted:,} events over {len(places)} counties and sectors ...")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        before = int(cursor.fetchone()[0])
        cursor.execute(
            "INSERT INTO people_person (home_area_id, sex, nationality, description, note, created_at, updated_at, "
            "source_ref) SELECT (%(places)s::bigint[])[1 + i %% %(n)s], 'U', 'CN', '', '', now(), now(), %(mark)s "
            "FROM generate_series(1, %(persons)s) AS i",
            {"places": places, "n": len(places), "mark": MARK, "persons": persons},
        )
        cursor.execute("SELECT MIN(id) FROM people_person WHERE id > %s", [before])  # ids are consecutive
        first_person = int(cursor.fetchone()[0])
        cursor.execute("SELECT COALESCE(MAX(sequence), 0) FROM ledger_movementevent")
        sequence = int(cursor.fetchone()[0])
        common = (
            "INSERT INTO ledger_movementevent (person_id, event_type, occurred_on, occurred_precision, ordered_on, "
            "area_id, unit, group_ref, note, source_ref, recorded_at, correction_reason, void, sequence, "
            "prev_hash, hash) "
        )
        crossing_day = "DATE '1960-01-01' + ((i * 7) %% 730)"
        cursor.execute(
            common + f"SELECT %(first)s + i - 1, 'crossing_detected', {crossing_day}, 'day', {crossing_day}, "
            "(%(places)s::bigint[])[1 + i %% %(n)s], '', '', '', %(mark)s, now(), '', false, %(seq)s + i, "
            "'bench', 'bench' FROM generate_series(1, %(persons)s) AS i",
            {
                "first": first_person,
                "places": places,
                "n": len(places),
                "mark": MARK,
                "seq": sequence,
                "persons": persons,
            },
        )
        outcome_day = "DATE '1960-01-01' + ((k * 7) %% 730) + 20 + (k %% 90)"
        cursor.execute(
            common + "SELECT %(first)s + ((j - 1) %% %(persons)s), (%(outcomes)s::text[])[1 + j %% 5], "
            f"{outcome_day}, 'day', {outcome_day}, "
            "(%(places)s::bigint[])[1 + k %% %(n)s], '', '', '', %(mark)s, now(), '', false, "
            "%(seq)s + %(persons)s + j, 'bench', 'bench' "
            "FROM generate_series(1, %(count)s) AS j, LATERAL (SELECT ((j - 1) %% %(persons)s) + 1 AS k) AS kk",
            {
                "first": first_person,
                "persons": persons,
                "outcomes": list(OUTCOMES),
                "places": places,
                "n": len(places),
                "mark": MARK,
                "seq": sequence,
                "count": outcomes,
            },
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ledger_movementevent")
        cursor.execute("ANALYZE people_person")
    print(f"written in {time.perf_counter() - started:.1f} s")


def analyst() -> Any:
    from django.contrib.auth.models import Group

    from yalu.areas.models import Area
    from yalu.core.models import User

    user, created = User.objects.get_or_create(
        username="bench.analyst", defaults={"jurisdiction": Area.objects.get(code="CN-JL")}
    )
    if created:
        user.groups.set(Group.objects.filter(name__in=["analyst", "approver"]))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def hand_written(period: tuple[datetime.date, datetime.date], as_of: datetime.date) -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL, {"like": "/CN/CN-JL/%", "start": period[0], "end": period[1], "as_of": as_of})
        _detected, persons, returned, remaining, died = (int(value) for value in cursor.fetchone())
    return {
        "crossing.persons": persons,
        "return.total": returned,
        "abroad.remaining": remaining,
        "death.crossing": died,
        "crossing.unaccounted": persons - returned - remaining - died,
    }


def home_page(user: Any, repeat: int) -> float:
    """The median time of the whole home page for `user` (its figures kept already)."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host and instrumentation
    client = Client()
    client.force_login(user)
    seconds, response = timed(lambda: client.get("/", {"period": "1961"}), repeat)
    assert response.status_code == 200, response.status_code
    return float(seconds)


def timed(function: Any, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--events", type=int, default=1_000_000, help="0: time the ledger as it is")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        parser.error("give a PostgreSQL --database-url (scripts/pg.sh start prints one)")
    setup_django(options.database_url)
    from django.utils import timezone

    from yalu.statistics.dashboard import KEY_FIGURES, dashboard_for
    from yalu.statistics.models import DashboardFigures

    populate(options.events)
    user = analyst()
    as_of = timezone.localdate()
    periods = {
        "1961": (datetime.date(1961, 1, 1), datetime.date(1961, 12, 31)),
        "1960": (datetime.date(1960, 1, 1), datetime.date(1960, 12, 31)),
    }

    def after_a_change() -> Any:
        DashboardFigures.objects.all().delete()  # as after a new event: the kept figures do not count
        return dashboard_for(user, period="1961")

    after_a_change()  # warm the database's caches both ways before timing
    app_seconds, board = timed(after_a_change, options.repeat)
    kept_seconds, _kept = timed(lambda: dashboard_for(user, period="1961"), options.repeat)
    page_seconds = home_page(user, options.repeat)
    sql_seconds, sql = timed(lambda: {name: hand_written(p, as_of) for name, p in periods.items()}, options.repeat)
    shown = {figure.definition.code: (figure.value, figure.previous) for figure in board.figures}
    mismatches = [
        code
        for code in sql["1961"]
        if code in KEY_FIGURES and shown[code] != (float(sql["1961"][code]), float(sql["1960"][code]))
    ]
    from yalu.ledger.models import MovementEvent

    print(f"events in the ledger: {MovementEvent.objects.count():,}; province CN-JL; period 1961 vs 1960")
    for code in sql["1961"]:
        print(
            f"  {code:24} dashboard {shown[code][0]:>12,.0f} (1960: {shown[code][1]:>12,.0f})"
            f"   sql {sql['1961'][code]:>12,} (1960: {sql['1960'][code]:>12,})"
        )
    print(f"violations shown: {len(board.violations)}; submissions awaiting: {board.awaiting}")
    ratio = app_seconds / sql_seconds if sql_seconds else float("inf")
    print(f"dashboard figures: {app_seconds * 1000:,.0f} ms (median of {options.repeat})")
    print(f"hand-written SQL:  {sql_seconds * 1000:,.0f} ms (median of {options.repeat})")
    print(f"ratio: {ratio:.2f} (target ≤ {TARGET_RATIO})")
    print(f"dashboard figures, a visit after no change (kept figures): {kept_seconds * 1000:,.1f} ms")
    print(f"home page, a visit after no change (whole page, registry counts included): {page_seconds * 1000:,.0f} ms")
    if mismatches:
        print(f"MISMATCH between the dashboard and the SQL: {', '.join(mismatches)}")
        return 1
    return 0 if ratio <= TARGET_RATIO else 2


if __name__ == "__main__":
    sys.exit(main())
