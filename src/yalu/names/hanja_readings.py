"""Chinese characters → Korean readings and pinyin, with family-name readings corrected.

The `hanja` table gives one reading per character, in its original form (李 리, 林 림);
the South Korean form (이, 임) follows from the initial-sound law. `pypinyin` gives the
common-word pinyin; family names are read from corrections.SURNAME_PINYIN.
"""

from __future__ import annotations

from functools import lru_cache

from hanja import table as hanja_table
from pypinyin import Style, lazy_pinyin, pinyin

from .data.corrections import (
    COMPOUND_SURNAME_PINYIN,
    EXTRA_READINGS,
    SURNAME_PINYIN,
    SURNAME_READINGS,
)
from .data.simplified import TRADITIONAL
from .data.surnames import SURNAMES
from .hangul import south_initial

_READINGS: dict[str, str] = hanja_table.hanja_table

# Family names written in Chinese characters, traditional forms: "皇甫" -> "황보".
SURNAME_BY_HANZI: dict[str, str] = {}
for _hangul, (_characters, _spellings) in SURNAMES.items():
    if len(_hangul) == 2:
        SURNAME_BY_HANZI[_characters] = _hangul
    else:
        for _character in _characters:
            SURNAME_BY_HANZI.setdefault(_character, _hangul)


def traditional(character: str) -> str:
    return TRADITIONAL.get(character, character)


@lru_cache(maxsize=65536)
def given_readings(character: str) -> tuple[str, ...]:
    """Korean readings of one character in a given name, original (North) form first."""
    form = traditional(character)
    readings = list(EXTRA_READINGS.get(form, ()))
    base = _READINGS.get(form)
    if base is not None and base not in readings:
        readings.insert(0, base)
    return tuple(readings)


@lru_cache(maxsize=8192)
def surname_reading(characters: str) -> str | None:
    """Canonical (South) Hangul of a family name written in Chinese characters."""
    form = "".join(traditional(character) for character in characters)
    if form in SURNAME_BY_HANZI:
        return SURNAME_BY_HANZI[form]
    if len(form) == 1:
        if form in SURNAME_READINGS:
            return SURNAME_READINGS[form]
        base = _READINGS.get(form)
        return south_initial(base) if base else None
    return None


def split_hanzi_name(text: str) -> list[tuple[str, str]]:
    """Possible (family, given) splits of an unspaced name: compound family names first."""
    splits: list[tuple[str, str]] = []
    if len(text) >= 3 and surname_reading(text[:2]) is not None:
        splits.append((text[:2], text[2:]))
    if len(text) >= 2:
        splits.append((text[:1], text[1:]))
    elif text:
        splits.append((text, ""))
    return splits


@lru_cache(maxsize=65536)
def character_pinyin(character: str) -> str:
    if character in SURNAME_PINYIN:
        return SURNAME_PINYIN[character]
    readings = lazy_pinyin(character, style=Style.NORMAL, errors="ignore")
    return readings[0] if readings else ""


@lru_cache(maxsize=65536)
def character_pinyins(character: str) -> tuple[str, ...]:
    """Every pinyin reading of a character, toneless, the common one first."""
    readings = pinyin(character, style=Style.NORMAL, heteronym=True, errors="ignore")
    found: list[str] = [character_pinyin(character)] if readings else []
    for option in readings[0] if readings else []:
        if option and option not in found:
            found.append(option)
    return tuple(found)


def surname_pinyin(characters: str) -> str:
    if characters in COMPOUND_SURNAME_PINYIN:
        return COMPOUND_SURNAME_PINYIN[characters]
    return "".join(character_pinyin(character) for character in characters)


def given_pinyin(characters: str) -> str:
    return "".join(
        lazy_pinyin(characters, style=Style.NORMAL, errors="ignore")
    )
