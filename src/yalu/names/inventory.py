"""The syllables names are made of, and the Latin → Hangul tables built from them (built once)."""

from __future__ import annotations

from collections import Counter
from functools import cache

from hanja import table as hanja_table

from .data.surnames import SURNAMES
from .hangul import north_initial_variants, south_initial
from .hanja_readings import character_pinyin, surname_pinyin
from .romanize import SYSTEMS, syllable_forms

# Native (non-Sino-Korean) syllables common in given names: 하늘, 슬기, 보람, 한결.
_NATIVE_SYLLABLES = "늘슬람결빛솔샘별봄꽃님들찬솜잎노랑"


def _is_common_character(character: str) -> bool:
    """Big5 level 1: the 5,401 characters in everyday use, where Korean names draw from."""
    try:
        encoded = character.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xA4 <= encoded[0] <= 0xC6


@cache
def common_characters() -> dict[str, str]:
    """Common characters and their (original-form) Korean reading."""
    readings: dict[str, str] = hanja_table.hanja_table
    return {char: reading for char, reading in readings.items() if _is_common_character(char)}


# Syllables frequent in Korean given names; they go first among equally likely readings.
_FREQUENT_GIVEN_SYLLABLES = (
    "영민수현정호진지성준희은경철숙자순미연석우혁훈태광동상재용기원일남선화주하윤서규환식옥애명국종길인근"
)


@cache
def syllable_weights() -> Counter[str]:
    """How many common characters read as each syllable: a prior for ordering candidates."""
    weights: Counter[str] = Counter()
    for reading in common_characters().values():
        weights[reading] += 1
        weights[south_initial(reading)] += 1
    for syllable in _NATIVE_SYLLABLES:
        weights[syllable] += 1
    for syllable in _FREQUENT_GIVEN_SYLLABLES:
        weights[syllable] += 30
    return weights


@cache
def pinyin_weights() -> dict[str, Counter[str]]:
    """pinyin -> how many common characters of that pinyin read as each syllable."""
    counts: dict[str, Counter[str]] = {}
    for character, reading in common_characters().items():
        spelled = character_pinyin(character)
        if spelled:
            counts.setdefault(spelled, Counter())[reading] += 1
    return counts


@cache
def name_syllables() -> frozenset[str]:
    syllables: set[str] = set(syllable_weights())
    for surname in SURNAMES:
        syllables.update(surname)
    return frozenset(syllables)


@cache
def syllable_table(system: str, word_initial: bool) -> dict[str, frozenset[str]]:
    """Latin form -> the syllables it may write, in one system at one position."""
    if system == "pinyin":
        return pinyin_table()
    table: dict[str, set[str]] = {}
    for syllable in name_syllables():
        for form in syllable_forms(syllable, system, word_initial):
            table.setdefault(form, set()).add(syllable)
    return {form: frozenset(syllables) for form, syllables in table.items()}


@cache
def pinyin_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for character, reading in common_characters().items():
        spelled = character_pinyin(character)
        if spelled:
            table.setdefault(spelled, set()).add(reading)
    return {form: frozenset(syllables) for form, syllables in table.items()}


@cache
def family_table(system: str) -> dict[str, frozenset[str]]:
    """Latin family name -> canonical Hangul family names, in one system."""
    table: dict[str, set[str]] = {}
    for surname, (characters, popular) in SURNAMES.items():
        spellings: set[str] = set()
        if system == "pinyin":
            spellings.add(surname_pinyin(characters) if len(surname) == 2 else "")
            if len(surname) == 1:
                spellings.update(character_pinyin(character) for character in characters)
        else:
            forms = north_initial_variants(surname[0]) if len(surname) == 1 else {surname}
            for form in forms:
                spellings.update(_word_forms(form, system))
            if system == "popular":
                spellings.update(popular)
        for spelled in spellings - {""}:
            table.setdefault(spelled, set()).add(surname)
    return {form: frozenset(names) for form, names in table.items()}


def _word_forms(word: str, system: str) -> set[str]:
    forms = set(syllable_forms(word[0], system, True))
    for syllable in word[1:]:
        forms = {start + end for start in forms for end in syllable_forms(syllable, system, False)}
    return forms


LATIN_SYSTEMS = (*SYSTEMS, "pinyin")
