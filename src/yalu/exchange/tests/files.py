"""Small exchange-format files for the tests, written the way a sender would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

MOVEMENT_COLUMNS = [
    "ref",
    "event",
    "occurred_on",
    "area",
    "sector",
    "related_ref",
    "person_ref",
    "family_name",
    "given_name",
    "full_name",
    "sex",
    "birth_date",
    "nationality",
    "note",
]


def movement(ref: str, **values: Any) -> dict[str, str]:
    row = {
        "ref": ref,
        "event": "crossing_detected",
        "occurred_on": "1961-07-14",
        "area": "222405",
        "sector": "T-222405",
        "full_name": "",
        "sex": "M",
        "birth_date": "1931",
        "nationality": "CN",
    }
    row.update({key: str(value) for key, value in values.items()})
    return row


def movements(count: int, start: int = 1) -> list[dict[str, str]]:
    """`count` crossings of different persons, every third followed by its outcome (same person_ref)."""
    given = ["성철", "영숙", "순옥", "광수", "명희", "철수", "영호", "정숙", "금순", "동일"]
    family = ["김", "리", "박", "최", "정"]
    rows = []
    for index in range(start, start + count):
        rows.append(
            movement(
                f"M-{index}",
                person_ref=f"P-{index}",
                family_name=family[index % 5],
                given_name=given[index % 10] + ("" if index < 50 else ""),
                birth_date=str(1900 + index % 60),
                occurred_on=f"1961-{1 + index % 12:02d}-{1 + index % 28:02d}",
            )
        )
    return rows


def write_csv(
    path: Path, rows: list[dict[str, str]], columns: list[str] | None = None, encoding: str = "utf-8"
) -> Path:
    columns = columns or MOVEMENT_COLUMNS
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    from openpyxl import Workbook

    columns = columns or MOVEMENT_COLUMNS
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column, "") or None for column in columns])
    workbook.save(path)
    return path
