"""Benchmark of `manage.py import movements` on PostgreSQL against COPY of the same rows into a bare table.

    url=$(YALU_PG_PORT=55434 scripts/pg.sh start)
    DATABASE_URL="$url" PYTHONPATH=src .venv/bin/python bench/import_movements.py --rows 100000
    DATABASE_URL="$url" PYTHONPATH=src .venv/bin/python bench/import_movements.py --memory   # 100,000 vs 1,000,000

The import runs the whole path: checks, name keys, person matching, the ledger and its hash chain. It uses
a database of its own (yalu_bench_import, created afresh on the server DATABASE_URL names) and prints
both times and the ratio; --memory prints the peak memory of an import of 100,000 and of 1,000,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = "yalu_bench_import"
COLUMNS = [
    "ref", "event", "occurred_on", "area", "sector", "related_ref", "group_ref", "person_ref",
    "family_name", "given_name", "sex", "birth_date", "nationality", "note",
]  # fmt: skip
FAMILY = list("김리박최정강조윤장림한오서신권황안송전홍")
SYLLABLES = list("성철영숙순옥광수명희호정금동일춘화남길복만석진태용학기선미경자")
PLACES = [("222405", "T-222405"), ("222406", "T-222406"), ("222402", "T-222402"), ("222404", "T-222404")]
OUTCOMES = ["persuaded_to_return", "returned_voluntarily", "handed_back", "reported_abroad"]


def write_rows(path: Path, rows: int, seed: int = 1962) -> None:
    """Crossings of distinct persons; every third crossing is followed by its outcome (same person_ref)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        written = 0
        person = 0
        while written < rows:
            person += 1
            area, sector = rng.choice(PLACES)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            family, given = rng.choice(FAMILY), rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
            sex, born = rng.choice("MF"), str(rng.randint(1900, 1955))
            crossing = f"C-{person}"
            common = [f"P-{person}", family, given, sex, born, "CN", ""]
            writer.writerow(
                [crossing, "crossing_detected", f"1961-{month:02d}-{day:02d}", area, sector, "", "", *common]
            )
            written += 1
            if person % 3 == 0 and written < rows:
                outcome_day = min(28, day + rng.randint(0, 5))
                writer.writerow(
                    [f"O-{person}", rng.choice(OUTCOMES), f"1961-{month:02d}-{outcome_day:02d}", area, sector, crossing,
                     "", *common]
                )  # fmt: skip
                written += 1


def bench_url(server_url: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def fresh_database(server_url: str) -> str:
    import psycopg

    parts = urlsplit(server_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return bench_url(server_url)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yalu.config.settings")
    import django

    django.setup()


def copy_seconds(path: Path) -> float:
    """COPY of the same file into a bare table of text columns: the floor any import is measured against."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(f"CREATE TABLE bench_copy ({', '.join(f'{c} text' for c in COLUMNS)})")
    started = time.perf_counter()
    sql = "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
    with connection.cursor() as cursor, path.open("rb") as stream, cursor.cursor.copy(sql) as copy:
        while block := stream.read(1 << 20):
            copy.write(block)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


WRITTEN_TABLES = (
    "ledger_movementevent", "people_person", "people_personname", "people_namekey", "exchange_senderpersonref",
    "exchange_importedrow",
)  # fmt: skip


def written_copy_seconds() -> tuple[float, int]:
    """COPY of every row the import wrote into copies of its tables with their indexes (no foreign keys).

    This is the floor of any import that stores those rows: the events alone, with the indexes the reports
    and the re-imports need, cost several times the COPY into a bare table of text columns.
    """
    import io

    from django.db import connection

    total, rows = 0.0, 0
    with connection.cursor() as cursor:
        for table in WRITTEN_TABLES:
            buffer = io.BytesIO()
            with cursor.cursor.copy(f"COPY {table} TO STDOUT") as copy:
                for block in copy:
                    buffer.write(block)
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            rows += cursor.fetchone()[0]
            cursor.execute(f"DROP TABLE IF EXISTS bench_floor_{table}")
            cursor.execute(f"CREATE TABLE bench_floor_{table} (LIKE {table} INCLUDING ALL)")
            started = time.perf_counter()
            with cursor.cursor.copy(f"COPY bench_floor_{table} FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            total += time.perf_counter() - started
            cursor.execute(f"DROP TABLE bench_floor_{table}")
    return total, rows


def import_once(path: Path) -> tuple[float, dict[str, Any], str]:
    from yalu.core.models import Agency
    from yalu.exchange.actions import import_file

    started = time.perf_counter()
    batch = import_file(acting_user=None, kind="movements", sender=Agency.objects.get(code="yanbian-psb"), path=path)
    return time.perf_counter() - started, dict(batch.summary), str(batch.status)


def speed(server_url: str, rows: int) -> None:
    url = fresh_database(server_url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    with tempfile.TemporaryDirectory(prefix="yalu-bench-") as folder:
        os.environ["YALU_VAR_DIR"] = folder
        path = Path(folder) / "movements.csv"
        write_rows(path, rows)
        copied = copy_seconds(path)
        imported, summary, status = import_once(path)
        again, summary_again, _status = import_once(path)
        floor, floor_rows = written_copy_seconds()
    print(f"rows: {rows:,}")
    print(f"COPY into a bare table: {copied:.2f} s ({rows / copied:,.0f} rows/s)")
    print(
        f"import (checks, name keys, person matching, ledger, hash chain): {imported:.2f} s "
        f"({rows / imported:,.0f} rows/s)"
    )
    print(f"  status {status}, summary {json.dumps(summary)}")
    print(f"re-import of the same file (all unchanged): {again:.2f} s, summary {json.dumps(summary_again)}")
    print(f"ratio import / COPY: {imported / copied:.1f}x (target: within 5x)")
    print(
        f"floor: COPY of the {floor_rows:,} rows the import wrote (events, persons, names, keys, refs, rows) into "
        f"copies of their tables with indexes: {floor:.2f} s = {floor / copied:.1f}x the bare COPY"
    )


def memory_child(server_url: str, rows: int, trace: bool) -> None:
    url = fresh_database(server_url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    with tempfile.TemporaryDirectory(prefix="yalu-bench-") as folder:
        os.environ["YALU_VAR_DIR"] = folder
        path = Path(folder) / "movements.csv"
        write_rows(path, rows)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if trace:
            tracemalloc.start()
        seconds, summary, status = import_once(path)
        traced = tracemalloc.get_traced_memory()[1] if trace else 0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": rows, "seconds": seconds, "status": status, "summary": summary,
                      "rss_before_kib": before, "rss_peak_kib": peak, "traced_peak_bytes": traced}))  # fmt: skip


def memory(server_url: str, sizes: list[int], trace: bool) -> None:
    results = []
    for rows in sizes:
        command = [sys.executable, __file__, "--memory-child", "--rows", str(rows)] + (
            ["--tracemalloc"] if trace else []
        )
        done = subprocess.run(command, env=os.environ, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        traced = f", tracemalloc peak {result['traced_peak_bytes'] / 2**20:.1f} MiB" if trace else ""
        print(
            f"{rows:>9,} rows: {result['status']} in {result['seconds']:.0f} s, peak RSS "
            f"{result['rss_peak_kib'] / 1024:.1f} MiB (before the import {result['rss_before_kib'] / 1024:.1f} MiB)"
            f"{traced}"
        )
    small, large = results[0], results[-1]
    print(
        f"peak RSS ratio {large['rows']:,} / {small['rows']:,} rows: "
        f"{large['rss_peak_kib'] / small['rss_peak_kib']:.2f} (target: within 1.5)"
    )
    if trace:
        print(f"tracemalloc peak ratio: {large['traced_peak_bytes'] / small['traced_peak_bytes']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory", action="store_true", help="peak memory at 100,000 and 1,000,000 rows")
    parser.add_argument("--sizes", default="100000,1000000", help="row counts for --memory")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("set DATABASE_URL to a PostgreSQL server: url=$(YALU_PG_PORT=55434 scripts/pg.sh start)")
    if options.memory_child:
        memory_child(server_url, options.rows, options.tracemalloc)
    elif options.memory:
        memory(server_url, [int(size) for size in options.sizes.split(",")], options.tracemalloc)
    else:
        speed(server_url, options.rows)


if __name__ == "__main__":
    main()
