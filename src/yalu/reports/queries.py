"""Reads: a report for the caller's jurisdiction, live or from a snapshot."""

from __future__ import annotations

import datetime
from typing import Any

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, not_found
from yalu.ledger.periods import parse_period
from yalu.reports.definitions import DEFINITIONS, ReportRequest
from yalu.reports.figures import FigureSource, LiveFigures
from yalu.reports.freezing import frozen_source
from yalu.reports.keeping import kept_report
from yalu.reports.tables import Report


def report_request(area: Area, period: str, as_of: datetime.date | None) -> ReportRequest:
    """ValueError saying what is wrong with the period or the report date."""
    start, end = parse_period(period)
    as_of = as_of or end  # as `manage.py indicators` does: the period's last day unless said otherwise
    if as_of < end:
        raise ValueError(f"the report date {as_of} is before the end of the period {end}")
    return ReportRequest(area=area, period=period.strip(), period_start=start, period_end=end, as_of=as_of)


def build_report(
    user: Any,
    *,
    area: Area,
    period: str,
    as_of: datetime.date | None,
    definition: str = "1962",
    fresh: bool = False,
) -> tuple[Report, LiveFigures]:
    """The report with live figures for `user` (None: a trusted caller), and the figures it used.

    The figures are kept until the data change (`yalu.reports.keeping`); `fresh` computes them whatever
    is kept, as freezing does.
    """
    if user is not None and not area_in_scope(user, area):
        raise not_found(user, object_type="areas.area", object_id=area.code, exists=True)
    request = report_request(area, period, as_of)
    if definition not in DEFINITIONS:
        raise ValueError(f"unknown report {definition!r}")
    return kept_report(user, request, definition=definition, fresh=fresh)


def snapshot_report(snapshot: Any, *, definition: str = "1962") -> Report:
    """The report as a snapshot froze it: its figures, never recomputed."""
    request = report_request(snapshot.area, snapshot.period, snapshot.as_of)
    source: FigureSource = frozen_source(
        snapshot.figures,
        area=snapshot.area,
        period_start=request.period_start,
        period_end=request.period_end,
        as_of=request.as_of,
    )
    return DEFINITIONS[definition](source, request)
