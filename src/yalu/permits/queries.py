"""Reads of permits, always through the caller's jurisdiction, and the indicators of spec/indicators.md."""

from __future__ import annotations

import datetime
import math
from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, not_found, scope_q
from yalu.permits.models import (
    ApplicationStatus,
    AuthorizationLetter,
    Decision,
    ItemStatus,
    ItemStatusChange,
    ReunificationItem,
    ReunificationRequest,
    ServiceStandard,
    TravelApplication,
)

INDICATORS = (
    "letter.received",
    "application.filed",
    "application.approved",
    "application.denied",
    "application.withdrawn",
    "application.pending",
    "application.overdue",
    "application.days_to_decision",
    "departure.legal",
    "reunification.requested",
    "reunification.travelled",
    "reunification.pending",
    "reunification.declined",
)
AGEING_BUCKETS = ((0, 30), (31, 60), (61, 90), (91, None))
OPEN = (ApplicationStatus.FILED, ApplicationStatus.UNDER_REVIEW)


def letters_in_scope(user: Any) -> QuerySet[AuthorizationLetter]:
    return AuthorizationLetter.objects.filter(scope_q(user, "received_by")).select_related("received_by", "invitee")


def applications_in_scope(user: Any) -> QuerySet[TravelApplication]:
    return TravelApplication.objects.filter(scope_q(user, "office")).select_related(
        "office", "person", "letter", "denial_reason", "decided_by"
    )


def requests_in_scope(user: Any) -> QuerySet[ReunificationRequest]:
    return ReunificationRequest.objects.filter(scope_q(user, "area")).select_related("sender", "area")


def items_in_scope(user: Any) -> QuerySet[ReunificationItem]:
    return ReunificationItem.objects.filter(scope_q(user, "area")).select_related("person", "candidate", "area")


def expired_unused_letters(user: Any, *, today: datetime.date) -> QuerySet[AuthorizationLetter]:
    """Letters whose validity ended with no application filed on them."""
    used = TravelApplication.objects.filter(letter=OuterRef("pk"))
    return letters_in_scope(user).filter(valid_until__lt=today).exclude(Exists(used)).order_by("valid_until", "id")


def service_standards() -> list[tuple[str, int]]:
    """(area path, days) of configured offices, deepest first: an office takes its nearest configured ancestor's."""
    rows = ServiceStandard.objects.select_related("area").values_list("area__path", "days")
    return sorted(((path, int(days)) for path, days in rows), key=lambda row: -len(row[0]))


def standard_days_for(path: str, standards: list[tuple[str, int]] | None = None) -> int:
    for prefix, days in standards if standards is not None else service_standards():
        if path.startswith(prefix):
            return days
    return int(settings.YALU_SERVICE_STANDARD_DAYS)


def pending_on(rows: QuerySet[TravelApplication], on: datetime.date) -> QuerySet[TravelApplication]:
    """Applications filed by `on` without a decision dated by `on`."""
    return rows.filter(filed_on__lte=on).filter(Q(decided_on__isnull=True) | Q(decided_on__gt=on))


def pending_applications(user: Any, *, area: Area | None = None, on: datetime.date) -> QuerySet[TravelApplication]:
    rows = pending_on(applications_in_scope(user), on)
    if area is not None:
        rows = rows.filter(office__path__startswith=area.path)
    return rows


def overdue_applications(user: Any, *, area: Area | None = None, on: datetime.date) -> list[TravelApplication]:
    standards = service_standards()
    return [
        application
        for application in pending_applications(user, area=area, on=on).order_by("filed_on", "id")
        if (on - application.filed_on).days > standard_days_for(application.office.path, standards)
    ]


def ageing(user: Any, *, area: Area | None = None, on: datetime.date) -> list[tuple[str, int]]:
    """Pending applications counted by days waiting: 0–30, 31–60, 61–90, over 90."""
    counts: Counter[int] = Counter()
    for filed_on in pending_applications(user, area=area, on=on).values_list("filed_on", flat=True):
        age = (on - filed_on).days
        counts[
            next(i for i, (low, high) in enumerate(AGEING_BUCKETS) if age >= low and (high is None or age <= high))
        ] += 1
    return [
        (f"{low}–{high}" if high is not None else f">{low - 1}", counts[i])
        for i, (low, high) in enumerate(AGEING_BUCKETS)
    ]


def median(values: list[int]) -> float | None:
    """The middle value, or the mean of the two middle values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    total = ordered[middle - 1] + ordered[middle]
    return total // 2 if total % 2 == 0 else total / 2


def p90(values: list[int]) -> int | None:
    """The 90th percentile by nearest rank: the ⌈0.9·n⌉-th smallest."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _legal_departures(area: Area, start: datetime.date, end: datetime.date) -> int:
    from yalu.ledger.models import EventType, MovementEvent

    return MovementEvent.objects.filter(
        event_type=EventType.LEGAL_DEPARTURE,
        occurred_on__gte=start,
        occurred_on__lte=end,
        area__path__startswith=area.path,
        void=False,
        superseded_by__isnull=True,
    ).count()


def item_statuses_at(items: QuerySet[ReunificationItem], as_of: datetime.date) -> dict[int, str]:
    """Each item's status on `as_of`: its last change dated on or before it."""
    statuses: dict[int, str] = {}
    changes = ItemStatusChange.objects.filter(item__in=items, on__lte=as_of).order_by("item_id", "on", "id")
    for item_id, status in changes.values_list("item_id", "status"):
        statuses[item_id] = status
    return statuses


def permits_report(
    user_or_none: Any, *, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> dict[str, Any]:
    """The permits indicators for `area`'s subtree and the period, keyed by indicator code.

    Decisions count in the period they were made whenever the application was filed; pending and overdue
    are taken at the end of the period; requested persons by their requests' date, each by its status on
    `as_of`. All integers, except `application.days_to_decision`: {"median": d, "p90": d}.
    """
    if as_of < period_end:
        raise ValueError("the report date must not be before the end of the period")
    if user_or_none is not None and not area_in_scope(user_or_none, area):
        raise not_found(user_or_none, object_type="areas.area", object_id=area.code, exists=True)
    in_period = {"gte": period_start, "lte": period_end}
    letters = AuthorizationLetter.objects.filter(
        received_by__path__startswith=area.path, received_on__gte=period_start, received_on__lte=period_end
    ).count()
    applications = TravelApplication.objects.filter(office__path__startswith=area.path)
    decided = Q(decided_on__gte=in_period["gte"], decided_on__lte=in_period["lte"])
    counts = applications.aggregate(
        filed=Count("id", filter=Q(filed_on__gte=period_start, filed_on__lte=period_end)),
        approved=Count("id", filter=decided & Q(decision=Decision.APPROVED)),
        denied=Count("id", filter=decided & Q(decision=Decision.DENIED)),
        withdrawn=Count("id", filter=decided & Q(decision=Decision.WITHDRAWN)),
    )
    pending_rows = list(pending_on(applications, period_end).values_list("filed_on", "office__path"))
    standards = service_standards()
    overdue = sum(
        1 for filed_on, path in pending_rows if (period_end - filed_on).days > standard_days_for(path, standards)
    )
    days = [
        (decided_on - filed_on).days
        for filed_on, decided_on in applications.filter(
            decided, decision__in=[Decision.APPROVED, Decision.DENIED]
        ).values_list("filed_on", "decided_on")
        if decided_on is not None
    ]
    items = ReunificationItem.objects.filter(
        area__path__startswith=area.path,
        request__requested_on__gte=period_start,
        request__requested_on__lte=period_end,
    )
    statuses = Counter(item_statuses_at(items, as_of).values())
    requested = items.count()
    return {
        "letter.received": letters,
        "application.filed": int(counts["filed"]),
        "application.approved": int(counts["approved"]),
        "application.denied": int(counts["denied"]),
        "application.withdrawn": int(counts["withdrawn"]),
        "application.pending": len(pending_rows),
        "application.overdue": overdue,
        "application.days_to_decision": {"median": median(days), "p90": p90(days)},
        "departure.legal": _legal_departures(area, period_start, period_end),
        "reunification.requested": requested,
        "reunification.travelled": statuses[ItemStatus.TRAVELLED],
        "reunification.pending": requested - statuses[ItemStatus.TRAVELLED] - statuses[ItemStatus.DECLINED],
        "reunification.declined": statuses[ItemStatus.DECLINED],
    }


def funnel_table(
    user: Any, *, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> list[tuple[Area, dict[str, Any]]]:
    """The report for `area` and each area below it down to counties (offices below counties roll up)."""
    if not area_in_scope(user, area):
        raise not_found(user, object_type="areas.area", object_id=area.code, exists=True)
    rows = Area.objects.filter(path__startswith=area.path, kind__in=["country", "province", "prefecture", "county"])
    return [
        (row, permits_report(user, area=row, period_start=period_start, period_end=period_end, as_of=as_of))
        for row in rows.order_by("path")
        if row.depth - area.depth <= 2 and area_in_scope(user, row)
    ]


def application_counts_by_status(user: Any) -> dict[str, int]:
    rows = applications_in_scope(user).order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: int(row["n"]) for row in rows}
