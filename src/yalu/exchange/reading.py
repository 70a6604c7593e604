"""Reading the exchange formats as a stream of rows: CSV, JSON Lines, XLSX (first sheet), in declared encodings."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from yalu.exchange.rows import FileRefused, RowError

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}
# What a caller may declare, and the codec that reads it (utf-8-sig reads UTF-8 with or without a BOM).
ENCODINGS = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "gb18030": "gb18030", "cp949": "cp949"}
SourceRow = tuple[int, dict[str, str], list[str]]


def format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in FORMATS:
        raise FileRefused(
            [
                RowError(
                    0,
                    "",
                    "format",
                    _("The file name must end in .csv, .jsonl or .xlsx, not “%(suffix)s”.") % {"suffix": suffix},
                )
            ]
        )
    return FORMATS[suffix]


def codec_of(declared: str) -> str:
    name = (declared or "utf-8").strip().lower().replace("_", "-")
    if name not in ENCODINGS:
        raise FileRefused(
            [
                RowError(
                    0,
                    "",
                    "encoding",
                    _("The encoding %(encoding)s is not accepted: use UTF-8, GB18030 or CP949.")
                    % {"encoding": declared},
                )
            ]
        )
    return ENCODINGS[name]


def column_name(text: str) -> str:
    return text.strip().lower()


def count_rows(path: Path, file_format: str) -> int:
    """Roughly how many data rows the file holds (for the progress bar): lines, or the sheet's rows."""
    if file_format == "xlsx":
        try:
            workbook = _open_workbook(path)
            rows = int(workbook.worksheets[0].max_row or 1)
            workbook.close()
        except FileRefused:
            return 0
        return max(0, rows - 1)
    lines = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(0, lines - (1 if file_format == "csv" else 0))


def _decoded_lines(path: Path, codec: str, rows_before: list[int]) -> Iterator[str]:
    """Decoded lines; an undecodable byte refuses the file, naming its row (rows_before[0] = rows read so far)."""
    with path.open("rb") as stream:
        first = True
        for raw in stream:
            try:
                text = raw.decode(codec if first or codec != "utf-8-sig" else "utf-8")
            except UnicodeDecodeError as error:
                row = rows_before[0] + 1
                raise FileRefused(
                    [
                        RowError(
                            row,
                            "",
                            "encoding",
                            _(
                                "Row %(row)s has a byte (0x%(byte)02x) that is not %(encoding)s: "
                                "declare the file's encoding (UTF-8, GB18030 or CP949)."
                            )
                            % {"row": row, "byte": raw[error.start], "encoding": codec.replace("-sig", "").upper()},
                        )
                    ]
                ) from error
            first = False
            yield text


def _header(cells: list[str]) -> list[str]:
    columns = [column_name(cell) for cell in cells]
    seen: set[str] = set()
    errors = []
    for column in columns:
        if column in seen:
            errors.append(RowError(1, column, "duplicate_column", _("The column appears twice in the header.")))
        seen.add(column)
    if errors:
        raise FileRefused(errors)
    return columns


def read_csv(path: Path, codec: str) -> Iterator[SourceRow]:
    rows_read = [0]
    reader = csv.reader(_decoded_lines(path, codec, rows_read), strict=True)
    try:
        header_cells = next(reader, None)
        if header_cells is None:
            raise FileRefused([RowError(1, "", "empty", _("The file is empty: it has no header row."))])
        rows_read[0] = 1
        while header_cells and not header_cells[-1].strip():
            header_cells.pop()  # spreadsheets often save empty trailing columns
        columns = _header(header_cells)
        for cells in reader:
            rows_read[0] += 1
            row = rows_read[0]
            if not any(cell.strip() for cell in cells):
                continue
            extra = cells[len(columns) :]
            values = {
                column: cells[index].strip() if index < len(cells) else "" for index, column in enumerate(columns)
            }
            yield row, values, (["extra_cells"] if any(cell.strip() for cell in extra) else [])
    except csv.Error as error:
        row = rows_read[0] + 1
        raise FileRefused(
            [RowError(row, "", "csv", _("Row %(row)s is not valid CSV: %(error)s") % {"row": row, "error": error})]
        ) from error


def _plain(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return None


def read_jsonl(path: Path, codec: str) -> Iterator[SourceRow]:
    rows_read = [0]
    for line in _decoded_lines(path, codec, rows_read):
        rows_read[0] += 1
        row = rows_read[0]
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield row, {}, [f"json:{error.msg}"]
            continue
        if not isinstance(record, dict):
            yield row, {}, ["json:not an object"]
            continue
        values: dict[str, str] = {}
        problems = []
        for key, value in record.items():
            column = column_name(str(key))
            plain = _plain(value)
            if plain is None:
                problems.append(f"value:{column}")
                plain = ""
            values[column] = plain
        yield row, values, problems


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        # a file object: the stored original has no extension for openpyxl to look at
        return load_workbook(path.open("rb"), read_only=True, data_only=True)
    except Exception as error:
        raise FileRefused(
            [RowError(0, "", "xlsx", _("The file is not a readable XLSX workbook: %(error)s") % {"error": error})]
        ) from error


def read_xlsx(path: Path) -> Iterator[SourceRow]:
    workbook = _open_workbook(path)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_cells = next(rows, None)
        if header_cells is None:
            raise FileRefused([RowError(1, "", "empty", _("The file is empty: it has no header row."))])
        names = [_plain(cell) or "" for cell in header_cells]
        while names and not names[-1]:
            names.pop()
        columns = _header(names)
        for index, cells in enumerate(rows, start=2):
            plain = [_plain(cell) for cell in cells]
            if not any(plain):
                continue
            values = {column: (plain[i] or "") if i < len(plain) else "" for i, column in enumerate(columns)}
            extra = [cell for cell in plain[len(columns) :] if cell]
            yield index, values, (["extra_cells"] if extra else [])
    finally:
        workbook.close()


def header_of(path: Path, file_format: str, codec: str) -> list[str] | None:
    """The CSV/XLSX header's columns (None for JSON Lines, whose rows name their own fields)."""
    if file_format == "jsonl":
        return None
    if file_format == "csv":
        reader = csv.reader(_decoded_lines(path, codec, [0]))
        try:
            cells = next(reader, [])
            while cells and not cells[-1].strip():
                cells.pop()
            return _header(cells)
        except csv.Error as error:
            raise FileRefused([RowError(1, "", "csv", str(error))]) from error
    workbook = _open_workbook(path)
    try:
        first = next(workbook.worksheets[0].iter_rows(values_only=True, max_row=1), ())
    finally:
        workbook.close()
    names = [_plain(cell) or "" for cell in first]
    while names and not names[-1]:
        names.pop()
    return _header(names)


def read_rows(path: Path, file_format: str, codec: str) -> Iterator[SourceRow]:
    """(row number as a spreadsheet shows it, values by lower-case column, read problems)."""
    if file_format == "csv":
        return read_csv(path, codec)
    if file_format == "jsonl":
        return read_jsonl(path, codec)
    return read_xlsx(path)
