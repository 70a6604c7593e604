"""Deduplicate a synthetic registry: Yalu's linkage vs Splink with its default name comparisons.

    .venv/bin/python bench/linkage_dedupe.py [--persons 100000] [--duplicates 0.1] [--threshold 0.9]

The registry is `yalu.people.synthetic.generate_registry`: each base record carries the person's name in
Chinese characters (and, for half of them, in Hangul too). 10 % of the records are duplicates of a base
person written in another script or romanization (Hangul, McCune–Reischauer, DPRK, Revised Romanization,
pinyin), with the noise of real registers: birth month missing, birth year one off, another county of the
same prefecture, sex unknown. Keys are computed first, as the registry does when a name is written
(printed apart); then each system runs in its own process on the same records in DuckDB — train (u by
random sampling, m by EM), predict — and prints wall time, peak memory (RSS) and precision/recall/F1
against the known duplicates.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from yalu.linkage.records import COLUMNS, LinkageRecord, StoredName, linkage_row, name_from_text
from yalu.names.romanize import render_name
from yalu.people.synthetic import SyntheticPerson, generate_registry

COUNTIES = {
    "222401": 0.22, "222402": 0.05, "222403": 0.10, "222404": 0.06, "222405": 0.12, "222406": 0.08,
    "222424": 0.06, "222426": 0.05, "220581": 0.06, "220623": 0.05, "220681": 0.04, "210681": 0.04,
    "210682": 0.04, "210624": 0.03,
}
OTHER_SYSTEMS = ("hangul", "mr", "dprk", "rr", "pinyin")
BASELINE_COLUMNS = ("unique_id", "surname", "first_name", "sex", "birth_year", "birth_month", "area")
SEED = 1962


def prefecture_of(code: str) -> str:
    return code[:4] + "00"


def _stored(system: str, full: str, family: str = "", given: str = "") -> StoredName:
    found = name_from_text(system, full, family, given)
    if found is None:
        raise ValueError(f"unreadable synthetic name {full!r}")
    return found


def _written(person: SyntheticPerson, system: str) -> tuple[str, str, str]:
    """(full, family, given) of the person's name written in `system`."""
    hangul, hanzi, pinyin = person.names
    if system == "hangul":
        return hangul.full, hangul.family, hangul.given
    if system == "hanzi":
        return hanzi.full, hanzi.family, hanzi.given
    if system == "pinyin":
        return pinyin.full, pinyin.family, pinyin.given
    full = render_name(hangul.family, hangul.given, system)
    family, _, given = full.partition(" ")
    return full, family, given


Rows = list[dict[str, Any]]


def build_records(persons: int, share: float) -> tuple[Rows, Rows, set[tuple[int, int]]]:
    """(Yalu rows, baseline rows, true duplicate pairs) for a registry of about `persons` records."""
    rng = random.Random(SEED)
    base_count = round(persons * (1 - share))
    households = {code: max(1, round(base_count * weight / 4.2)) for code, weight in COUNTIES.items()}
    people, _links = generate_registry(households=households, seed=SEED)
    people = people[:base_count]
    ours: list[dict[str, Any]] = []
    baseline: list[dict[str, Any]] = []
    truth: set[tuple[int, int]] = set()

    def add(record_id: int, person: SyntheticPerson, systems: list[str], noisy: bool) -> None:
        sex, year, month, area = person.sex, person.birth_year, person.birth_month, person.home_area
        if noisy:
            if rng.random() < 0.5:
                month = None
            if rng.random() < 0.05:
                year += rng.choice((-1, 1))
            if rng.random() < 0.10:
                area = rng.choice([code for code in COUNTIES if prefecture_of(code) == prefecture_of(area)])
            if rng.random() < 0.05:
                sex = "U"
        names = []
        for system in systems:
            full, family, given = _written(person, system)
            names.append(_stored(system, full, family, given))
        ours.append(linkage_row(LinkageRecord(record_id, names, sex, year, month, area, prefecture_of(area))))
        first_full, first_family, first_given = _written(person, systems[0])
        baseline.append(
            {
                "unique_id": record_id,
                "surname": first_family or None,
                "first_name": first_given or None,
                "sex": sex if sex in ("M", "F") else None,
                "birth_year": year,
                "birth_month": month,
                "area": area,
            }
        )

    base_systems: dict[int, list[str]] = {}
    for index, person in enumerate(people, start=1):
        systems = ["hanzi", "hangul"] if rng.random() < 0.5 else ["hanzi"]
        base_systems[index] = systems
        add(index, person, systems, noisy=False)
    duplicate_count = persons - base_count
    for offset, base_index in enumerate(rng.sample(range(1, len(people) + 1), duplicate_count)):
        record_id = len(people) + offset + 1
        choices = [system for system in OTHER_SYSTEMS if system not in base_systems[base_index]]
        add(record_id, people[base_index - 1], [rng.choice(choices)], noisy=True)
        truth.add((base_index, record_id))
    return ours, baseline, truth


def write_parquet(rows: list[dict[str, Any]], columns: tuple[str, ...], path: Path) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    if columns == COLUMNS:
        from yalu.linkage.engines import arrow_table

        table = arrow_table(rows)
    else:
        table = pa.Table.from_pylist(rows)
    pq.write_table(table, path)


# --- the two systems, each run in its own process --------------------------------------------------


def run_yalu(data: Path, threshold: float) -> list[tuple[int, int]]:
    import pyarrow.parquet as pq

    from yalu.linkage import splink_model
    from yalu.linkage.engines import DuckDBEngine

    rows = pq.read_table(data).to_pylist()
    engine = DuckDBEngine()
    result = splink_model.dedupe(engine, rows, threshold=threshold, progress=lambda _message, _percent: None)
    return [(p.left_id, p.right_id) for p in result.predictions]


def run_baseline(data: Path, threshold: float) -> list[tuple[int, int]]:
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    connection = duckdb.connect(":memory:")
    connection.execute(f"CREATE TABLE registry AS SELECT * FROM read_parquet('{data}')")
    db_api = DuckDBAPI(connection)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("surname"),
            cl.NameComparison("first_name"),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("birth_month"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("area"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname", "first_name"),
            block_on("first_name", "birth_year"),
        ],
        retain_matching_columns=False,
    )
    linker = Linker(db_api.register("registry"), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname", "first_name", "birth_year", "sex")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=SEED)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("surname", "first_name"), estimate_without_term_frequencies=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_year", "birth_month", "sex", "area"), estimate_without_term_frequencies=True, max_pairs=2e6
    )
    frame = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    return [(int(row["unique_id_l"]), int(row["unique_id_r"])) for row in frame.as_record_list()]


def child(system: str, data: Path, threshold: float) -> None:
    import logging

    logging.disable(logging.WARNING)
    started = time.perf_counter()
    pairs = run_yalu(data, threshold) if system == "yalu" else run_baseline(data, threshold)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak_mib, "pairs": pairs}))


def prepare(persons: int, share: float, folder: Path) -> None:
    started = time.perf_counter()
    ours, baseline, truth = build_records(persons, share)
    print(f"records and name keys built in {time.perf_counter() - started:.1f} s (done at write time in Yalu)")
    write_parquet(ours, COLUMNS, folder / "yalu.parquet")
    write_parquet(baseline, BASELINE_COLUMNS, folder / "baseline.parquet")
    (folder / "truth.json").write_text(json.dumps(sorted(truth)))


def scores(pairs: list[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    found = {tuple(sorted(pair)) for pair in pairs}
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--duplicates", type=float, default=0.1)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--child", choices=("prepare", "yalu", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="keep the prepared records in this folder (and reuse them)")
    args = parser.parse_args()
    if args.child == "prepare":
        prepare(args.persons, args.duplicates, args.data)
        return
    if args.child:
        child(args.child, args.data, args.threshold)
        return
    print(f"== synthetic registry: {args.persons:,} records, {args.duplicates:.0%} duplicates in other scripts")
    with tempfile.TemporaryDirectory() as scratch:
        folder = str(args.keep or scratch)
        Path(folder).mkdir(parents=True, exist_ok=True)
        # every step runs in a process of its own, so that each one's peak memory is its own
        if not (Path(folder) / "truth.json").exists():
            subprocess.run(
                [sys.executable, __file__, "--child", "prepare", "--data", folder, "--persons", str(args.persons),
                 "--duplicates", str(args.duplicates)],
                check=True,
            )
        truth = {(a, b) for a, b in json.loads((Path(folder) / "truth.json").read_text())}
        data = {"yalu": Path(folder) / "yalu.parquet", "baseline": Path(folder) / "baseline.parquet"}
        results = {}
        for system in ("yalu", "baseline"):
            output = subprocess.run(
                [sys.executable, __file__, "--child", system, "--data", str(data[system]),
                 "--threshold", str(args.threshold)],
                check=True, capture_output=True, text=True,
            ).stdout
            results[system] = json.loads(output.strip().splitlines()[-1])
            precision, recall, f1 = scores([tuple(pair) for pair in results[system]["pairs"]], truth)
            print(f"  {system}: {results[system]['seconds']:.1f} s, F1 {f1:.3f}", flush=True)
    print(f"{'system':10} {'time s':>8} {'peak MiB':>9} {'pairs':>8} {'P':>6} {'R':>6} {'F1':>6}")
    for system, label in (("yalu", "yalu"), ("baseline", "splink")):
        result = results[system]
        precision, recall, f1 = scores([tuple(pair) for pair in result["pairs"]], truth)
        print(f"{label:10} {result['seconds']:8.1f} {result['peak_mib']:9.0f} {len(result['pairs']):8,} "
              f"{precision:6.3f} {recall:6.3f} {f1:6.3f}")
    ratio = results["yalu"]["seconds"] / results["baseline"]["seconds"]
    print(f"time ratio yalu/splink = {ratio:.2f} (target <= 1.2); "
          f"peak memory yalu {results['yalu']['peak_mib'] / 1024:.2f} GiB (target < 8)")


if __name__ == "__main__":
    main()
