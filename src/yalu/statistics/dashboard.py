"""The figures of the home page: the user's jurisdiction, the current period, the trend against the one before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from yalu.areas.models import Area
from yalu.statistics.definitions import DEFINITIONS, IndicatorDefinition
from yalu.statistics.indicators import IndicatorValue, evaluate
from yalu.statistics.periods import parse_period, previous_period
from yalu.statistics.queries import awaiting_action, latest_year_with_figures
from yalu.statistics.validation import Violation, report_date, validate

KEY_FIGURES = (
    "crossing.persons",
    "return.total",
    "abroad.remaining",
    "death.crossing",
    "crossing.unaccounted",
    "letter.received",
    "application.filed",
    "application.pending",
)


# Where the records behind a figure are listed: (permission, url name, query with the period and area).
RECORDS_PAGES = {
    "ledger": ("ledger.view_movementevent", "ledger:statistics", "period={period}&area={area_pk}"),
    "letter": ("permits.view_authorizationletter", "permits:letter_list", ""),
    "application": ("permits.view_travelapplication", "permits:application_list", ""),
}


def records_url(user: Any, code: str, area: Area, period: str) -> str:
    """The page listing the records a figure is computed from, when the user may see it; else ""."""
    kind = DEFINITIONS[code].source_kind
    key = code.split(".", 1)[0] if kind == "permits" else kind
    page = RECORDS_PAGES.get(key)
    if page is None or not user.has_perm(page[0]):
        return ""
    try:
        url = reverse(page[1])
    except NoReverseMatch:
        return ""
    query = page[2].format(period=period, area_pk=area.pk)
    return f"{url}?{query}" if query else url


@dataclass
class KeyFigure:
    definition: IndicatorDefinition
    value: float | None
    previous: float | None
    reported: bool  # True when no record computes it and the value is a unit's report
    records: str = ""  # the page of the records behind it

    @property
    def trend(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class Dashboard:
    area: Area
    period: str
    previous: str
    figures: list[KeyFigure] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    overdue: int | None = None
    overdue_url: str = ""
    awaiting: int = 0


def _shown(value: IndicatorValue) -> tuple[float | None, bool]:
    if isinstance(value.computed, int | float):
        return float(value.computed), False
    total = value.reported_total
    return (total.value, True) if total is not None else (None, False)


def key_figures(user: Any, area: Area, period: str) -> tuple[list[KeyFigure], dict[str, IndicatorValue]]:
    """The key figures with their trend, and every indicator of the period (the violations reuse them)."""
    start, end = parse_period(period)
    before_start, before_end = parse_period(previous_period(period))
    now = evaluate(user, area=area, period_start=start, period_end=end, as_of=report_date(end))
    then = evaluate(
        user,
        area=area,
        period_start=before_start,
        period_end=before_end,
        as_of=report_date(before_end),
        codes=list(KEY_FIGURES),
    )
    figures = []
    for code in KEY_FIGURES:
        value, reported = _shown(now[code])
        figures.append(
            KeyFigure(DEFINITIONS[code], value, _shown(then[code])[0], reported, records_url(user, code, area, period))
        )
    return figures, now


def dashboard_for(user: Any, *, period: str | None = None) -> Dashboard | None:
    """None when the user has no jurisdiction to show."""
    area = getattr(user, "jurisdiction", None)
    if area is None:
        return None
    period = period or str(latest_year_with_figures(user))
    board = Dashboard(area=area, period=period, previous=previous_period(period))
    if user.has_perm("statistics.view_aggregatesubmission"):
        board.figures, now = key_figures(user, area, period)
        overdue = now["application.overdue"].computed
        board.overdue = int(overdue) if isinstance(overdue, int | float) else None
        board.overdue_url = records_url(user, "application.overdue", area, period)
        board.violations = validate(user, area=area, period_text=period, computed_subtree=False, evaluated=now)
        board.awaiting = awaiting_action(user).count()
    return board
