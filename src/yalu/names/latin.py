"""Latin-script names → readings, one parse per romanization system.

A name is parsed in one system at a time (a DPRK spelling is not mixed with RR in one name,
popular spellings excepted, which include RR): this is what keeps "Pyo Jong-u" (RR, 표종우)
apart from 표정우, whose DPRK spelling is "Phyo Jong U".
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from .inventory import LATIN_SYSTEMS, family_table, syllable_table
from .readings import Reading, make_reading
from .romanize import fold_diacritics

_MAX_PIECE = 7
_MAX_SEGMENTATIONS = 6
_MR_MARKS = frozenset("ŏŭ'")
_GROUP_SPLIT = re.compile(r"[\s,.]+")
# Pinyin's syllable-dividing apostrophe (Xi'an, Su'ai, Chang'e): after a vowel or n, g, r, before a, e, o.
# McCune–Reischauer's apostrophes follow k, t, p, ch (aspiration) or stand before g (Han'guk): never this.
_PINYIN_APOSTROPHE = re.compile(r"(?<=[aeiouvnrg])'(?=[aeo])", re.IGNORECASE)


@lru_cache(maxsize=65536)
def segmentations(part: str, system: str, first_is_word_initial: bool) -> tuple[tuple[frozenset[str], ...], ...]:
    """Ways to cut an unspaced Latin part into syllables, each as its set of Hangul syllables."""
    initial_table = syllable_table(system, first_is_word_initial)
    medial_table = syllable_table(system, False)
    results: list[tuple[frozenset[str], ...]] = []

    def extend(start: int, sets: tuple[frozenset[str], ...]) -> None:
        if len(results) >= _MAX_SEGMENTATIONS:
            return
        if start == len(part):
            results.append(sets)
            return
        table = initial_table if start == 0 else medial_table
        for end in range(min(len(part), start + _MAX_PIECE), start, -1):
            syllables = table.get(part[start:end])
            if syllables:
                extend(end, (*sets, syllables))

    extend(0, ())
    return tuple(results)


def _given_options(groups: list[str], system: str) -> list[tuple[frozenset[str], ...]]:
    """Every way to read the given-name groups as a sequence of syllable sets."""
    per_part: list[tuple[tuple[frozenset[str], ...], ...]] = []
    first = True
    for group in groups:
        for part in group.split("-"):
            if not part:
                continue
            options = segmentations(part, system, first)
            if not options:
                return []
            per_part.append(options)
            first = False
    combined: list[tuple[frozenset[str], ...]] = []
    for choice in product(*per_part):
        combined.append(tuple(syllables for option in choice for syllables in option))
        if len(combined) >= _MAX_SEGMENTATIONS:
            break
    return combined


def _family_options(group: str, system: str, *, listed_only: bool = False) -> frozenset[str]:
    key = group.replace("-", "")
    found = family_table(system).get(key)
    if found or listed_only:
        return found or frozenset()
    # A family name missing from the list: accept it when it is one syllable.
    single = syllable_table(system, True).get(key)
    return single or frozenset()


def _orders(raw_groups: list[str]) -> list[tuple[int, bool]]:
    """(index of the family-name group, whether the order is certain)."""
    if len(raw_groups) == 1:
        return [(0, True)]
    letters = ["".join(char for char in group if char.isalpha()) for group in raw_groups]
    upper = [index for index, word in enumerate(letters) if len(word) > 1 and word.isupper()]
    if len(upper) == 1 and len(upper) < len(raw_groups):
        return [(upper[0], True)]
    return [(0, False), (len(raw_groups) - 1, False)]


@lru_cache(maxsize=65536)
def latin_readings(text: str) -> tuple[Reading, ...]:
    """Readings of a normalized Latin name, in every system it parses in."""
    text = _PINYIN_APOSTROPHE.sub("-", text)
    family_first_by_comma = "," in text
    raw_groups = [group for group in _GROUP_SPLIT.split(text.replace(",", " , ")) if group]
    raw_groups = [group.strip("-'") for group in raw_groups if group.strip("-'")]
    has_mr_marks = any(char in _MR_MARKS for char in text.lower())
    systems = ("mr",) if has_mr_marks else tuple(s for s in LATIN_SYSTEMS if s != "mr")
    orders = [(0, True)] if family_first_by_comma else _orders(raw_groups)
    readings: list[Reading] = []
    for system in systems:
        groups = [
            group.lower() if system == "mr" else fold_diacritics(group.lower()) for group in raw_groups
        ]
        for family_index, certain in orders:
            if not certain and family_index > 0 and (
                family_table(system).get(groups[0].replace("-", "")) or "-" in groups[family_index]
            ):
                continue  # the first group is a family name already: keep the usual order
            family = _family_options(
                groups[family_index], system, listed_only=not certain and family_index > 0
            )
            given_groups = groups[:family_index] + groups[family_index + 1 :]
            if family:
                for given in _given_options(given_groups, system):
                    readings.append(make_reading(family, list(given), system))
            if len(groups) == 1:
                readings.extend(_unspaced_readings(groups[0], system))
    return tuple(dict.fromkeys(readings))


def _unspaced_readings(group: str, system: str) -> list[Reading]:
    """"Parksungchul": try each family name the group starts with."""
    found: list[Reading] = []
    key = group.replace("-", "")
    for length in range(1, min(len(key), 9)):
        family = family_table(system).get(key[:length])
        if family:
            for given in _given_options([key[length:]], system):
                found.append(make_reading(family, list(given), system))
    return found
