"""Search in any script over a synthetic registry: p50/p95 of people.queries.search_people.

    .venv/bin/python bench/search_people.py [--persons 100000] [--queries 200] [--database-url URL]

Builds its own throwaway database (SQLite in a temporary folder unless --database-url names another,
e.g. a private PostgreSQL from scripts/pg.sh — its tables are created by migrate and left there), fills
it with `generate_registry` persons whose names are stored in Hangul, Chinese characters and pinyin with
their keys (as `create_person` stores them, written in bulk), then times what the list page does — the
count and the first page of 50, ranked — for queries written in Hangul, Chinese characters, pinyin and
the DPRK / McCune–Reischauer romanizations, as a user seeing the whole country and as a county clerk.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

SEED = 1962
NAME_COLUMNS = ("system", "family", "given", "full", "source", "search_text", "key_hangul", "key_family", "key_given")
TARGET_P95_MS = 100.0


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yalu.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


PERSON_COLUMNS = (
    "id", "home_area_id", "sex", "birth_year", "birth_month", "birth_day", "nationality", "description", "note",
    "created_at", "updated_at", "created_by_id", "source_ref",
)  # fmt: skip
BATCH = 20_000
KEYED = {"names": 0.0, "seconds": 0.0}  # distinct spellings keyed while filling, and the time it took


def registry_rows(people: list[Any], first_ids: tuple[int, int, int], area_ids: dict[str, int]) -> Any:
    """Batches of (person rows, name rows, key rows) as tuples in the columns above, ids assigned here.

    Each distinct spelling is keyed once (`build_name`, as `create_person` keys it): the synthetic pool
    of names is small, so most of the million persons reuse a cached result.
    """
    from django.utils import timezone

    from yalu.people.actions import NameInput, build_name
    from yalu.people.models import Person

    now = timezone.now()
    person_id, name_id, key_id = first_ids
    built: dict[tuple[str, str, str, str], tuple[tuple[Any, ...], list[str]]] = {}
    placeholder = Person()
    for offset in range(0, len(people), BATCH):
        persons: list[tuple[Any, ...]] = []
        names: list[tuple[Any, ...]] = []
        keys: list[tuple[Any, ...]] = []
        for synthetic in people[offset : offset + BATCH]:
            persons.append(
                (
                    person_id, area_ids[synthetic.home_area], synthetic.sex, synthetic.birth_year,
                    synthetic.birth_month, synthetic.birth_day, synthetic.nationality, "", "", now, now, None,
                    synthetic.ref,
                )
            )  # fmt: skip
            for name in synthetic.names:
                cache_key = (name.system, name.full, name.family, name.given)
                cached = built.get(cache_key)
                if cached is None:
                    started = time.perf_counter()
                    row, name_keys = build_name(
                        placeholder, NameInput(system=name.system, full=name.full, family=name.family, given=name.given)
                    )
                    cached = built[cache_key] = (tuple(getattr(row, column) for column in NAME_COLUMNS), name_keys)
                    KEYED["names"] += 1
                    KEYED["seconds"] += time.perf_counter() - started
                values, name_keys = cached
                names.append((name_id, person_id, *values, now))
                for key in name_keys:
                    keys.append((key_id, name_id, person_id, key))
                    key_id += 1
                name_id += 1
            person_id += 1
        yield persons, names, keys


def _columns(table: str, columns: tuple[str, ...]) -> str:
    from django.db import connection

    quote = connection.ops.quote_name
    return f"{quote(table)} ({', '.join(quote(column) for column in columns)})"


def _fill_postgresql(batches: Any, tables: dict[str, tuple[str, ...]]) -> None:
    """COPY into the tables with their secondary indexes and foreign keys dropped, then rebuild them once."""
    from django.db import connection, transaction

    names = list(tables)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [names],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [names],
        )
        indexes = cursor.fetchall()
        for table, constraint, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
        for index, _definition in indexes:
            cursor.execute(f'DROP INDEX "{index}"')
        written = 0
        for batch in batches:
            for (table, columns), rows in zip(tables.items(), batch, strict=True):
                with cursor.copy(f"COPY {_columns(table, columns)} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            written += len(batch[0])
            print(f"  {written:,} persons written", end="\r", flush=True)
        print()
        started = time.perf_counter()
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _index, definition in indexes:
            cursor.execute(definition)
        for table, constraint, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {definition}')
        print(f"  indexes and foreign keys rebuilt in {time.perf_counter() - started:.0f} s")
    _set_sequences(tables)


def _set_sequences(tables: dict[str, tuple[str, ...]]) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from yalu.people.models import NameKey, Person, PersonName

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Person, PersonName, NameKey]):
            cursor.execute(statement)


def _fill_sqlite(batches: Any, tables: dict[str, tuple[str, ...]]) -> None:
    """executemany in one transaction with syncing, journaling and foreign key checks off; indexes built after."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA journal_mode = MEMORY")
        cursor.execute("PRAGMA cache_size = -1000000")
        cursor.execute("PRAGMA temp_store = MEMORY")
    with transaction.atomic(), connection.cursor() as cursor:
        marks = ", ".join("%s" for _ in tables)
        cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            list(tables),
        )
        indexes = cursor.fetchall()
        for index, _definition in indexes:
            cursor.execute(f'DROP INDEX "{index}"')
        written = 0
        for batch in batches:
            for (table, columns), rows in zip(tables.items(), batch, strict=True):
                places = ", ".join("%s" for _ in columns)
                cursor.executemany(f"INSERT INTO {_columns(table, columns)} VALUES ({places})", rows)
            written += len(batch[0])
            print(f"  {written:,} persons written", end="\r", flush=True)
        print()
        started = time.perf_counter()
        for _index, definition in indexes:
            cursor.execute(definition)
        print(f"  indexes rebuilt in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = ON")


def populate(persons: int) -> list[Any]:
    """Write the registry in bulk; returns the synthetic persons (in the order of their ids)."""
    from django.db import connection

    from yalu.areas.models import Area
    from yalu.people.models import NameKey, Person, PersonName
    from yalu.people.synthetic import generate_registry

    counties = list(Area.objects.filter(kind="county", state="CN").order_by("code"))
    households = {county.code: max(1, persons // (4 * len(counties))) for county in counties}
    started = time.perf_counter()
    people, _links = generate_registry(households=households, seed=SEED)
    people = people[:persons]
    print(f"  {len(people):,} synthetic persons generated in {time.perf_counter() - started:.0f} s")
    first_ids = tuple(
        (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        for model in (Person, PersonName, NameKey)
    )
    tables = {
        Person._meta.db_table: PERSON_COLUMNS,
        PersonName._meta.db_table: ("id", "person_id", *NAME_COLUMNS, "created_at"),
        NameKey._meta.db_table: ("id", "name_id", "person_id", "key"),
    }
    batches = registry_rows(people, (first_ids[0], first_ids[1], first_ids[2]), {c.code: c.pk for c in counties})
    if connection.vendor == "postgresql":
        _fill_postgresql(batches, tables)
    else:
        _fill_sqlite(batches, tables)
    print(f"  {KEYED['names']:,.0f} distinct spellings keyed in {KEYED['seconds']:.0f} s (within the writing)")
    return people


def queries(people: list[Any], count: int) -> dict[str, list[str]]:
    from yalu.names.romanize import render_name

    rng = random.Random(SEED)
    sample = rng.sample(people, min(count, len(people)))
    found: dict[str, list[str]] = {"hangul": [], "hanzi": [], "pinyin": [], "dprk / mr": []}
    for person in sample:
        hangul, hanzi, pinyin = person.names
        found["hangul"].append(hangul.full)
        found["hanzi"].append(hanzi.full)
        found["pinyin"].append(pinyin.full)
        found["dprk / mr"].append(render_name(hangul.family, hangul.given, rng.choice(("dprk", "mr"))))
    return found


def time_search(user: Any, texts: list[str]) -> list[float]:
    from yalu.people.queries import search_people

    timings = []
    for text in texts:
        started = time.perf_counter()
        results = search_people(user, q=text)
        results.count()
        list(results[:50])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def stored_people(count: int) -> list[Any]:
    """A sample of the persons already in the database, shaped like the synthetic ones (for --reuse)."""
    from types import SimpleNamespace

    from yalu.people.models import Person, PersonName

    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    sample = sorted(random.Random(SEED).sample(ids, min(count * 2, len(ids))))
    names: dict[int, dict[str, Any]] = {}
    for name in PersonName.objects.filter(person_id__in=sample, system__in=("hangul", "hanzi", "pinyin")):
        names.setdefault(name.person_id, {})[name.system] = name
    return [
        SimpleNamespace(names=(found["hangul"], found["hanzi"], found["pinyin"]))
        for found in names.values()
        if len(found) == 3
    ][:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reuse", action="store_true", help="time the persons already in --database-url, write none")
    parser.add_argument("--rounds", type=int, default=1, help="time every query this many times, one line a round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/search-bench.sqlite3"
        setup_django(url)
        from django.db import connection

        from yalu.areas.models import Area
        from yalu.core.models import User
        from yalu.people.models import Person

        if args.reuse:
            print(f"== search_people over the {Person.objects.count():,} persons stored, on {connection.vendor}")
            people = stored_people(args.queries)
        else:
            print(f"== search_people over {args.persons:,} persons on {connection.vendor}")
            started = time.perf_counter()
            people = populate(args.persons)
            print(f"registry written in {time.perf_counter() - started:.0f} s")
            with connection.cursor() as cursor:  # what autovacuum does to a live database: statistics, visibility
                cursor.execute(
                    "VACUUM ANALYZE people_person, people_personname, people_namekey"
                    if connection.vendor == "postgresql"
                    else "ANALYZE"
                )
        country = User.objects.create(username=f"bench-country-{time.time_ns()}", is_superuser=True)
        county = User.objects.create(
            username=f"bench-county-{time.time_ns()}", jurisdiction=Area.objects.get(code="222405")
        )
        texts = queries(people, args.queries)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW shared_buffers")
                print(f"PostgreSQL shared_buffers {cursor.fetchone()[0]}")
        for round_number in range(1, args.rounds + 1):
            worst = 0.0
            load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"round {round_number}: load average {load} on {os.cpu_count()} cores")
            print(f"{'user':8} {'script':10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for label, user in (("country", country), ("county", county)):
                time_search(user, texts["hangul"][:5])  # warm the caches
                for script, items in texts.items():
                    timings = time_search(user, items)
                    p95 = percentile(timings, 0.95)
                    worst = max(worst, p95)
                    print(f"{label:8} {script:10} {statistics.median(timings):8.1f} {p95:8.1f} {max(timings):8.1f}")
            print(f"worst p95 {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms)")


if __name__ == "__main__":
    main()
