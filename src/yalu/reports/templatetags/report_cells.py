"""Template filters writing a report cell: its computed value, its reported values with qualifier and source."""

from __future__ import annotations

from django import template

from yalu.reports.tables import Cell, Table, computed_text, reported_texts

register = template.Library()


@register.filter
def computed(cell: Cell) -> str:
    return computed_text(cell)


@register.filter
def reported(cell: Cell, table: Table) -> list[tuple[str, int, str]]:
    """(value text, footnote number, source) of each reported value; the table lists the sources once."""
    sources = table.sources()
    return [
        (text, sources.index(item.source) + 1, item.source)
        for text, item in zip(reported_texts(cell), cell.reported, strict=True)
    ]
