"""Time the 1962 report for a province: computing it, publishing it, and rendering its PDF (target: < 5 s).

    DATABASE_URL=postgres://... .venv/bin/python bench/report_pdf.py [--persons N] [--runs R]

Works in a throwaway test database (created and migrated like the test runner does, then dropped):
N persons cross from Jilin's border counties in 1961, each followed by one outcome or none, written
through the ledger's action; a few reported figures of the seed are added as aggregate submissions.
Prints the median time of R runs for each step and language.

With --events N (and the ledger's generator `bench/ledger_report.py` present), the data are instead N
bulk-inserted events (its generator, in its throwaway database), and table 1 of the report — every row
through `yalu.statistics` — is also timed against the ledger benchmark's hand-written SQL run for the
same rows, with the numbers compared. On PostgreSQL the generator works on the server (INSERT ... SELECT
FROM generate_series): 10,000,000 events take minutes, not an hour. --keep leaves that database in place
(its name is printed) and --reuse NAME times an existing one again without generating.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import importlib.util
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yalu.config.settings")

COUNTIES = ["220582", "220681", "220623", "222401", "222402", "222404", "222405", "222406"]
OUTCOMES = ["persuaded_to_return", "returned_voluntarily", "handed_back", "reported_abroad", "died", None]


def timed(runs: int, step: Callable[[], object]) -> float:
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate(persons: int) -> None:
    from yalu.areas.models import Area
    from yalu.ledger.actions import EventInput, append_events
    from yalu.people.models import Person
    from yalu.statistics.actions import record_submission

    rng = random.Random(1962)
    areas = {area.code: area for area in Area.objects.filter(code__in=COUNTIES)}
    people = Person.objects.bulk_create(
        [Person(home_area=areas[rng.choice(COUNTIES)], description=f"bench {i}") for i in range(persons)]
    )
    crossings = []
    for person in people:
        day = datetime.date(1961, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        crossings.append(EventInput(person.pk, "crossing_detected", day, "day", person.home_area_id))
    written = append_events(acting_user=None, events=crossings)
    outcomes = []
    for event in written:
        outcome = rng.choice(OUTCOMES)
        if outcome:
            day = event.occurred_on + datetime.timedelta(days=rng.randrange(1, 60))
            outcomes.append(EventInput(event.person_id, outcome, day, "day", event.area_id, related_event_id=event.pk))
    append_events(acting_user=None, events=outcomes)
    jilin = Area.objects.get(code="CN-JL")
    for indicator, value in [("crossing.persons", 28028), ("return.persuaded", 7939), ("remains.found", 243)]:
        record_submission(
            acting_user=None, indicator=indicator, area=jilin, period="1961", value=value, source="Jilin PSD"
        )


def ledger_bench() -> Any:
    path = Path(__file__).resolve().parent / "ledger_report.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("ledger_report", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def against_hand_written_sql(ledger: Any, runs: int) -> None:
    """Table 1 (each row through yalu.statistics) against the ledger benchmark's SQL for the same rows."""
    from django.db import connection

    from yalu.areas.models import Area
    from yalu.reports.definitions import ReportRequest, crossings_table
    from yalu.reports.figures import LiveFigures

    jilin = Area.objects.get(code="CN-JL")
    start, end, as_of = datetime.date(1961, 1, 1), datetime.date(1961, 12, 31), datetime.date(1962, 3, 31)
    request = ReportRequest(area=jilin, period="1961", period_start=start, period_end=end, as_of=as_of)
    table = crossings_table(LiveFigures(user=None, as_of=as_of), request)
    ours = timed(runs, lambda: crossings_table(LiveFigures(user=None, as_of=as_of), request))

    def hand_written() -> dict[str, list[int]]:
        found = {}
        with connection.cursor() as cursor:
            for row in table.rows:
                like = f"{Area.objects.get(code=row.key).path}%"
                cursor.execute(ledger.HAND_WRITTEN_SQL, [start, end, like, False, as_of, False, start, end, like])
                found[row.key] = [int(value) for value in cursor.fetchone()]
        return found

    sql = timed(runs, hand_written)
    expected = hand_written()
    codes = [column.code for column in table.columns]
    same = all(
        row.cells[codes.index(code)].computed == expected[row.key][ledger.CODES.index(code)]
        for row in table.rows
        for code in ("crossing.persons", "return.persuaded", "return.voluntary", "return.handed_back")
    )
    print(f"table 1 ({len(table.rows)} rows) through yalu.statistics: {ours:.3f} s; hand-written SQL: {sql:.3f} s")
    print(f"ratio {ours / sql:.2f}x (target <= 1.5x); same numbers: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--events", type=int, default=0, help="bulk events with bench/ledger_report.py's generator")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="with --events: keep the generated database")
    parser.add_argument("--reuse", default="", help="with --events: time this database kept by --keep")
    options = parser.parse_args()

    ledger = ledger_bench() if options.events else None
    if options.events and ledger is None:
        parser.error("--events needs bench/ledger_report.py")
    cleanup = None
    if options.reuse:
        os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + options.reuse
    elif ledger is not None:
        url, cleanup = ledger.throwaway_database()
        if options.keep:
            print(f"keeping the database {url.rsplit('/', 1)[1]} (drop it when done)")
            cleanup = None

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from yalu.areas.models import Area
    from yalu.reports.exports import render_export
    from yalu.reports.queries import build_report
    from yalu.reports.tables import publish

    databases: Any = None
    if ledger is None:
        setup_test_environment()
        databases = setup_databases(verbosity=0, interactive=False)
    try:
        start = time.perf_counter()
        if options.reuse:
            what = f"nothing (reusing {options.reuse})"
        elif ledger is not None:
            call_command("migrate", verbosity=0)
            ledger.generate(options.events, random.Random(1962))
            what = f"{options.events:,} events"
        else:
            generate(options.persons)
            what = f"{options.persons:,} crossings"
        elapsed = time.perf_counter() - start
        print(f"database: {connection.vendor}; generated {what} in {elapsed:.1f} s")
        if ledger is not None:
            against_hand_written_sql(ledger, options.runs)
        jilin = Area.objects.get(code="CN-JL")
        as_of = datetime.date(1962, 3, 31)
        report, _source = build_report(None, area=jilin, period="1961", as_of=as_of)
        compute = timed(options.runs, lambda: build_report(None, area=jilin, period="1961", as_of=as_of, fresh=True))
        kept = timed(options.runs, lambda: build_report(None, area=jilin, period="1961", as_of=as_of))
        published = publish(report)
        publishing = timed(options.runs, lambda: publish(report))
        print(f"compute the report for Jilin (3 tables, 12 months): {compute:.3f} s")
        print(f"the same from kept figures (second view, export):   {kept:.3f} s")
        print(f"publish (suppression):                              {publishing:.3f} s")
        worst = 0.0
        for language in ("zh-hans", "ko", "en"):
            step = functools.partial(render_export, published, file_format="pdf", language=language)
            render = timed(options.runs, step)
            size = len(render_export(published, file_format="pdf", language=language))
            worst = max(worst, render)
            print(f"PDF render ({language:7}): {render:.3f} s, {size / 1024:.0f} KiB")
        print(f"PDF target < 5 s: {'met' if worst < 5 else 'MISSED'} (slowest language {worst:.3f} s)")
    finally:
        if databases is not None:
            teardown_databases(databases, verbosity=0)
        if cleanup is not None:
            cleanup()


if __name__ == "__main__":
    main()
