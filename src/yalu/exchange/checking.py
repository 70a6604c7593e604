"""The check phase: stream the file, check every row, keep the checked rows on disk, then check rows together."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _

from yalu.exchange.kinds import CheckContext, Kind
from yalu.exchange.reading import header_of, read_rows
from yalu.exchange.rows import FileRefused, RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch
from yalu.exchange.values import parse_ref

PROGRESS_EVERY = 1000


def content_hash(values: dict[str, str]) -> str:
    """The row's content, blind to column order, letter case of column names and empty cells."""
    present = sorted((column, value) for column, value in values.items() if value)
    return hashlib.sha256(json.dumps(present, ensure_ascii=False).encode("utf-8")).hexdigest()


def check_header(columns: list[str], kind: Kind) -> None:
    errors = [
        RowError(1, column, "unknown_column", _("Unknown column: %(column)s.") % {"column": column or "(empty)"})
        for column in columns
        if column not in kind.columns
    ]
    errors += [
        RowError(1, column, "missing_column", _("The required column %(column)s is missing.") % {"column": column})
        for column in sorted(kind.required | {"ref"})
        if column not in columns
    ]
    if errors:
        raise FileRefused(errors)


def _read_problems(row: int, problems: list[str]) -> list[RowError]:
    errors = []
    for problem in problems:
        if problem == "extra_cells":
            errors.append(RowError(row, "", "extra_cells", _("The row has more cells than the header has columns.")))
        elif problem.startswith("json:"):
            errors.append(
                RowError(
                    row, "", "invalid_json", _("The line is not a JSON object: %(error)s") % {"error": problem[5:]}
                )
            )
        elif problem.startswith("value:"):
            errors.append(
                RowError(
                    row, problem[6:], "invalid_value", _("Give a text, a number or nothing, not a list or object.")
                )
            )
    return errors


def check_row(
    row: int, values: dict[str, str], kind: Kind, context: CheckContext, jsonl: bool
) -> tuple[list[RowError], dict[str, object], dict[str, str]]:
    errors: list[RowError] = []
    if jsonl:
        errors += [
            RowError(row, column, "unknown_column", _("Unknown column: %(column)s.") % {"column": column})
            for column in values
            if column not in kind.columns
        ]
    for column in sorted(kind.required | {"ref"}):
        if not values.get(column):
            errors.append(RowError(row, column, "required", _("This column is required.")))
    try:
        parse_ref(values.get("ref", ""), "ref")
    except ValueProblem as problem:
        errors.append(RowError(row, problem.column, problem.code, problem.message))
    clean: dict[str, object] = {}
    facts: dict[str, str] = {}
    required_missing = {error.column for error in errors if error.code == "required"}
    try:
        clean, facts = kind.check_row(values, context)
    except RowProblems as problems:
        errors += [
            RowError(row, p.column, p.code, p.message) for p in problems.problems if p.column not in required_missing
        ]
    return errors, clean, facts


def duplicate_refs(scratch: Scratch) -> list[RowError]:
    scratch.index("ref")
    rows = scratch.query(
        "SELECT r.row, r.ref, f.first FROM rows r JOIN (SELECT ref, MIN(row) AS first FROM rows WHERE ref != '' "
        "GROUP BY ref HAVING COUNT(*) > 1) f ON r.ref = f.ref WHERE r.row > f.first ORDER BY r.row"
    )
    return [
        RowError(
            row,
            "ref",
            "duplicate_ref",
            _("The ref %(ref)s is already used in row %(first)s of this file.") % {"ref": ref, "first": first},
        )
        for row, ref, first in rows
    ]


def check_file(
    *,
    path: Path,
    file_format: str,
    codec: str,
    kind: Kind,
    context: CheckContext,
    scratch: Scratch,
    on_progress: Callable[[int], None],
) -> list[RowError]:
    """Every error of the file, by row; the checked rows are left in `scratch`. FileRefused when unreadable."""
    header = header_of(path, file_format, codec)
    if header is not None:
        check_header(header, kind)
    errors: list[RowError] = []
    checked = 0
    for row, values, problems in read_rows(path, file_format, codec):
        row_errors = _read_problems(row, problems)
        clean: dict[str, object] = {}
        facts: dict[str, str] = {}
        if not any(error.code == "invalid_json" for error in row_errors):
            more, clean, facts = check_row(row, values, kind, context, jsonl=header is None)
            row_errors += more
        scratch.add(
            row=row,
            ref=values.get("ref", "").strip(),
            content_hash=content_hash(values),
            ok=not row_errors,
            raw={column: value for column, value in values.items() if value},
            clean=clean,
            facts=facts,
        )
        errors += row_errors
        checked += 1
        if checked % PROGRESS_EVERY == 0:
            on_progress(checked)
    on_progress(checked)
    together = duplicate_refs(scratch)
    scratch.mark_bad({error.row for error in together})
    errors += together
    # a kind's checks across rows may find more, and rows whose reference is bad become bad too
    for _round in range(3):
        found = kind.cross_check(scratch, context)
        known = {(error.row, error.column, error.code) for error in errors}
        found = [error for error in found if (error.row, error.column, error.code) not in known]
        if not found:
            break
        scratch.mark_bad({error.row for error in found})
        errors += found
    return sorted(errors, key=lambda error: (error.row, error.column))
