import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema

from yalu.areas.queries import area_by_code
from yalu.core.api import api_requires
from yalu.core.errors import NotFoundOrNotInScope
from yalu.ledger.periods import parse_period
from yalu.ledger.queries import (
    crossing_report,
    handback_lists_in_scope,
    person_timeline,
    reconciliation,
    status_of_timeline,
)
from yalu.people.access import access_person

router = Router(tags=["ledger"])


class ReportQuery(Schema):
    area: str
    period: str
    as_of: datetime.date | None = None


class EventOut(Schema):
    id: int
    sequence: int
    event_type: str
    occurred: str
    occurred_precision: str
    area: str
    sector: str | None
    unit: str
    group_ref: str
    related_event: int | None
    supersedes: int | None
    correction_reason: str
    void: bool
    superseded: bool


class TimelineOut(Schema):
    person: int
    status: str
    events: list[EventOut]


class HandbackListOut(Schema):
    id: int
    sender: str
    list_ref: str
    handed_over_on: datetime.date
    area: str
    claimed: int
    matched: int
    confirmed: int
    unmatched: int
    disputed: int


@router.get("/reports/crossings", response=dict[str, int], summary="Cohort figures keyed by indicator code")
@api_requires("ledger.view_movementevent")
def report_crossings(request: HttpRequest, filters: Query[ReportQuery]) -> dict[str, int]:
    user = request.auth  # type: ignore[attr-defined]
    area = area_by_code(filters.area)
    if area is None:
        raise NotFoundOrNotInScope(f"area {filters.area} not found")
    try:
        start, end = parse_period(filters.period)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error
    as_of = filters.as_of or end
    if as_of < end:
        raise ValidationError({"as_of": "the report date must not be before the end of the period"})
    return crossing_report(user, area=area, period_start=start, period_end=end, as_of=as_of)


@router.get("/persons/{person_id}/timeline", response=TimelineOut, summary="A person's status and movements")
@api_requires("ledger.view_movementevent")
def get_timeline(request: HttpRequest, person_id: int) -> TimelineOut:
    person = access_person(request.auth, person_id)  # type: ignore[attr-defined]
    timeline = person_timeline(person)
    return TimelineOut(
        person=person.pk,
        status=status_of_timeline(timeline),
        events=[
            EventOut(
                id=e.pk,
                sequence=e.sequence,
                event_type=e.event_type,
                occurred=e.occurred,
                occurred_precision=e.occurred_precision,
                area=e.area.code,
                sector=e.sector.code if e.sector else None,
                unit=e.unit,
                group_ref=e.group_ref,
                related_event=e.related_event_id,
                supersedes=e.supersedes_id,
                correction_reason=e.correction_reason,
                void=e.void,
                superseded=bool(getattr(e, "is_superseded", False)),
            )
            for e in timeline
        ],
    )


@router.get("/handback-lists", response=list[HandbackListOut], summary="Handback lists in scope, reconciled")
@api_requires("ledger.view_handbacklist")
def list_handback_lists(request: HttpRequest) -> list[HandbackListOut]:
    lists = handback_lists_in_scope(request.auth)  # type: ignore[attr-defined]
    return [
        HandbackListOut(
            id=h.pk,
            sender=h.sender.code,
            list_ref=h.list_ref,
            handed_over_on=h.handed_over_on,
            area=h.area.code,
            **reconciliation(lists.filter(pk=h.pk)),
        )
        for h in lists
    ]
