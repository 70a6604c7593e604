"""A report's figures in the shape of `yalu.statistics` snapshots, and back.

Keys: `code` for the report's area and period, `code@AREA` for a row's area, and
`code@AREA#START/END` for another period (a chart's month), which snapshots keep but do not re-evaluate.
"""

from __future__ import annotations

import datetime
from typing import Any

from yalu.areas.models import Area
from yalu.reports.figures import FrozenFigures, LiveFigures, figure_key


def snapshot_figures(
    source: LiveFigures, *, area: Area, period_start: datetime.date, period_end: datetime.date
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(figures, sources) of everything the report looked up."""
    figures: dict[str, Any] = {}
    sources: dict[str, list[str]] = {}
    for key, values in source.recorded.items():
        area_code, start, end = key.split("|")
        for code, figure in values.items():
            name = code
            if area_code != area.code:
                name += f"@{area_code}"
            if (start, end) != (period_start.isoformat(), period_end.isoformat()):
                name += f"{'' if '@' in name else '@' + area_code}#{start}/{end}"
            figures[name] = figure
            found = ["computed"] if figure.get("computed") is not None else []
            found += [f"{item['source']} (#{item['submission']})" for item in figure.get("reported", [])]
            if found:
                sources[name] = found
    return figures, sources


def frozen_source(
    figures: dict[str, Any], *, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> FrozenFigures:
    recorded: dict[str, dict[str, dict[str, Any]]] = {}
    areas = {area.code: area}
    for name, figure in figures.items():
        if not isinstance(figure, dict):
            figure = {"computed": figure, "reported": []}
        code, _at, rest = name.partition("@")
        area_code, _hash, period = rest.partition("#")
        start, end = period_start, period_end
        if period:
            first, _slash, last = period.partition("/")
            start, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
        row_area = areas.get(area_code or area.code) or Area(code=area_code)
        recorded.setdefault(figure_key(row_area, start, end), {})[code] = figure
    return FrozenFigures(as_of=as_of, recorded=recorded)
