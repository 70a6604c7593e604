import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema

from yalu.areas.queries import area_by_code
from yalu.core.api import api_requires
from yalu.core.audit import record_audit
from yalu.reports.queries import build_report
from yalu.reports.suppression import Mark, threshold
from yalu.reports.tables import Cell, Report, mark_text, publish

router = Router(tags=["reports"])


class ReportQuery(Schema):
    area: str
    period: str
    as_of: str = ""


class ReportedOut(Schema):
    value: int | float | str
    qualifier: str
    source: str


class CellOut(Schema):
    computed: int | float | str | None
    reported: list[ReportedOut]


class ColumnOut(Schema):
    code: str
    breakdown: str
    part: str
    label: str
    counts_persons: bool


class RowOut(Schema):
    key: str
    label: str
    is_total: bool
    cells: list[CellOut]


class TableOut(Schema):
    key: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]


class PointOut(Schema):
    label: str
    cell: CellOut


class ReportOut(Schema):
    definition: str
    area: str
    period: str
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date
    suppression_threshold: int
    tables: list[TableOut]
    months: list[PointOut]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def cell_out(cell: Cell) -> CellOut:
    computed: Any = cell.computed
    if computed is not None and cell.computed_mark is not Mark.PUBLISHED:
        computed = mark_text(cell.computed_mark)
    elif computed is not None:
        computed = _number(computed)
    reported = [
        ReportedOut(
            value=mark_text(mark) if mark is not Mark.PUBLISHED else _number(item.value),
            qualifier=item.qualifier,
            source=item.source,
        )
        for item, mark in zip(cell.reported, cell.marks(), strict=True)
    ]
    return CellOut(computed=computed, reported=reported)


def report_out(report: Report) -> ReportOut:
    return ReportOut(
        definition=report.definition,
        area=report.area.code,
        period=report.period,
        period_start=report.period_start,
        period_end=report.period_end,
        as_of=report.as_of,
        suppression_threshold=threshold(),
        tables=[
            TableOut(
                key=table.key,
                title=str(table.title),
                columns=[
                    ColumnOut(
                        code=c.code,
                        breakdown=c.breakdown,
                        part=c.part,
                        label=str(c.label),
                        counts_persons=c.counts_persons,
                    )
                    for c in table.columns
                ],
                rows=[
                    RowOut(
                        key=row.key, label=str(row.label), is_total=row.is_total, cells=[cell_out(c) for c in row.cells]
                    )
                    for row in table.rows
                ],
            )
            for table in report.tables
        ],
        months=[PointOut(label=str(label), cell=cell_out(cell)) for label, cell in report.series["months"].points],
    )


@router.get("/1962", response=ReportOut, summary="The 1962 report's tables, published (small counts withheld)")
@api_requires("reports.view_report")
def report_1962(request: HttpRequest, filters: Query[ReportQuery]) -> ReportOut:
    user = request.auth  # type: ignore[attr-defined]
    area = area_by_code(filters.area)
    if area is None:
        raise ValidationError({"area": f"Unknown area code: {filters.area}."})
    as_of = None
    if filters.as_of:
        try:
            as_of = datetime.date.fromisoformat(filters.as_of)
        except ValueError as error:
            raise ValidationError({"as_of": f"Not a date (YYYY-MM-DD): {filters.as_of}."}) from error
    try:
        report, _source = build_report(user, area=area, period=filters.period, as_of=as_of)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error
    record_audit(
        actor=user,
        action="export",
        object_type="reports.report",
        object_id="1962",
        request=request,
        detail={"area": area.code, "period": report.period, "as_of": report.as_of.isoformat(), "format": "api"},
    )
    return report_out(publish(report))
