"""The value of each indicator for an area (with its subtree) and a period: computed and reported, side by side.

`computed` comes from the records Yalu holds (the ledger, permits); it is None where Yalu holds no
records of that kind for the area and period, so that a reported figure is never compared with a zero
that only means "not recorded here". `reported` lists every live aggregate submission for exactly
that area and period (returned and corrected ones left out), each with its qualifier and source.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, not_found
from yalu.statistics.definitions import DEFINITIONS
from yalu.statistics.models import AggregateSubmission, SubmissionStatus

Computed = int | float | dict[str, float | None] | None


@dataclass(frozen=True)
class ReportedValue:
    value: float
    qualifier: str
    source: str
    submission: int
    breakdown: str


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    computed: Computed
    reported: tuple[ReportedValue, ...]

    @property
    def reported_total(self) -> ReportedValue | None:
        """The latest reported value of the whole (no breakdown), if any."""
        totals = [value for value in self.reported if not value.breakdown]
        return totals[-1] if totals else None


def check_codes(codes: Sequence[str]) -> list[str]:
    unknown = [code for code in codes if code not in DEFINITIONS]
    if unknown:
        raise ValueError(f"unknown indicator code(s): {', '.join(unknown)}")
    return list(codes)


def live_submissions() -> Any:
    """Submissions that count: not returned and not corrected by a later one."""
    return AggregateSubmission.objects.exclude(status=SubmissionStatus.RETURNED).filter(superseded_by__isnull=True)


def reported_values(
    *, area: Area, period_start: datetime.date, period_end: datetime.date, codes: Sequence[str]
) -> dict[str, list[ReportedValue]]:
    rows = (
        live_submissions()
        .filter(area=area, period_start=period_start, period_end=period_end, indicator__in=list(codes))
        .order_by("submitted_at", "id")
        .values_list("indicator", "value", "qualifier", "source", "id", "breakdown")
    )
    found: dict[str, list[ReportedValue]] = {}
    for code, value, qualifier, source, submission_id, breakdown in rows:
        found.setdefault(code, []).append(ReportedValue(value, qualifier, source, submission_id, breakdown))
    return found


def _ledger_has_records(area: Area, period_start: datetime.date, period_end: datetime.date) -> bool:
    from yalu.ledger.models import HandbackList, MovementEvent

    subtree = {"area__path__startswith": area.path}
    period = {"occurred_on__gte": period_start, "occurred_on__lte": period_end}
    return (
        MovementEvent.objects.filter(**subtree, **period).exists()
        or HandbackList.objects.filter(
            **subtree, handed_over_on__gte=period_start, handed_over_on__lte=period_end
        ).exists()
    )


def _ledger_figures(
    user: Any, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> dict[str, Computed]:
    if not apps.is_installed("yalu.ledger") or not _ledger_has_records(area, period_start, period_end):
        return {}
    from yalu.ledger.queries import crossing_report

    figures: dict[str, Computed] = dict(
        crossing_report(user, area=area, period_start=period_start, period_end=period_end, as_of=as_of)
    )
    parts = [figures.get(code) for code in ("return.persuaded", "return.voluntary", "return.handed_back")]
    if all(isinstance(part, int) for part in parts):
        figures["return.total"] = sum(int(part) for part in parts if isinstance(part, int))
    return figures


def _permits_has_records(area: Area, period_start: datetime.date, period_end: datetime.date) -> bool:
    """Letters received, applications open or decided, or reunification requests, in the subtree and period."""
    letter = apps.get_model("permits", "AuthorizationLetter")._default_manager
    application = apps.get_model("permits", "TravelApplication")._default_manager
    request = apps.get_model("permits", "ReunificationRequest")._default_manager
    return bool(
        letter.filter(
            received_by__path__startswith=area.path, received_on__gte=period_start, received_on__lte=period_end
        ).exists()
        or application.filter(office__path__startswith=area.path, filed_on__lte=period_end)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=period_start))
        .exists()
        or request.filter(area__path__startswith=area.path, requested_on__lte=period_end).exists()
    )


def _permits_figures(
    user: Any, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> dict[str, Computed]:
    if not apps.is_installed("yalu.permits") or not _permits_has_records(area, period_start, period_end):
        return {}
    try:
        queries = importlib.import_module("yalu.permits.queries")
    except ModuleNotFoundError:  # the permits app without its reports: nothing is computed from it
        return {}
    report: Callable[..., dict[str, Any]] | None = getattr(queries, "permits_report", None)
    if report is None:
        return {}
    figures: dict[str, Computed] = report(
        user, area=area, period_start=period_start, period_end=period_end, as_of=as_of
    )
    return figures


SOURCES: dict[str, Callable[[Any, Area, datetime.date, datetime.date, datetime.date], dict[str, Computed]]] = {
    "ledger": _ledger_figures,
    "permits": _permits_figures,
}


def computed_values(
    user: Any,
    *,
    area: Area,
    period_start: datetime.date,
    period_end: datetime.date,
    as_of: datetime.date,
    codes: Sequence[str],
) -> dict[str, Computed]:
    kinds = {DEFINITIONS[code].source_kind for code in codes}
    found: dict[str, Computed] = {}
    for kind in sorted(kinds):
        source = SOURCES.get(kind)
        if source is not None:
            found.update(source(user, area, period_start, period_end, as_of))
    return {code: found.get(code) for code in codes}


def evaluate(
    user_or_none: Any,
    *,
    area: Area,
    period_start: datetime.date,
    period_end: datetime.date,
    as_of: datetime.date,
    codes: Sequence[str] | None = None,
) -> dict[str, IndicatorValue]:
    """Every requested indicator (all by default) for `area`'s subtree and the period, in definition order.

    `user_or_none` scopes the call (an area outside the user's jurisdiction is not found); None is
    for trusted callers (commands, snapshots). ValueError for an unknown code or a report date before
    the end of the period.
    """
    if user_or_none is not None and not area_in_scope(user_or_none, area):
        raise not_found(user_or_none, object_type="areas.area", object_id=area.code, exists=True)
    if period_end < period_start:
        raise ValueError("the period ends before it starts")
    if as_of < period_end:
        raise ValueError(f"the report date {as_of} is before the end of the period {period_end}")
    wanted = check_codes(codes) if codes is not None else list(DEFINITIONS)
    computed = computed_values(
        user_or_none, area=area, period_start=period_start, period_end=period_end, as_of=as_of, codes=wanted
    )
    reported = reported_values(area=area, period_start=period_start, period_end=period_end, codes=wanted)
    return {code: IndicatorValue(code, computed[code], tuple(reported.get(code, ()))) for code in wanted}


def as_json(values: dict[str, IndicatorValue]) -> dict[str, Any]:
    """The shape `manage.py indicators` prints: {code: {"computed", "reported": [...]}}.

    A value of the whole has the keys value, qualifier, source, submission; one of a breakdown has
    `breakdown` as well (`nationality:KP`).
    """
    result: dict[str, Any] = {}
    for code, value in values.items():
        reported = []
        for item in value.reported:
            row: dict[str, Any] = {
                "value": _plain_number(item.value),
                "qualifier": item.qualifier,
                "source": item.source,
                "submission": item.submission,
            }
            if item.breakdown:
                row["breakdown"] = item.breakdown
            reported.append(row)
        result[code] = {"computed": value.computed, "reported": reported}
    return result


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
