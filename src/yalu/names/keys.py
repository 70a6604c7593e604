"""Match keys of a name: its candidate Hangul readings and a romanization-blind skeleton."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import lru_cache

from .hangul import FINALS, INITIALS, MEDIALS, is_syllable, south_initial, split_syllable
from .hanja_readings import given_readings, split_hanzi_name, surname_reading
from .inventory import syllable_weights
from .latin import latin_readings
from .readings import Reading, make_reading
from .script import HANGUL, HANZI, LATIN, InvalidName, detect_script, normalize

MAX_HANGUL_CANDIDATES = 24
MAX_SKELETON_READINGS = 6
MAX_KEY_LENGTH = 64


@dataclass(frozen=True)
class NameKeys:
    script: str
    normalized: str
    hangul: tuple[str, ...]
    keys: tuple[str, ...]
    family_key: str | None
    given_key: str | None


def _hangul_readings(text: str) -> list[Reading]:
    words = text.split(" ")
    if len(words) >= 2:
        return [make_reading({words[0]}, [{syllable} for syllable in "".join(words[1:])], "hangul")]
    readings = []
    if len(text) >= 3 and surname_is_compound(text[:2]):
        readings.append(make_reading({text[:2]}, [{syllable} for syllable in text[2:]], "hangul"))
    readings.append(make_reading({text[0]}, [{syllable} for syllable in text[1:]], "hangul"))
    return readings


def surname_is_compound(pair: str) -> bool:
    from .data.surnames import COMPOUND_SURNAMES

    return pair in COMPOUND_SURNAMES


def _hanzi_readings(text: str) -> list[Reading]:
    words = text.split(" ")
    splits = [(words[0], "".join(words[1:]))] if len(words) >= 2 else split_hanzi_name(text)
    readings = []
    for family, given in splits:
        family_hangul = surname_reading(family)
        if family_hangul is None:
            continue
        syllables = [set(given_readings(character)) for character in given]
        if all(syllables):
            readings.append(make_reading({family_hangul}, syllables, "hanzi"))
    return readings


@lru_cache(maxsize=131072)
def readings_of(normalized: str) -> tuple[str, tuple[Reading, ...]]:
    """(script, readings) of a normalized name; raises InvalidName when it has none."""
    script = detect_script(normalized)
    if script == HANGUL:
        if not all(is_syllable(char) or char == " " for char in normalized):
            raise InvalidName(f"name has Hangul letters that are not whole syllables: {normalized!r}")
        found: tuple[Reading, ...] = tuple(_hangul_readings(normalized))
    elif script == HANZI:
        found = tuple(_hanzi_readings(normalized))
    elif script == LATIN:
        found = latin_readings(normalized)
    else:
        raise InvalidName(f"name mixes scripts or uses one not read here: {normalized!r}")
    return script, found


def _ordered(options: frozenset[str]) -> list[str]:
    weights = syllable_weights()
    return sorted(options, key=lambda syllable: (-weights[syllable], syllable))


def _best_combinations(columns: list[list[str]], limit: int) -> list[tuple[str, ...]]:
    """The `limit` combinations with the smallest sum of ranks, best first (k-best search)."""
    if any(not column for column in columns):
        return []
    start = tuple(0 for _ in columns)
    frontier = [(0, start)]
    seen = {start}
    found: list[tuple[str, ...]] = []
    while frontier and len(found) < limit:
        rank_sum, ranks = heapq.heappop(frontier)
        found.append(tuple(column[rank] for column, rank in zip(columns, ranks, strict=True)))
        for index, column in enumerate(columns):
            if ranks[index] + 1 < len(column):
                following = (*ranks[:index], ranks[index] + 1, *ranks[index + 1 :])
                if following not in seen:
                    seen.add(following)
                    heapq.heappush(frontier, (rank_sum + 1, following))
    return found


def hangul_candidates(readings: tuple[Reading, ...], limit: int) -> list[tuple[str, str]]:
    """(family, given) Hangul candidates, most likely first, the readings interleaved."""
    per_reading = [
        _best_combinations(
            [_ordered(reading.family), *(_ordered(options) for options in reading.given)], limit
        )
        for reading in readings
    ]
    ordered: dict[tuple[str, str], None] = {}
    for position in range(limit):
        for combinations in per_reading:
            if position < len(combinations):
                combination = combinations[position]
                ordered.setdefault((combination[0], "".join(combination[1:])), None)
    return list(ordered)[:limit]


# One letter per sound class, so that g/k/kh, j/ch, ŏ/o/eo all fall together.
_SKELETON_INITIALS = dict(zip(INITIALS, "kkntt nmppss_ccckt ph".replace(" ", ""), strict=True))
_SKELETON_VOWELS = dict(
    zip(
        MEDIALS,
        ("a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we")
        + ("we", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"),
        strict=True,
    )
)
_SKELETON_FINALS = {"ㄱ": "k", "ㄴ": "n", "ㄹ": "l", "ㅁ": "m", "ㅂ": "p", "ㅇ": "ng"}


def skeleton(hangul: str) -> str:
    """Latin skeleton that every romanization of the name shares: 박성철 -> "paksongcol"."""
    pieces = []
    for syllable in hangul:
        initial, medial, final = split_syllable(syllable)
        pieces.append(
            _SKELETON_INITIALS[INITIALS[initial]].replace("_", "")
            + _SKELETON_VOWELS[MEDIALS[medial]]
            + _SKELETON_FINALS.get(FINALS[final], "t" if final else "")
        )
    return "".join(pieces)


def name_keys(text: str, *, family: str | None = None, given: str | None = None) -> NameKeys:
    normalized = normalize(text)
    source = normalized
    if family is not None and given is not None and normalize(family) and normalize(given):
        source = _joined(normalize(family), normalize(given))
    script, readings = readings_of(source)
    candidates = hangul_candidates(readings, MAX_HANGUL_CANDIDATES)
    hangul = tuple(family_name + given_name for family_name, given_name in candidates)
    keys: list[str] = list(hangul)
    keys.extend(skeleton(name) for name in hangul[:MAX_SKELETON_READINGS])
    unique = tuple(key[:MAX_KEY_LENGTH] for key in dict.fromkeys(keys))
    family_key = candidates[0][0] if candidates else None
    given_key = candidates[0][1] if candidates and candidates[0][1] else None
    return NameKeys(script, normalized, hangul, unique, family_key, given_key)


def _joined(family: str, given: str) -> str:
    script = detect_script(family + given)
    if script == LATIN:
        return f"{family}, {given}"
    return f"{family} {given}"


__all__ = ["NameKeys", "name_keys", "readings_of", "skeleton", "south_initial"]
