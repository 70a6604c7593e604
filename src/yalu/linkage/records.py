"""The rows Splink reads: one per person (or incoming record), built from the stored name keys.

Every column is a plain scalar so that the same SQL comparisons run on DuckDB and on Spark:
k1..k4 are the Hangul readings (each name's primary reading first), s1..s3 the romanization-blind
skeletons, py the toneless pinyin of a name written in Chinese characters or in pinyin.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from yalu.names import InvalidName, name_keys
from yalu.names.hanja_readings import character_pinyin, surname_pinyin

HANGUL_KEYS = 4
SKELETON_KEYS = 3
KEY_COLUMNS = tuple(f"k{index}" for index in range(1, HANGUL_KEYS + 1))
SKELETON_COLUMNS = tuple(f"s{index}" for index in range(1, SKELETON_KEYS + 1))
COLUMNS = (
    "unique_id",
    *KEY_COLUMNS,
    *SKELETON_COLUMNS,
    "py",
    "family",
    "given",
    "sex",
    "birth_year",
    "birth_month",
    "area",
    "prefecture",
)
COLUMN_TYPES = dict.fromkeys(COLUMNS, "VARCHAR") | {
    "unique_id": "BIGINT",
    "birth_year": "INTEGER",
    "birth_month": "INTEGER",
}


@dataclass(frozen=True)
class StoredName:
    """One name as stored: its system and text, its primary Hangul reading and all its keys, best first."""

    system: str
    full: str
    family: str = ""
    given: str = ""
    key_hangul: str = ""
    key_family: str = ""
    key_given: str = ""
    keys: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class LinkageRecord:
    """A person or an incoming record, as linkage sees it."""

    record_id: int
    names: Sequence[StoredName]
    sex: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    area: str = ""
    prefecture: str = ""


def _is_hangul(key: str) -> bool:
    return any("\uac00" <= char <= "\ud7a3" for char in key)


def _pinyin_of(name: StoredName) -> str:
    if name.system == "pinyin":
        return "".join(char for char in name.full.casefold().replace("ü", "v") if char.isalpha())
    if name.system != "hanzi":
        return ""
    if name.family and name.given:
        text = surname_pinyin(name.family) + "".join(character_pinyin(char) for char in name.given)
    else:
        text = "".join(character_pinyin(char) for char in name.full if not char.isspace())
    return text.casefold()


def _interleaved(lists: Iterable[Sequence[str]], limit: int) -> list[str]:
    """The first `limit` distinct items taking one from each list in turn (every name's best first)."""
    found: dict[str, None] = {}
    columns = [list(items) for items in lists]
    depth = 0
    while len(found) < limit and any(depth < len(column) for column in columns):
        for column in columns:
            if depth < len(column) and column[depth]:
                found.setdefault(column[depth], None)
        depth += 1
    return list(found)[:limit]


def linkage_row(record: LinkageRecord) -> dict[str, Any]:
    """The Splink input row of one record; empty key columns are None (Splink's nulls)."""
    hangul = _interleaved(
        ([name.key_hangul, *(key for key in name.keys if _is_hangul(key))] for name in record.names), HANGUL_KEYS
    )
    skeletons = _interleaved(
        ([key for key in name.keys if key and not _is_hangul(key)] for name in record.names), SKELETON_KEYS
    )
    pinyin = next((text for text in map(_pinyin_of, record.names) if text), "")
    first = next((name for name in record.names if name.key_hangul), None)
    row: dict[str, Any] = {"unique_id": record.record_id}
    for columns, values in ((KEY_COLUMNS, hangul), (SKELETON_COLUMNS, skeletons)):
        for index, column in enumerate(columns):
            row[column] = values[index] if index < len(values) else None
    row["py"] = pinyin or None
    row["family"] = (first.key_family if first else "") or None
    row["given"] = (first.key_given if first else "") or None
    row["sex"] = record.sex if record.sex in ("M", "F") else None
    row["birth_year"] = record.birth_year
    row["birth_month"] = record.birth_month
    row["area"] = record.area or None
    row["prefecture"] = record.prefecture or None
    return row


def name_from_text(system: str, full: str, family: str = "", given: str = "") -> StoredName | None:
    """A name not (yet) stored, keyed the way the registry keys names; None when it cannot be read."""
    try:
        keys = name_keys(full or f"{family} {given}".strip(), family=family or None, given=given or None)
    except InvalidName:
        return None
    return StoredName(
        system=system,
        full=keys.normalized,
        family=family,
        given=given,
        key_hangul=keys.hangul[0] if keys.hangul else "",
        key_family=keys.family_key or "",
        key_given=keys.given_key or "",
        keys=keys.keys,
    )


def linkage_rows(records: Iterable[LinkageRecord]) -> Iterator[dict[str, Any]]:
    for record in records:
        yield linkage_row(record)
