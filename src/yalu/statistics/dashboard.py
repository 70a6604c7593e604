"""The figures of the home page: the user's jurisdiction, the current period, the trend against the one before.

Over millions of events the figures take minutes, so they are kept (`DashboardFigures`) per area and
period with the data version they were computed at (`data_version`: the highest id of every table they
read, the thresholds, and today's date). A visit after no change reads them back in a few queries; a
change is seen on the next visit, which recomputes them, as does one after `max_age`. `warm` (the task and
`manage.py warm_dashboards`) recomputes ahead of visits.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from yalu.areas.models import Area
from yalu.statistics.definitions import DEFINITIONS, IndicatorDefinition
from yalu.statistics.indicators import IndicatorValue, ReportedValue, evaluate
from yalu.statistics.models import DashboardFigures
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


# The tables the figures are computed from. A change to them adds a row (a new highest id): events and
# their corrections or withdrawals, submissions and their status events, applications and their
# transitions, reunification items and their status changes, handback lists and items, new areas.
VERSION_MODELS = (
    "areas.Area",
    "ledger.MovementEvent",
    "ledger.HandbackList",
    "ledger.HandbackItem",
    "statistics.AggregateSubmission",
    "statistics.SubmissionEvent",
    "statistics.ReportingObligation",
    "permits.AuthorizationLetter",
    "permits.TravelApplication",
    "permits.ApplicationTransition",
    "permits.ReunificationRequest",
    "permits.ReunificationItem",
    "permits.ItemStatusChange",
)


# What the registry counts of the home page read: persons, and the log of every change to one.
REGISTRY_MODELS = ("people.Person", "people.PersonChange")
REGISTRY = "registry"  # the `period` under which an area's registry counts are kept


def data_version(models: Sequence[str] = VERSION_MODELS) -> str:
    """A cheap fingerprint of what the figures read, in one query of index look-ups (no table scans).

    The highest id of each table of `models`, the validation thresholds (count and sum), and today's
    date: the figures are "as of today" (`report_date`), so they change with the day too.
    """
    quote = connection.ops.quote_name
    parts = []
    for label in models:
        app_label, name = label.split(".")
        if not apps.is_installed(f"yalu.{app_label}"):
            continue
        model = apps.get_model(app_label, name)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        parts.append(f"(SELECT MAX({pk}) FROM {table})")  # noqa: S608 (names from the models)
    thresholds = quote("statistics_validationthreshold")
    parts += [f"(SELECT {aggregate} FROM {thresholds})" for aggregate in ("COUNT(*)", "SUM(threshold)")]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return ":".join(["" if value is None else str(value) for value in row] + [timezone.localdate().isoformat()])


def max_age() -> int:
    """Seconds after which kept figures are computed again even if the version is the same (setting
    YALU_DASHBOARD_MAX_AGE, default an hour): a bound on what the version cannot see, edits made in place
    (a corrected letter, a reunification item matched to another area). Warming more often hides it."""
    return int(getattr(settings, "YALU_DASHBOARD_MAX_AGE", 3600))


def kept(area: Area, name: str, compute: Callable[[], Any], *, models: Sequence[str] = VERSION_MODELS) -> Any:
    """The JSON value kept for `area` under `name` if `models` have not changed since; else computed and kept.

    The version is read before computing, so a change made while computing is seen on the next visit.
    """
    version = data_version(models)
    fresh = timezone.now() - datetime.timedelta(seconds=max_age())
    row = DashboardFigures.objects.filter(area=area, period=name, version=version, computed_at__gte=fresh).first()
    if row is not None:
        return row.figures
    started = time.perf_counter()
    value = compute()
    DashboardFigures.objects.update_or_create(
        area=area,
        period=name,
        defaults={
            "version": version,
            "computed_at": timezone.now(),
            "seconds": time.perf_counter() - started,
            "figures": value,
        },
    )
    return value


@dataclass
class PeriodFigures:
    """What the dashboard computes for an area and period: every indicator now, the key ones the period
    before, and the violations of the period."""

    now: dict[str, IndicatorValue]
    then: dict[str, IndicatorValue]
    violations: list[Violation]

    def as_json(self) -> dict[str, Any]:
        return {
            "now": [asdict(value) for value in self.now.values()],
            "then": [asdict(value) for value in self.then.values()],
            "violations": [asdict(violation) for violation in self.violations],
        }

    @classmethod
    def from_json(cls, found: dict[str, Any]) -> PeriodFigures:
        def values(items: list[dict[str, Any]]) -> dict[str, IndicatorValue]:
            return {
                item["code"]: IndicatorValue(
                    item["code"], item["computed"], tuple(ReportedValue(**value) for value in item["reported"])
                )
                for item in items
            }

        return cls(values(found["now"]), values(found["then"]), [Violation(**item) for item in found["violations"]])


def compute_period_figures(user: Any, area: Area, period: str) -> PeriodFigures:
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
    violations = validate(user, area=area, period_text=period, computed_subtree=False, evaluated=now)
    return PeriodFigures(now, then, violations)


def period_figures(user: Any, area: Area, period: str) -> PeriodFigures:
    """The figures of `area` and `period`, kept until the data change (see `kept`).

    They depend on the area alone (`user` only scopes: the area is the user's jurisdiction).
    """
    found = kept(area, period, lambda: compute_period_figures(user, area, period).as_json())
    try:
        return PeriodFigures.from_json(found)
    except (KeyError, TypeError):  # kept by an older shape of PeriodFigures: compute again
        DashboardFigures.objects.filter(area=area, period=period).delete()
        return PeriodFigures.from_json(kept(area, period, lambda: compute_period_figures(user, area, period).as_json()))


def registry_counts(area: Area, count: Callable[[], dict[int, int]]) -> dict[int, int]:
    """Persons by home area id in `area`'s subtree (`count` gives them), kept until persons change."""
    found = kept(area, REGISTRY, lambda: {str(key): value for key, value in count().items()}, models=REGISTRY_MODELS)
    return {int(key): int(value) for key, value in found.items()}


def key_figures(user: Any, area: Area, period: str, found: PeriodFigures) -> list[KeyFigure]:
    """The key figures of `found` with their trend and the page of the records behind each."""
    figures = []
    for code in KEY_FIGURES:
        value, reported = _shown(found.now[code])
        figures.append(
            KeyFigure(
                DEFINITIONS[code], value, _shown(found.then[code])[0], reported, records_url(user, code, area, period)
            )
        )
    return figures


def dashboard_for(user: Any, *, period: str | None = None) -> Dashboard | None:
    """None when the user has no jurisdiction to show."""
    area = getattr(user, "jurisdiction", None)
    if area is None:
        return None
    period = period or str(latest_year_with_figures(user))
    board = Dashboard(area=area, period=period, previous=previous_period(period))
    if user.has_perm("statistics.view_aggregatesubmission"):
        found = period_figures(user, area, period)
        board.figures = key_figures(user, area, period, found)
        overdue = found.now["application.overdue"].computed
        board.overdue = int(overdue) if isinstance(overdue, int | float) else None
        board.overdue_url = records_url(user, "application.overdue", area, period)
        board.violations = found.violations
        board.awaiting = awaiting_action(user).count()
    return board


def warm(*, area: Area, period: str) -> float:
    """Compute and keep the figures of `area` and `period` ahead of a visit; the seconds it took (0: kept)."""
    version = data_version()
    fresh = timezone.now() - datetime.timedelta(seconds=max_age())
    if DashboardFigures.objects.filter(area=area, period=period, version=version, computed_at__gte=fresh).exists():
        return 0.0
    period_figures(None, area, period)
    return float(DashboardFigures.objects.get(area=area, period=period).seconds)
