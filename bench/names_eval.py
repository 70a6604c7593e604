"""Evaluate yalu.names.compare: precision, recall, F1 per kind, hard negatives, keys/sec.

    .venv/bin/python bench/names_eval.py [path/to/names-dev.tsv]

The dev file is split in two by a hash of each row: the "calibrate" half is where the threshold
is chosen (printed as a suggestion), the "held-out" half is reported apart. A generated set
(names rendered by our own renderers, with hard negatives built the same way as the dev file's)
is reported as a second held-out set.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from yalu.names import InvalidName, compare, name_keys
from yalu.names.compare import SAME_PERSON_THRESHOLD
from yalu.names.data.surnames import SURNAMES
from yalu.names.hangul import MEDIALS, join_syllable, split_syllable
from yalu.names.hanja_readings import character_pinyin, surname_pinyin
from yalu.names.inventory import common_characters
from yalu.names.romanize import render_name, syllable_forms

DEFAULT_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "names-dev.tsv"
Row = tuple[str, str, int, str]


def load_dev(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [
            (row["a"], row["b"], int(row["same"]), row["kind"])
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def split_half(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    calibrate: list[Row] = []
    held_out: list[Row] = []
    for row in rows:
        digest = hashlib.sha256(f"{row[0]}\t{row[1]}".encode()).digest()
        (calibrate if digest[0] % 2 == 0 else held_out).append(row)
    return calibrate, held_out


def scored(rows: list[Row]) -> list[tuple[float, int, str, Row]]:
    results = []
    for row in rows:
        try:
            score = compare(row[0], row[1]).score
        except InvalidName:
            score = 0.0
        results.append((score, row[2], row[3], row))
    return results


def report(title: str, results: list[tuple[float, int, str, Row]], threshold: float) -> None:
    print(f"\n== {title} ({len(results)} pairs, threshold {threshold}) ==")
    by_kind: dict[str, list[tuple[float, int, str, Row]]] = defaultdict(list)
    for result in results:
        by_kind[result[2]].append(result)
    for kind, items in [("ALL", results), *sorted(by_kind.items())]:
        tp = sum(1 for s, same, _, _ in items if same and s >= threshold)
        fp = sum(1 for s, same, _, _ in items if not same and s >= threshold)
        fn = sum(1 for s, same, _, _ in items if same and s < threshold)
        negatives = sum(1 for _, same, _, _ in items if not same)
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        accepted = f"  negatives accepted {fp}/{negatives} = {fp / negatives:.2%}" if negatives else ""
        print(f"{kind:32} P={precision:.3f} R={recall:.3f} F1={f1:.3f}{accepted}")


def errors(results: list[tuple[float, int, str, Row]], threshold: float, limit: int = 12) -> None:
    wrong = [r for r in results if (r[0] >= threshold) != bool(r[1])]
    for score, _same, kind, row in wrong[:limit]:
        print(f"   {score:.2f} {kind:30} {row[0]!r} vs {row[1]!r}")


def calibrate(results: list[tuple[float, int, str, Row]]) -> float:
    """Lowest threshold keeping precision >= 0.99 on the calibration half."""
    best = 1.0
    for threshold in sorted({round(r[0], 4) for r in results if r[0] > 0}, reverse=True):
        tp = sum(1 for s, same, _, _ in results if same and s >= threshold)
        fp = sum(1 for s, same, _, _ in results if not same and s >= threshold)
        if tp and tp / (tp + fp) >= 0.99:
            best = threshold
    return best


# --- the generated set ---------------------------------------------------------------

def _random_name(rng: random.Random, by_reading: dict[str, list[str]]) -> tuple[str, str, str, str]:
    """(family hangul, family hanzi, given hangul, given hanzi)."""
    family = rng.choice([name for name, (chars, _) in SURNAMES.items() if chars])
    family_chars = SURNAMES[family][0] if len(family) == 2 else rng.choice(SURNAMES[family][0])
    given_hangul, given_hanzi = "", ""
    for _ in range(rng.choice((1, 2, 2, 2, 2))):
        reading = rng.choice(list(by_reading))
        given_hangul += reading
        given_hanzi += rng.choice(by_reading[reading])
    return family, family_chars, given_hangul, given_hanzi


def _renderings(rng: random.Random, name: tuple[str, str, str, str]) -> list[str]:
    family, family_chars, given, given_chars = name
    forms = [family + given, family_chars + given_chars]
    for system in ("rr", "mr", "mr_plain", "dprk"):
        forms.append(render_name(family, given, system))
    popular_given = "-".join(
        rng.choice(sorted(syllable_forms(s, "popular", i == 0))) for i, s in enumerate(given)
    ).capitalize()
    forms.append(f"{rng.choice(SURNAMES[family][1]).capitalize()} {popular_given}")
    pinyin_given = "".join(character_pinyin(c) for c in given_chars).capitalize()
    forms.append(f"{surname_pinyin(family_chars).capitalize()} {pinyin_given}")
    dprk = render_name(family, given, "dprk").split(" ")
    forms.append(" ".join(dprk[1:]) + " " + dprk[0].upper())
    return forms


def _altered(rng: random.Random, name: tuple[str, str, str, str],
             by_reading: dict[str, list[str]]) -> tuple[str, tuple[str, str, str, str]]:
    family, family_chars, given, given_chars = name
    how = rng.choice(("one syllable", "swapped", "other surname", "similar sound"))
    if how == "swapped" and len(given) == 2 and given[0] != given[1]:
        return how, (family, family_chars, given[::-1], given_chars[::-1])
    if how == "other surname":
        other = _random_name(rng, by_reading)
        if other[0] != family:
            return how, (other[0], other[1], given, given_chars)
    index = rng.randrange(len(given))
    if how == "similar sound":
        initial, medial, final = split_syllable(given[index])
        near = {"ㅓ": "ㅗ", "ㅗ": "ㅓ", "ㅏ": "ㅓ", "ㅜ": "ㅡ", "ㅡ": "ㅜ", "ㅕ": "ㅛ", "ㅛ": "ㅕ"}
        swapped = near.get(MEDIALS[medial])
        if swapped:
            syllable = join_syllable(initial, MEDIALS.index(swapped), final)
            if syllable in by_reading:
                new_given = given[:index] + syllable + given[index + 1 :]
                chars = given_chars[:index] + rng.choice(by_reading[syllable]) + given_chars[index + 1 :]
                return how, (family, family_chars, new_given, chars)
    reading = rng.choice([r for r in by_reading if r != given[index]])
    new_given = given[:index] + reading + given[index + 1 :]
    chars = given_chars[:index] + rng.choice(by_reading[reading]) + given_chars[index + 1 :]
    return "one syllable", (family, family_chars, new_given, chars)


def _written_alike(name: tuple[str, str, str, str], other: tuple[str, str, str, str]) -> bool:
    """True when a differing syllable has a spelling in common with its replacement.

    Such pairs are collisions no matcher can tell apart (the dev file notes and skips them).
    """
    for mine, theirs in zip(name[2], other[2], strict=False):
        if mine == theirs:
            continue
        for system in ("rr", "mr", "mr_plain", "dprk", "popular"):
            for initial in (True, False):
                if syllable_forms(mine, system, initial) & syllable_forms(theirs, system, initial):
                    return True
    for mine_char, theirs_char in zip(name[3], other[3], strict=False):
        if mine_char != theirs_char and character_pinyin(mine_char) == character_pinyin(theirs_char):
            return True
    return False


def generated_rows(seed: int, count: int) -> list[Row]:
    rng = random.Random(seed)
    by_reading: dict[str, list[str]] = defaultdict(list)
    for character, reading in sorted(common_characters().items()):
        if reading[0] not in "력련렬령례로록론뢰료룡루류륙륜률륭릉리린림립녀년념녕노뇨뉴니":
            by_reading[reading].append(character)
    rows: list[Row] = []
    for _ in range(count):
        name = _random_name(rng, by_reading)
        forms = _renderings(rng, name)
        first, second = rng.sample(forms, 2)
        rows.append((first, second, 1, "gen_positive"))
        how, other = _altered(rng, name, by_reading)
        other_forms = _renderings(rng, other)
        index = rng.randrange(len(forms))
        mine, theirs = forms[index], other_forms[rng.randrange(len(other_forms))]
        if mine != theirs and not _written_alike(name, other):
            rows.append((mine, theirs, 0, f"gen_hard_negative:{how}"))
    return rows


def throughput(names: list[str]) -> float:
    from yalu.names.keys import readings_of

    readings_of.cache_clear()
    start = time.perf_counter()
    for name in names:
        with contextlib.suppress(InvalidName):
            name_keys(name)
    return len(names) / (time.perf_counter() - start)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DEV
    rows = load_dev(path)
    calibration_rows, held_out_rows = split_half(rows)
    calibration = scored(calibration_rows)
    suggested = calibrate(calibration)
    print(
        f"threshold in use {SAME_PERSON_THRESHOLD} (full agreement scores 1.0; any disagreement "
        f"scores <= 0.77); lowest threshold with precision >= 0.99 on the calibration half: {suggested}"
    )
    report("dev: calibration half", calibration, SAME_PERSON_THRESHOLD)
    held_out = scored(held_out_rows)
    report("dev: held-out half", held_out, SAME_PERSON_THRESHOLD)
    errors(calibration + held_out, SAME_PERSON_THRESHOLD)
    generated = scored(generated_rows(seed=20240601, count=1500))
    report("generated held-out set", generated, SAME_PERSON_THRESHOLD)
    errors(generated, SAME_PERSON_THRESHOLD)
    names = sorted({row[0] for row in rows} | {row[1] for row in rows})
    generated_names = sorted({row[0] for row in generated_rows(seed=99, count=4000)})
    print(f"\nkeys/sec (cold caches, {len(names) + len(generated_names)} names): "
          f"{throughput(names + generated_names):,.0f}")


if __name__ == "__main__":
    main()
