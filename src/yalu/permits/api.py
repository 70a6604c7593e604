import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from yalu.core.api import api_requires
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition
from yalu.permits import actions
from yalu.permits.access import access_application
from yalu.permits.models import TravelApplication
from yalu.permits.queries import permits_report
from yalu.permits.reporting import ReportArgumentError, report_arguments

router = Router(tags=["permits"])


class ReportQuery(Schema):
    area: str
    period: str
    as_of: str = ""


class ApplicationOut(Schema):
    id: int
    office: str
    person_id: int
    filed_on: datetime.date
    purpose: str
    letter: str | None
    group_ref: str
    status: str
    decision: str
    decided_on: datetime.date | None
    reason: str | None
    departed_on: datetime.date | None


class DecisionIn(Schema):
    decision: str
    decided_on: datetime.date
    reason: str = ""
    note: str = ""


def application_out(application: TravelApplication) -> ApplicationOut:
    return ApplicationOut(
        id=application.pk,
        office=application.office.code,
        person_id=application.person_id,
        filed_on=application.filed_on,
        purpose=application.purpose,
        letter=application.letter.number if application.letter else None,
        group_ref=application.group_ref,
        status=application.status,
        decision=application.decision,
        decided_on=application.decided_on,
        reason=application.denial_reason.code if application.denial_reason else None,
        departed_on=application.departed_on,
    )


@router.get("/report", summary="The permits indicators for an area and period (scoped)")
@api_requires("permits.view_travelapplication")
def report(request: HttpRequest, filters: Query[ReportQuery]) -> dict[str, Any]:
    try:
        arguments = report_arguments(filters.area, filters.period, filters.as_of)
    except ReportArgumentError as error:
        raise ValidationError({"__all__": [str(error)]}) from error
    return permits_report(
        request.auth,  # type: ignore[attr-defined]
        area=arguments.area,
        period_start=arguments.period_start,
        period_end=arguments.period_end,
        as_of=arguments.as_of,
    )


@router.get("/applications/{application_id}", response=ApplicationOut, summary="One travel application (scoped)")
@api_requires("permits.view_travelapplication")
def get_application(request: HttpRequest, application_id: int) -> ApplicationOut:
    application = access_application(request.auth, application_id)  # type: ignore[attr-defined]
    record_audit(actor=request.auth, action="view", target=application, request=request)  # type: ignore[attr-defined]
    return application_out(application)


@router.post(
    "/applications/{application_id}/decision",
    response={200: ApplicationOut, 409: dict[str, str]},
    summary="Approve, deny (with a reason from the list) or record a withdrawal; 409 when already decided",
)
@api_requires("permits.decide_travelapplication")
def decide(request: HttpRequest, application_id: int, payload: DecisionIn) -> Any:
    application = access_application(request.auth, application_id)  # type: ignore[attr-defined]
    try:
        decided = actions.decide_application(
            acting_user=request.auth,  # type: ignore[attr-defined]
            application=application,
            decision=payload.decision,
            decided_on=payload.decided_on,
            reason=payload.reason,
            note=payload.note,
        )
    except InvalidTransition as error:
        return Status(409, {"detail": str(error)})
    return Status(200, application_out(decided))
