"""Report definitions. The March 1962 report, for any area and period: the three tables and the charts.

Table 1, crossings and outcomes, and table 3, letters and applications, have a row for each area
directly below the chosen one (province → prefecture → county) and a total row for the whole subtree.
Table 2 breaks the remains found down by river and by nationality.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yalu.areas.models import Area, AreaKind, River
from yalu.reports.figures import Figure, FigureSource
from yalu.reports.tables import AreaLabel, Cell, Column, Label, Report, Row, Series, Table

OUTCOME_COLUMNS = [
    Column("return.persuaded", _("persuaded to return")),
    Column("return.voluntary", _("returned on their own")),
    Column("return.handed_back", _("handed back")),
    Column("abroad.remaining", _("still abroad")),
    Column("death.crossing", _("died")),
    Column("crossing.unaccounted", _("unaccounted for")),
]
CROSSING_COLUMNS = [
    Column("crossing.persons", _("persons crossing")),
    *OUTCOME_COLUMNS,
    Column("return.total", _("returned (all ways)")),
]
NATIONALITIES = [("CN", _("Chinese")), ("KP", _("Korean")), ("unidentified", _("unidentified"))]
RIVERS = [(River.YALU.value, River.YALU.label), (River.TUMEN.value, River.TUMEN.label)]
PERMIT_COLUMNS = [
    Column("letter.received", _("letters received")),
    Column("application.filed", _("applications filed")),
    Column("application.approved", _("approved")),
    Column("application.denied", _("denied")),
    Column("application.withdrawn", _("withdrawn")),
    Column("application.pending", _("pending")),
    Column("application.overdue", _("overdue")),
    Column("application.days_to_decision", _("days to decision (median)"), counts_persons=False, part="median"),
    Column("application.days_to_decision", _("days to decision (90th percentile)"), counts_persons=False, part="p90"),
    Column("departure.legal", _("legal departures")),
]
ROW_KINDS = [AreaKind.PROVINCE, AreaKind.PREFECTURE, AreaKind.COUNTY, AreaKind.DISTRICT, AreaKind.COMMUNE]


@dataclass(frozen=True)
class ReportRequest:
    area: Area
    period: str
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date


def row_areas(area: Area) -> list[Area]:
    """The areas directly below `area` that a table breaks down by (border sectors are not units)."""
    return list(Area.objects.filter(parent=area, kind__in=ROW_KINDS).order_by("path"))


def cell_for(figure: Figure | None, column: Column, breakdown: str = "") -> Cell:
    """The cell of `column` from an indicator's figure (the whole, a breakdown or a part of a dict value)."""
    wanted = breakdown or column.breakdown
    computed: Any = figure.computed if figure is not None else None
    if isinstance(computed, dict):
        computed = computed.get(column.part or wanted)
    elif wanted or column.part:
        computed = None
    reported = tuple(item for item in (figure.reported if figure else ()) if item.breakdown == wanted)
    if column.part:
        reported = ()
    number = computed if isinstance(computed, int | float) else None
    return Cell(number, reported, column.counts_persons)


def area_table(
    source: FigureSource, request: ReportRequest, *, key: str, title: Label, columns: Sequence[Column]
) -> Table:
    codes = sorted({column.code for column in columns})
    rows = []
    for area, is_total in [(child, False) for child in row_areas(request.area)] + [(request.area, True)]:
        figures = source.figures(area, request.period_start, request.period_end, codes)
        label = _("Total") if is_total else AreaLabel(area)
        rows.append(Row(area.code, label, [cell_for(figures.get(c.code), c) for c in columns], is_total))
    return Table(key, title, list(columns), rows)


def crossings_table(source: FigureSource, request: ReportRequest) -> Table:
    table = area_table(
        source, request, key="crossings", title=_("Crossings and their outcomes"), columns=CROSSING_COLUMNS
    )
    table.row_sums = [(0, tuple(range(1, 1 + len(OUTCOME_COLUMNS)))), (len(CROSSING_COLUMNS) - 1, (1, 2, 3))]
    table.note = _("Persons whose crossing was detected in the period, each counted once by their last known outcome.")
    return table


def remains_table(source: FigureSource, request: ReportRequest) -> Table:
    figure = source.figures(request.area, request.period_start, request.period_end, ["remains.found"])["remains.found"]
    columns = [Column("remains.found", label, breakdown=f"nationality:{code}") for code, label in NATIONALITIES]
    columns.append(Column("remains.found", _("all")))
    rows = []
    for river, river_label in RIVERS:
        cells = [cell_for(figure, column, _combined(f"river:{river}", column.breakdown)) for column in columns]
        rows.append(Row(river, river_label, cells))
    rows.append(Row("total", _("Total"), [cell_for(figure, column) for column in columns], is_total=True))
    table = Table("remains", _("Deaths at the border: remains found"), columns, rows)
    table.row_sums = [(len(columns) - 1, tuple(range(len(NATIONALITIES))))]
    return table


def _combined(river: str, nationality: str) -> str:
    return f"{river},{nationality}" if nationality else river


def permits_table(source: FigureSource, request: ReportRequest) -> Table:
    return area_table(
        source, request, key="permits", title=_("Authorization letters and travel applications"), columns=PERMIT_COLUMNS
    )


def months_of(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = max(start, datetime.date(year, month, 1))
        last = min(end, datetime.date(year, month, calendar.monthrange(year, month)[1]))
        months.append((first, last))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_crossings(source: FigureSource, request: ReportRequest) -> Series:
    points: list[tuple[Label, Cell]] = []
    column = Column("crossing.detected", _("crossings detected"))
    months = months_of(request.period_start, request.period_end)[:36]
    for (first, _last), figure in zip(months, source.monthly(request.area, months, column.code), strict=True):
        points.append((first.strftime("%Y-%m"), cell_for(figure, column)))
    whole = source.figures(request.area, request.period_start, request.period_end, [column.code]).get(column.code)
    return Series("months", _("Crossings detected, by month"), points, cell_for(whole, column))


def outcome_series(crossings: Table) -> Series:
    total = crossings.rows[-1]
    points = [(column.label, total.cells[1 + i]) for i, column in enumerate(OUTCOME_COLUMNS)]
    return Series("outcomes", _("Outcomes of the crossings"), points, total.cells[0], from_tables=True)


def funnel_series(permits: Table) -> Series:
    total = permits.rows[-1]
    by_code = {column.code: cell for column, cell in zip(permits.columns, total.cells, strict=True)}
    points: list[tuple[Label, Cell]] = [
        (pgettext_lazy("funnel", "letters"), by_code["letter.received"]),
        (pgettext_lazy("funnel", "applications"), by_code["application.filed"]),
        (pgettext_lazy("funnel", "approved"), by_code["application.approved"]),
        (pgettext_lazy("funnel", "denied"), by_code["application.denied"]),
    ]
    return Series("funnel", _("Letters → applications → decisions"), points, from_tables=True)


def report_1962(source: FigureSource, request: ReportRequest) -> Report:
    """The tables and charts of the March 1962 report for `request`'s area, period and report date."""
    # the area's own figures in one evaluation: the cohort is computed once for every table and chart
    every_code = {column.code for column in [*CROSSING_COLUMNS, *PERMIT_COLUMNS]} | {
        "crossing.detected",
        "remains.found",
    }
    source.figures(request.area, request.period_start, request.period_end, sorted(every_code))
    crossings = crossings_table(source, request)
    permits = permits_table(source, request)
    return Report(
        definition="1962",
        title=_("Border crossings, deaths at the border, letters and applications"),
        area=request.area,
        period=request.period,
        period_start=request.period_start,
        period_end=request.period_end,
        as_of=request.as_of,
        tables=[crossings, remains_table(source, request), permits],
        series={
            "months": monthly_crossings(source, request),
            "outcomes": outcome_series(crossings),
            "funnel": funnel_series(permits),
        },
    )


DEFINITIONS = {"1962": report_1962}
