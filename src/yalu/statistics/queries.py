"""Reads of statistics, always through the caller's jurisdiction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from yalu.core.access import scope_q
from yalu.core.models import Agency
from yalu.statistics.actions import TRANSITIONS
from yalu.statistics.models import AggregateSubmission, ReportingObligation, Snapshot, SubmissionStatus


def submissions_in_scope(user: Any) -> QuerySet[AggregateSubmission]:
    return AggregateSubmission.objects.filter(scope_q(user, "area")).select_related("area", "sender", "submitted_by")


def snapshots_in_scope(user: Any) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(scope_q(user, "area")).select_related("area", "author")


def awaiting_action(user: Any) -> QuerySet[AggregateSubmission]:
    """Submissions in scope that the user may move on now: approve (province) or accept (ministry)."""
    statuses = [
        status
        for status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
        if any(
            user.has_perm(permission)
            for target, permission in TRANSITIONS[status].items()
            if target != SubmissionStatus.RETURNED
        )
    ]
    return submissions_in_scope(user).filter(status__in=statuses, superseded_by__isnull=True)


def latest_year_with_figures(user: Any) -> int:
    """The year of the latest record or submission in the user's jurisdiction (this year when there is none)."""
    years = []
    latest = submissions_in_scope(user).aggregate(latest=Max("period_start"))["latest"]
    if latest is not None:
        years.append(latest.year)
    if apps.is_installed("yalu.ledger"):
        from yalu.ledger.models import MovementEvent

        # the latest crossing: a backward walk of the (event_type, occurred_on, area) index, not a scan
        event = (
            MovementEvent.objects.filter(scope_q(user, "area"), event_type="crossing_detected")
            .order_by("-occurred_on")
            .values_list("occurred_on", flat=True)
            .first()
        )
        if event is not None:
            years.append(event.year)
    return max(years) if years else timezone.localdate().year


@dataclass
class UnitReporting:
    sender: Agency
    expected: int
    received: int
    on_time: int
    missing: list[ReportingObligation]

    @property
    def completeness(self) -> float | None:
        return self.received / self.expected if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.received if self.received else None


def reporting_of_units(user: Any, *, period_start: datetime.date, period_end: datetime.date) -> list[UnitReporting]:
    """Completeness (received ÷ expected) and timeliness (on time ÷ received) of each reporting unit."""
    obligations = (
        ReportingObligation.objects.filter(scope_q(user, "area"), period_start=period_start, period_end=period_end)
        .select_related("sender", "area")
        .order_by("sender__code", "indicator", "area__path")
    )
    received = {
        (row.sender_id, row.indicator, row.area_id): row.submitted_at.date()
        for row in submissions_in_scope(user)
        .filter(period_start=period_start, period_end=period_end, breakdown="")
        .filter(~Q(status=SubmissionStatus.RETURNED))
        .order_by("-submitted_at")
    }
    units: dict[int, UnitReporting] = {}
    for obligation in obligations:
        unit = units.setdefault(obligation.sender_id, UnitReporting(obligation.sender, 0, 0, 0, []))
        unit.expected += 1
        submitted_on = received.get((obligation.sender_id, obligation.indicator, obligation.area_id))
        if submitted_on is None:
            unit.missing.append(obligation)
            continue
        unit.received += 1
        if submitted_on <= obligation.due_on:
            unit.on_time += 1
    return list(units.values())


def owed_indicators(user: Any, *, area_code: str, period: str) -> list[str]:
    """The indicators the user's unit owes for the area and period; every indicator's total when none is owed."""
    from yalu.statistics.definitions import DEFINITIONS

    agency = getattr(user, "agency", None)
    owed: list[str] = []
    if agency is not None and area_code and period:
        owed = list(
            ReportingObligation.objects.filter(sender=agency, area__code=area_code.strip(), period=period.strip())
            .order_by("id")
            .values_list("indicator", flat=True)
        )
    return [code for code in DEFINITIONS if code in owed] if owed else list(DEFINITIONS)
