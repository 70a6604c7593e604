"""Reads of the ledger, scoped by the caller: status and timeline, the cohort report, handback reconciliation."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, not_found, scope_q
from yalu.ledger.chain import HASHED_FIELDS, ChainCheck, check_chain
from yalu.ledger.models import EventType, HandbackItem, HandbackList, HandbackStatus, LedgerHead, MovementEvent
from yalu.people.models import Person

INDICATORS = (
    "crossing.detected",
    "crossing.persons",
    "return.persuaded",
    "return.voluntary",
    "return.handed_back",
    "return.handed_back_claimed",
    "abroad.remaining",
    "death.crossing",
    "crossing.unaccounted",
)

# The outcome a cohort person's last event counts as; any other last event leaves them unaccounted.
OUTCOME_INDICATORS = {
    EventType.PERSUADED_TO_RETURN: "return.persuaded",
    EventType.RETURNED_VOLUNTARILY: "return.voluntary",
    EventType.HANDED_BACK: "return.handed_back",
    EventType.REPORTED_ABROAD: "abroad.remaining",
    EventType.DIED: "death.crossing",
}

STATUS_BY_LAST_EVENT = {
    EventType.CROSSING_DETECTED: "unknown",
    EventType.PERSUADED_TO_RETURN: "returned",
    EventType.RETURNED_VOLUNTARILY: "returned",
    EventType.HANDED_BACK: "returned",
    EventType.REPORTED_ABROAD: "abroad",
    EventType.DIED: "dead",
    EventType.LEGAL_DEPARTURE: "abroad",
    EventType.LEGAL_RETURN: "home",
}

# An event counts unless it is a withdrawal (void) or a later row supersedes it.
EFFECTIVE = "{e}.void = %s AND NOT EXISTS (SELECT 1 FROM ledger_movementevent s WHERE s.supersedes_id = {e}.id)"

COHORT_SQL = f"""
WITH crossings AS (
    SELECT e.person_id FROM ledger_movementevent e
    WHERE e.event_type = %s AND e.occurred_on >= %s AND e.occurred_on <= %s
      AND e.area_id IN (SELECT a.id FROM areas_area a WHERE a.path LIKE %s)
      AND {EFFECTIVE.format(e="e")}
),
cohort AS MATERIALIZED (SELECT person_id, COUNT(*) AS detected FROM crossings GROUP BY person_id),
ranked AS (
    SELECT e.event_type,
           ROW_NUMBER() OVER (PARTITION BY e.person_id ORDER BY e.ordered_on DESC, e.sequence DESC) AS position
    FROM ledger_movementevent e
    WHERE e.person_id IN (SELECT person_id FROM cohort) AND e.occurred_on <= %s AND {EFFECTIVE.format(e="e")}
)
SELECT (SELECT SUM(detected) FROM cohort), (SELECT COUNT(*) FROM cohort), r.event_type, COUNT(*)
FROM ranked r WHERE r.position = 1 GROUP BY r.event_type
"""  # noqa: S608 (constant fragments; every value is a parameter)

CLAIMED_SQL = """
SELECT COUNT(*) FROM ledger_handbackitem i JOIN ledger_handbacklist l ON l.id = i.handback_list_id
WHERE l.handed_over_on >= %s AND l.handed_over_on <= %s
  AND l.area_id IN (SELECT a.id FROM areas_area a WHERE a.path LIKE %s)
"""


def events_in_scope(user: Any) -> QuerySet[MovementEvent]:
    return MovementEvent.objects.filter(scope_q(user, "area"))


def effective_events() -> QuerySet[MovementEvent]:
    return MovementEvent.objects.filter(void=False, superseded_by__isnull=True)


def crossing_report(
    user_or_none: Any, *, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> dict[str, int]:
    """The cohort figures of spec/indicators.md for `area`'s subtree, keyed by indicator code.

    The cohort: persons with a crossing detected in the period in the subtree. Each is counted once, by
    their last event (any place) up to `as_of`. `return.handed_back_claimed`: items of handback lists
    handed over in the period and received in the subtree (see HandbackList.area).
    """
    if as_of < period_end:
        raise ValueError("the report date must not be before the end of the period")
    if user_or_none is not None and not area_in_scope(user_or_none, area):
        raise not_found(user_or_none, object_type="areas.area", object_id=area.code, exists=True)
    like = f"{area.path}%"
    figures = dict.fromkeys(INDICATORS, 0)
    with connection.cursor() as cursor:
        cursor.execute(
            COHORT_SQL,
            [EventType.CROSSING_DETECTED.value, period_start, period_end, like, False, as_of, False],
        )
        for detected, persons, event_type, count in cursor.fetchall():
            figures["crossing.detected"], figures["crossing.persons"] = int(detected), int(persons)
            if event_type in OUTCOME_INDICATORS:
                figures[OUTCOME_INDICATORS[event_type]] += int(count)
        cursor.execute(CLAIMED_SQL, [period_start, period_end, like])
        figures["return.handed_back_claimed"] = int(cursor.fetchone()[0])
    accounted = sum(figures[code] for code in OUTCOME_INDICATORS.values())
    figures["crossing.unaccounted"] = figures["crossing.persons"] - accounted
    return figures


def crossing_table(
    user: Any, *, area: Area, period_start: datetime.date, period_end: datetime.date, as_of: datetime.date
) -> list[tuple[Area, dict[str, int]]]:
    """The report for `area` and each area below it down to counties and city districts (sectors roll up)."""
    kinds = ["country", "province", "prefecture", "county", "district"]
    rows = Area.objects.filter(path__startswith=area.path, kind__in=kinds)
    return [
        (row, crossing_report(user, area=row, period_start=period_start, period_end=period_end, as_of=as_of))
        for row in rows.order_by("path")
        if row.depth - area.depth <= 3
    ]


def person_timeline(person: Person) -> list[MovementEvent]:
    """Every event of the person, corrections and withdrawn ones included (`is_superseded` set), in order."""
    return list(
        MovementEvent.objects.filter(person=person)
        .annotate(is_superseded=Exists(MovementEvent.objects.filter(supersedes=OuterRef("pk"))))
        .select_related("area", "sector", "recorded_by", "sender")
        .order_by("ordered_on", "sequence")
    )


def status_of_timeline(timeline: list[MovementEvent]) -> str:
    """home, abroad, returned, dead or unknown, from the last effective event (home when there is none)."""
    effective = [e for e in timeline if not e.void and not getattr(e, "is_superseded", False)]
    if not effective:
        return "home"
    return STATUS_BY_LAST_EVENT.get(EventType(effective[-1].event_type), "unknown")


def person_status(person: Person) -> str:
    return status_of_timeline(person_timeline(person))


def incident_events(user: Any, group_ref: str) -> QuerySet[MovementEvent]:
    return (
        events_in_scope(user)
        .filter(group_ref=group_ref)
        .select_related("person", "area", "sector", "related_event")
        .order_by("sequence")
    )


def verify_chain() -> ChainCheck:
    head = LedgerHead.objects.filter(pk=1).first()
    rows = (
        MovementEvent.objects.order_by("sequence").values(*HASHED_FIELDS, "prev_hash", "hash").iterator(chunk_size=5000)
    )
    return check_chain(
        rows,
        head_sequence=head.last_sequence if head is not None else None,
        head_hash=head.last_hash if head is not None else None,
    )


def handback_lists_in_scope(user: Any) -> QuerySet[HandbackList]:
    return HandbackList.objects.filter(scope_q(user, "area")).select_related("sender", "area")


def reconciliation(lists: QuerySet[HandbackList]) -> dict[str, int]:
    """claimed, matched, confirmed, unmatched, disputed over the items of these lists."""
    counts = HandbackItem.objects.filter(handback_list__in=lists).aggregate(
        claimed=Count("id"),
        matched=Count("id", filter=Q(status=HandbackStatus.MATCHED)),
        confirmed=Count("id", filter=Q(status=HandbackStatus.CONFIRMED)),
        unmatched=Count("id", filter=Q(status=HandbackStatus.UNMATCHED)),
        disputed=Count("id", filter=Q(status=HandbackStatus.DISPUTED)),
    )
    return {key: int(value or 0) for key, value in counts.items()}
