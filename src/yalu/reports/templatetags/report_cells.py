"""Template filters writing a report cell: its computed value, its reported values with qualifier and source."""

from __future__ import annotations

from django import template

from yalu.reports.tables import Cell, computed_text, reported_texts

register = template.Library()


@register.filter
def computed(cell: Cell) -> str:
    return computed_text(cell)


@register.filter
def reported(cell: Cell) -> list[tuple[str, str]]:
    """(value text, source) of each reported value."""
    return [(text, item.source) for text, item in zip(reported_texts(cell), cell.reported, strict=True)]
