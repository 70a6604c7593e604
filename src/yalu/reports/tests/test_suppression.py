"""Small-cell suppression: no withheld cell can be recovered from the row, column and subtree totals.

Given any table of counts with its row totals, column totals and grand total (the subtree's total row),
when it is suppressed, then every small count is withheld, no zero is, no line holds exactly one
withheld cell, and — proved independently of the algorithm's own check — no withheld value is fixed by
the published cells: written with the totals negated, every row and column of the table sums to zero,
so the values the withheld cells can take differ by circulations on the graph whose nodes are rows and
columns and whose edges are the withheld cells; a cell is fixed exactly when its edge is a bridge.
"""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.reports.suppression import Line, Mark, suppress

Cell = tuple[int, int]
counts = st.one_of(st.integers(0, 6), st.integers(0, 40), st.integers(0, 3000))


def table_with_totals(body: list[list[int]]) -> tuple[dict[Cell, int | None], list[Line[Cell]]]:
    rows, columns = len(body), len(body[0])
    values: dict[Cell, int | None] = {}
    for r in range(rows):
        for c in range(columns):
            values[r, c] = body[r][c]
        values[r, columns] = sum(body[r])
    for c in range(columns + 1):
        values[rows, c] = sum(values[r, c] or 0 for r in range(rows))
    lines = [Line((r, columns), tuple((r, c) for c in range(columns))) for r in range(rows + 1)]
    lines += [Line((rows, c), tuple((r, c) for r in range(rows))) for c in range(columns + 1)]
    return values, lines


def is_bridge(withheld: set[Cell], cell: Cell) -> bool:
    """Whether the edge row—column of `cell` is on no cycle of the withheld cells' graph."""
    others = withheld - {cell}
    start, goal = ("row", cell[0]), ("column", cell[1])
    seen, queue = {start}, deque([start])
    while queue:
        kind, number = queue.popleft()
        for r, c in others:
            if kind == "row" and r == number:
                neighbour = ("column", c)
            elif kind == "column" and c == number:
                neighbour = ("row", r)
            else:
                continue
            if neighbour == goal:
                return False
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return True


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda rows: st.lists(st.lists(counts, min_size=1, max_size=6).map(tuple), min_size=rows, max_size=rows)
    )
)
def test_no_suppressed_cell_can_be_recovered_from_totals(body_rows: list[tuple[int, ...]]) -> None:
    width = min(len(row) for row in body_rows)
    body = [list(row[:width]) for row in body_rows]
    values, lines = table_with_totals(body)

    marks = suppress(values, lines=lines, limit=5)

    withheld = {cell for cell, mark in marks.items() if mark is not Mark.PUBLISHED}
    assert all(marks[cell] is Mark.PRIMARY for cell, value in values.items() if value is not None and 1 <= value <= 5)
    assert all(values[cell] for cell in withheld)
    for line in lines:
        assert sum(cell in withheld for cell in line.cells) != 1
    assert [cell for cell in withheld if is_bridge(withheld, cell)] == []


def test_a_lone_small_count_takes_its_neighbours_with_it() -> None:
    # given a county row with 3 persons beside two larger ones
    values, lines = table_with_totals([[3, 40, 12], [25, 30, 60]])

    marks = suppress(values, lines=lines, limit=5)

    # then the 3 is withheld, and so is the smallest other count of its row and of its column
    assert marks[0, 0] is Mark.PRIMARY
    assert marks[0, 2] is Mark.SECONDARY
    assert marks[1, 0] is Mark.SECONDARY
    assert marks[1, 2] is Mark.SECONDARY
    assert marks[1, 1] is Mark.PUBLISHED


def test_two_small_counts_that_fill_a_line_are_protected_by_a_third() -> None:
    # given a row of 5 + 5 = 10: both are withheld, but a reader knowing each is at most 5 gets both
    values, lines = table_with_totals([[5, 5, 9]])

    marks = suppress(values, lines=lines, limit=5)

    assert {cell for cell, mark in marks.items() if mark is not Mark.PUBLISHED} >= {(0, 0), (0, 1), (0, 2)}


def test_a_table_without_small_counts_is_published_whole() -> None:
    values, lines = table_with_totals([[0, 40], [25, 0]])

    assert set(suppress(values, lines=lines, limit=5).values()) == {Mark.PUBLISHED}
