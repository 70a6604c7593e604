"""Small-cell suppression of published tables (spec/indicators.md, "Published tables").

Primary: a count of persons between 1 and the threshold is withheld. Secondary: other cells are
withheld until no withheld value can be recovered from the published cells and the totals. A table is
described by its cells and its `lines`: each line says that `total` is the sum of `parts` (a row and
its row total, a column and the total row). Zero cells are published and never protect: an unknown
cell is known to be at least 1.

The secondary step first makes every line hold none or at least two unknown cells (the standard
heuristic, always taking the smallest non-zero cell), then checks the whole system exactly — by
elimination over the rationals, and by propagating the bounds a reader knows (1..threshold for a
withheld small count, above it for any other withheld count) — and withholds more until nothing is
determined.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

from django.conf import settings

K = TypeVar("K", bound=Hashable)


class Mark(enum.StrEnum):
    PUBLISHED = "published"
    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Line(Generic[K]):
    """`total` = sum of `parts`."""

    total: K
    parts: tuple[K, ...]

    @property
    def cells(self) -> tuple[K, ...]:
        return (self.total, *self.parts)


def threshold() -> int:
    return int(getattr(settings, "YALU_SUPPRESSION_THRESHOLD", 5))


def is_small(value: int | float | None, limit: int) -> bool:
    return value is not None and 1 <= value <= limit


def suppress(values: Mapping[K, int | None], *, lines: Sequence[Line[K]], limit: int | None = None) -> dict[K, Mark]:
    """The mark of every cell of `values` (all of them counts of persons; None = not known)."""
    limit = threshold() if limit is None else limit
    marks = {key: Mark.PRIMARY if is_small(value, limit) else Mark.PUBLISHED for key, value in values.items()}
    if not any(mark is Mark.PRIMARY for mark in marks.values()):
        return marks
    lines = [line for line in lines if all(cell in values for cell in line.cells)]
    for _round in range(len(values) + 1):
        _protect_lines(values, lines, marks)
        determined = determined_cells(values, marks, lines, limit)
        if not determined:
            break
        if not _protect_cells(values, lines, marks, determined):
            break
    return marks


def _unknown(values: Mapping[K, int | None], marks: Mapping[K, Mark], key: K) -> bool:
    return values[key] is None or marks[key] is not Mark.PUBLISHED


def _complement(values: Mapping[K, int | None], marks: Mapping[K, Mark], cells: Iterable[K]) -> K | None:
    """The smallest published non-zero cell among `cells` (parts before totals on ties)."""
    candidates = [key for key in cells if marks[key] is Mark.PUBLISHED and values[key]]
    if not candidates:
        return None
    return min(candidates, key=lambda key: values[key] or 0)


def _protect_lines(values: Mapping[K, int | None], lines: Sequence[Line[K]], marks: dict[K, Mark]) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            unknown = [key for key in line.cells if _unknown(values, marks, key)]
            withheld = [key for key in unknown if marks[key] is not Mark.PUBLISHED]
            if len(unknown) == 1 and withheld:
                chosen = _complement(values, marks, line.parts) or _complement(values, marks, [line.total])
                if chosen is not None:
                    marks[chosen] = Mark.SECONDARY
                    changed = True


def _protect_cells(
    values: Mapping[K, int | None], lines: Sequence[Line[K]], marks: dict[K, Mark], determined: Set[K]
) -> bool:
    """Withhold one more cell for each determined one — the smallest published non-zero cell nearest to it
    through the lines (a cell's own lines first, then theirs); False when none is left to withhold."""
    progressed = False
    for key in determined:
        chosen = _nearest_complement(values, lines, marks, key)
        if chosen is not None:
            marks[chosen] = Mark.SECONDARY
            progressed = True
    return progressed


def _nearest_complement(
    values: Mapping[K, int | None], lines: Sequence[Line[K]], marks: Mapping[K, Mark], start: K
) -> K | None:
    seen = {start}
    frontier = [start]
    while frontier:
        neighbours = [
            cell
            for line in lines
            if any(key in line.cells for key in frontier)
            for cell in line.cells
            if cell not in seen
        ]
        chosen = _complement(values, marks, neighbours)
        if chosen is not None:
            return chosen
        seen.update(neighbours)
        frontier = list(dict.fromkeys(neighbours))
    return None


def determined_cells(
    values: Mapping[K, int | None], marks: Mapping[K, Mark], lines: Sequence[Line[K]], limit: int
) -> set[K]:
    """The withheld cells a reader could work out exactly from what is published."""
    withheld = {key for key, mark in marks.items() if mark is not Mark.PUBLISHED}
    if not withheld:
        return set()
    return (linearly_determined(values, marks, lines) | pinned_by_bounds(values, marks, lines, limit)) & withheld


def _equations(
    values: Mapping[K, int | None], marks: Mapping[K, Mark], lines: Sequence[Line[K]]
) -> tuple[list[K], list[tuple[dict[K, int], int]]]:
    """Each line as sum(coefficient * unknown) = constant."""
    unknowns: list[K] = []
    seen: set[K] = set()
    equations: list[tuple[dict[K, int], int]] = []
    for line in lines:
        coefficients: dict[K, int] = {}
        constant = 0
        for key, sign in [(line.total, -1), *((part, 1) for part in line.parts)]:
            if _unknown(values, marks, key):
                coefficients[key] = coefficients.get(key, 0) + sign
                if key not in seen:
                    seen.add(key)
                    unknowns.append(key)
            else:
                constant -= sign * (values[key] or 0)
        if coefficients:
            equations.append((coefficients, constant))
    return unknowns, equations


def linearly_determined(values: Mapping[K, int | None], marks: Mapping[K, Mark], lines: Sequence[Line[K]]) -> set[K]:
    """Unknown cells whose value follows from the lines alone (Gauss–Jordan elimination over the rationals).

    An unknown is determined exactly when it is a pivot whose reduced row has no free unknown in it.
    """
    unknowns, equations = _equations(values, marks, lines)
    index = {key: position for position, key in enumerate(unknowns)}
    rows = [[Fraction(0)] * len(unknowns) for _ in equations]
    for row, (coefficients, _constant) in zip(rows, equations, strict=True):
        for key, coefficient in coefficients.items():
            row[index[key]] = Fraction(coefficient)
    pivots: list[int] = []
    rank = 0
    for column in range(len(unknowns)):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [entry / lead for entry in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(column)
        rank += 1
    pivot_set = set(pivots)
    determined = set()
    for r, column in enumerate(pivots):
        if all(rows[r][c] == 0 for c in range(len(unknowns)) if c not in pivot_set):
            determined.add(unknowns[column])
    return determined


def pinned_by_bounds(
    values: Mapping[K, int | None], marks: Mapping[K, Mark], lines: Sequence[Line[K]], limit: int
) -> set[K]:
    """Unknown cells whose bounds, tightened line by line, leave a single value."""
    unknowns, equations = _equations(values, marks, lines)
    low: dict[K, float] = {}
    high: dict[K, float] = {}
    for key in unknowns:
        if values[key] is None:
            low[key], high[key] = 0, math.inf
        elif marks[key] is Mark.PRIMARY:
            low[key], high[key] = 1, limit
        else:
            low[key], high[key] = limit + 1, math.inf
    for _round in range(50):
        changed = False
        for coefficients, constant in equations:
            for key, coefficient in coefficients.items():
                # coefficient * x = constant - sum(others)
                rest_low = sum(
                    c * (low[k] if c > 0 else high[k]) for k, c in coefficients.items() if k != key and c != 0
                )
                rest_high = sum(
                    c * (high[k] if c > 0 else low[k]) for k, c in coefficients.items() if k != key and c != 0
                )
                if coefficient == 0:
                    continue
                bounds = sorted(((constant - rest_high) / coefficient, (constant - rest_low) / coefficient))
                new_low = max(low[key], math.ceil(bounds[0]) if math.isfinite(bounds[0]) else low[key])
                new_high = min(high[key], math.floor(bounds[1]) if math.isfinite(bounds[1]) else high[key])
                if new_low > new_high:  # figures that do not add up: nothing can be inferred from them
                    continue
                if (new_low, new_high) != (low[key], high[key]):
                    low[key], high[key] = new_low, new_high
                    changed = True
        if not changed:
            break
    return {key for key in unknowns if low[key] == high[key]}
