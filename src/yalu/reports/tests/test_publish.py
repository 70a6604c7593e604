"""Publishing the 1962 report's crossings table: with its row sums (outcomes to persons, returns to their
total) and the subtree's total row, no withheld count is fixed by what is published (checked by elimination)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.reports.definitions import CROSSING_COLUMNS
from yalu.reports.suppression import Mark, linearly_determined
from yalu.reports.tables import Cell, Row, Table, publish

outcomes = st.lists(st.one_of(st.integers(0, 6), st.integers(0, 200)), min_size=6, max_size=6)


def crossings_table(children: list[list[int]]) -> Table:
    def row(key: str, counts: list[int], is_total: bool = False) -> Row:
        values = [sum(counts), *counts, counts[0] + counts[1] + counts[2]]
        return Row(key, key, [Cell(value) for value in values], is_total)

    totals = [sum(column) for column in zip(*children, strict=True)]
    rows = [row(f"county-{i}", counts) for i, counts in enumerate(children)] + [row("total", totals, True)]
    table = Table("crossings", "t", list(CROSSING_COLUMNS), rows)
    table.row_sums = [(0, (1, 2, 3, 4, 5, 6)), (7, (1, 2, 3))]
    return table


@settings(max_examples=100, deadline=None)
@given(st.lists(outcomes, min_size=1, max_size=5))
def test_no_withheld_count_is_fixed_by_the_published_table(children: list[list[int]]) -> None:
    from yalu.reports.tables import Report

    table = crossings_table(children)
    report = Report("1962", "t", None, "1961", None, None, None, [table], {})  # type: ignore[arg-type]

    published = publish(report).tables[0]

    cells = dict(published.cells())
    values = {key: int(cell.computed or 0) for key, cell in cells.items()}
    marks = {key: cell.computed_mark for key, cell in cells.items()}
    assert all(marks[key] is Mark.PRIMARY for key, value in values.items() if 1 <= value <= 5)
    withheld = {key for key, mark in marks.items() if mark is not Mark.PUBLISHED}
    for line in published.lines():
        assert sum(key in withheld for key in line.cells) != 1
    assert linearly_determined(values, marks, published.lines()) & withheld == set()
