"""The shape of a report: tables of cells, each cell an indicator's computed and reported values.

A table knows which of its cells add up (`lines`): a row to its row total, a column to the total row
(the subtree). Publishing a report withholds small counts of persons along those lines.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yalu.reports.figures import Reported
from yalu.reports.suppression import Line, Mark, suppress, threshold


@dataclass(frozen=True)
class AreaLabel:
    """An area's name in the language active when it is written (a report is built in one, exported in another)."""

    area: Any

    def __str__(self) -> str:
        return str(self.area.name)


Label = Promise | str | AreaLabel
CellKey = tuple[int, int]
QUALIFIER_SIGNS = {"about": "≈", "minimum": "≥", "exact": ""}


@dataclass(frozen=True)
class Column:
    code: str
    label: Label
    counts_persons: bool = True
    breakdown: str = ""  # `nationality:KP`: the column holds that part of the indicator
    part: str = ""  # `value` of a dict-valued computed figure (days to decision: median, p90)


@dataclass
class Cell:
    computed: int | float | None
    reported: tuple[Reported, ...] = ()
    counts_persons: bool = True
    computed_mark: Mark = Mark.PUBLISHED
    reported_marks: list[Mark] = field(default_factory=list)

    def marks(self) -> list[Mark]:
        return self.reported_marks or [Mark.PUBLISHED] * len(self.reported)

    @property
    def shown_value(self) -> int | float | None:
        """What a chart draws: the computed value, else the first reported one."""
        if self.computed is not None:
            return self.computed
        return self.reported[0].value if self.reported else None

    @property
    def shown_mark(self) -> Mark:
        if self.computed is not None:
            return self.computed_mark
        return self.marks()[0] if self.reported else Mark.PUBLISHED


@dataclass
class Row:
    key: str
    label: Label
    cells: list[Cell]
    is_total: bool = False


@dataclass
class Table:
    key: str
    title: Label
    columns: list[Column]
    rows: list[Row]
    # the column that is the sum of `part_columns` in every row, when there is one
    row_sums: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)
    note: Label = ""

    def lines(self) -> list[Line[CellKey]]:
        """What adds up: each row's sums, and each person column to the total row (last row)."""
        found: list[Line[CellKey]] = []
        for r in range(len(self.rows)):
            for total, parts in self.row_sums:
                found.append(Line((r, total), tuple((r, c) for c in parts)))
        children = [r for r, row in enumerate(self.rows) if not row.is_total]
        totals = [r for r, row in enumerate(self.rows) if row.is_total]
        if totals and children:
            for c, column in enumerate(self.columns):
                if column.counts_persons:
                    found.append(Line((totals[0], c), tuple((r, c) for r in children)))
        return found

    def sources(self) -> list[str]:
        """The distinct sources of the table's reported values, in order (footnotes)."""
        found: dict[str, None] = {}
        for _key, cell in self.cells():
            for item in cell.reported:
                found.setdefault(item.source, None)
        return list(found)

    def cells(self) -> Iterator[tuple[CellKey, Cell]]:
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row.cells):
                yield (r, c), cell


@dataclass
class Series:
    """A chart's values in order, with their total (the line a reader could subtract from)."""

    key: str
    title: Label
    points: list[tuple[Label, Cell]]
    total: Cell | None = None
    from_tables: bool = False  # its cells are a table's: suppressed with the table, not again


@dataclass
class Report:
    definition: str
    title: Label
    area: Any
    period: str
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date
    tables: list[Table]
    series: dict[str, Series]
    published: bool = False

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def publish(report: Report) -> Report:
    """A copy of `report` fit to leave the system: small counts of persons withheld, in every table and chart."""
    published = copy.deepcopy(report)
    published.published = True
    limit = threshold()
    for table in published.tables:
        _suppress_cells(dict(table.cells()), table.lines(), limit)
    for series in published.series.values():
        if series.from_tables:
            continue
        cells: dict[Any, Cell] = {index: cell for index, (_label, cell) in enumerate(series.points)}
        lines: list[Line[Any]] = []
        if series.total is not None:
            cells["total"] = series.total
            lines.append(Line("total", tuple(range(len(series.points)))))
        _suppress_cells(cells, lines, limit)
    return published


def _suppress_cells(cells: dict[Any, Cell], lines: list[Line[Any]], limit: int) -> None:
    persons = {key: cell for key, cell in cells.items() if cell.counts_persons}
    person_lines = [line for line in lines if all(key in persons for key in line.cells)]
    # a computed None means "no records of that kind here": a reader knows it as 0
    computed = suppress(
        {key: _count(cell.computed) or 0 for key, cell in persons.items()}, lines=person_lines, limit=limit
    )
    first_reported = suppress(
        {key: _count(cell.reported[0].value) if cell.reported else None for key, cell in persons.items()},
        lines=person_lines,
        limit=limit,
    )
    for key, cell in persons.items():
        cell.computed_mark = computed[key]
        cell.reported_marks = [
            first_reported[key] if index == 0 else (Mark.PRIMARY if 1 <= item.value <= limit else Mark.PUBLISHED)
            for index, item in enumerate(cell.reported)
        ]


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def number_text(value: int | float | None) -> str:
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def mark_text(mark: Mark) -> str:
    """Every withheld cell reads the same, as spec/indicators.md says, so primary and secondary look alike."""
    return f"<{threshold()}"


def computed_text(cell: Cell) -> str:
    if cell.computed is not None and cell.computed_mark is not Mark.PUBLISHED:
        return mark_text(cell.computed_mark)
    return number_text(cell.computed)


def reported_texts(cell: Cell) -> list[str]:
    """Each reported value with its qualifier (≈1,778; ≥9), or its suppression mark."""
    texts = []
    for item, mark in zip(cell.reported, cell.marks(), strict=True):
        if mark is not Mark.PUBLISHED:
            texts.append(mark_text(mark))
        else:
            texts.append(QUALIFIER_SIGNS.get(item.qualifier, "") + number_text(item.value))
    return texts


_LEGEND = _(
    "—: no records of this kind. ≈: about. ≥: at least. <%(threshold)s: withheld — a count of persons too small "
    "to publish, or a cell withheld so that such counts cannot be worked out from the totals."
)


def legend_text() -> str:
    return str(_LEGEND) % {"threshold": threshold()}
