"""Time the 1962 report for a province: computing it, publishing it, and rendering its PDF (target: < 5 s).

    DATABASE_URL=postgres://... .venv/bin/python bench/report_pdf.py [--persons N] [--runs R]

Works in a throwaway test database (created and migrated like the test runner does, then dropped):
N persons cross from Jilin's border counties in 1961, each followed by one outcome or none, written
through the ledger's action; a few reported figures of the seed are added as aggregate submissions.
Prints the median time of R runs for each step and language. If the ledger's generator
`bench/ledger_report.py` is present, run it for the report against hand-written SQL over 10,000,000 events.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from yalu.areas.models import Area
    from yalu.reports.exports import render_export
    from yalu.reports.queries import build_report
    from yalu.reports.tables import publish

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        start = time.perf_counter()
        generate(options.persons)
        elapsed = time.perf_counter() - start
        print(f"database: {connection.vendor}; generated {options.persons:,} crossings in {elapsed:.1f} s")
        jilin = Area.objects.get(code="CN-JL")
        as_of = datetime.date(1962, 3, 31)
        report, _source = build_report(None, area=jilin, period="1961", as_of=as_of)
        compute = timed(options.runs, lambda: build_report(None, area=jilin, period="1961", as_of=as_of))
        published = publish(report)
        publishing = timed(options.runs, lambda: publish(report))
        print(f"compute the report for Jilin (3 tables, 12 months): {compute:.3f} s")
        print(f"publish (suppression):                              {publishing:.3f} s")
        worst = 0.0
        for language in ("zh-hans", "ko", "en"):
            step = functools.partial(render_export, published, file_format="pdf", language=language)
            render = timed(options.runs, step)
            size = len(render_export(published, file_format="pdf", language=language))
            worst = max(worst, render)
            print(f"PDF render ({language:7}): {render:.3f} s, {size / 1024:.0f} KiB")
        print(f"PDF target < 5 s: {'met' if worst < 5 else 'MISSED'} (slowest language {worst:.3f} s)")
        ledger_bench = Path(__file__).resolve().parent / "ledger_report.py"
        if ledger_bench.exists():
            print(
                f"{ledger_bench.name} is present: run it for the report against hand-written SQL at 10,000,000 events"
            )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
