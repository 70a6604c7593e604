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


def populate(persons: int) -> list[Any]:
    """Write the registry in bulk; returns the synthetic persons (in the order of their ids)."""
    from django.db import connection, transaction

    from yalu.areas.models import Area
    from yalu.people.actions import NameInput, build_name
    from yalu.people.models import NameKey, Person, PersonName
    from yalu.people.synthetic import generate_registry

    counties = list(Area.objects.filter(kind="county", state="CN").order_by("code"))
    households = {county.code: max(1, persons // (4 * len(counties))) for county in counties}
    people, _links = generate_registry(households=households, seed=SEED)
    people = people[:persons]
    by_code = {county.code: county for county in counties}
    start = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    name_id = (PersonName.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    if connection.vendor == "sqlite":  # a throwaway database: no need to survive a crash while filling it
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
    built: dict[tuple[str, str, str, str], tuple[Any, list[str]]] = {}
    batch = 5000
    for offset in range(0, len(people), batch):
        rows: list[Any] = []
        names: list[Any] = []
        keys: list[Any] = []
        for index, synthetic in enumerate(people[offset : offset + batch]):
            person = Person(
                pk=start + offset + index,
                home_area=by_code[synthetic.home_area],
                sex=synthetic.sex,
                birth_year=synthetic.birth_year,
                birth_month=synthetic.birth_month,
                birth_day=synthetic.birth_day,
                nationality=synthetic.nationality,
                source_ref=synthetic.ref,
            )
            rows.append(person)
            for name in synthetic.names:
                cache_key = (name.system, name.full, name.family, name.given)
                if cache_key not in built:  # common names recur: key each spelling once
                    built[cache_key] = build_name(
                        person, NameInput(system=name.system, full=name.full, family=name.family, given=name.given)
                    )
                template, name_keys = built[cache_key]
                row = PersonName(
                    person=person,
                    **{column: getattr(template, column) for column in NAME_COLUMNS},
                )
                row.pk = name_id
                name_id += 1
                names.append(row)
                keys.extend(NameKey(name_id=row.pk, person_id=person.pk, key=key) for key in name_keys)
        with transaction.atomic():
            Person.objects.bulk_create(rows)
            PersonName.objects.bulk_create(names)
            NameKey.objects.bulk_create(keys, batch_size=5000)
        print(f"  {min(offset + batch, len(people)):,} persons written", end="\r", flush=True)
    print()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/search-bench.sqlite3"
        setup_django(url)
        from django.db import connection

        from yalu.areas.models import Area
        from yalu.core.models import User

        print(f"== search_people over {args.persons:,} persons on {connection.vendor}")
        started = time.perf_counter()
        people = populate(args.persons)
        print(f"registry written in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        country = User.objects.create(username=f"bench-country-{time.time_ns()}", is_superuser=True)
        county = User.objects.create(
            username=f"bench-county-{time.time_ns()}", jurisdiction=Area.objects.get(code="222405")
        )
        texts = queries(people, args.queries)
        print(f"{'user':8} {'script':10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        worst = 0.0
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
