"""The arguments of `manage.py report SUBJECT --area CODE --period PERIOD [--as-of DATE]`, checked once.

Shared by the report command's subjects, so that `crossings` and `permits` read their arguments the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from yalu.areas.models import Area
from yalu.areas.queries import area_by_code
from yalu.ledger.periods import parse_period


class ReportArgumentError(ValueError):
    """An argument of the report command is wrong; the message names it."""


@dataclass(frozen=True)
class ReportArguments:
    area: Area
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date


def report_arguments(area_code: str, period: str, as_of_text: str = "") -> ReportArguments:
    area = area_by_code(area_code)
    if area is None:
        raise ReportArgumentError(f"--area: unknown area code {area_code!r}")
    try:
        start, end = parse_period(period)
    except ValueError as error:
        raise ReportArgumentError(f"--period: {error}") from error
    as_of = end
    if as_of_text:
        try:
            as_of = datetime.date.fromisoformat(as_of_text)
        except ValueError as error:
            raise ReportArgumentError(f"--as-of: {as_of_text!r} is not a date like 1962-03-31") from error
        if as_of < end:
            raise ReportArgumentError(f"--as-of: {as_of} is before the end of the period ({end})")
    return ReportArguments(area, start, end, as_of)


def permits_figures(area_code: str, period: str, as_of_text: str = "") -> dict[str, object]:
    """`report permits`: one JSON-ready object keyed by indicator code."""
    from yalu.permits.queries import permits_report

    arguments = report_arguments(area_code, period, as_of_text)
    return permits_report(
        None,
        area=arguments.area,
        period_start=arguments.period_start,
        period_end=arguments.period_end,
        as_of=arguments.as_of,
    )


def crossings_figures(area_code: str, period: str, as_of_text: str = "") -> dict[str, object]:
    """`report crossings`: the ledger's cohort figures."""
    from yalu.ledger.queries import crossing_report

    arguments = report_arguments(area_code, period, as_of_text)
    return dict(
        crossing_report(
            None,
            area=arguments.area,
            period_start=arguments.period_start,
            period_end=arguments.period_end,
            as_of=arguments.as_of,
        )
    )


SUBJECTS = {"crossings": crossings_figures, "permits": permits_figures}
