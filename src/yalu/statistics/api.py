import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema

from yalu.areas.models import Area
from yalu.areas.queries import area_by_code
from yalu.core.api import api_requires
from yalu.statistics.access import access_snapshot
from yalu.statistics.indicators import as_json, check_codes, evaluate
from yalu.statistics.periods import parse_period
from yalu.statistics.snapshots import snapshot_changes
from yalu.statistics.validation import validate

router = Router(tags=["statistics"])


class AreaPeriodQuery(Schema):
    area: str
    period: str
    as_of: str = ""
    codes: str = ""


class ViolationOut(Schema):
    rule: str
    area: str
    period: str
    severity: str
    left: float
    right: float
    difference: float
    sources: list[str]
    unknown_terms: list[str]


def _area(code: str) -> Area:
    area = area_by_code(code)
    if area is None:
        raise ValidationError({"area": f"Unknown area code: {code}."})
    return area


def _period(text: str) -> tuple[Any, Any]:
    try:
        return parse_period(text)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error


@router.get("/indicators", summary="Each indicator's computed value and reported values (scoped)")
@api_requires("statistics.view_aggregatesubmission")
def indicators(request: HttpRequest, filters: Query[AreaPeriodQuery]) -> dict[str, Any]:
    area = _area(filters.area)
    start, end = _period(filters.period)
    as_of = end
    if filters.as_of:
        try:
            as_of = datetime.date.fromisoformat(filters.as_of)
        except ValueError as error:
            raise ValidationError({"as_of": "Use a date like 1962-03-31."}) from error
    codes = [code.strip() for code in filters.codes.split(",") if code.strip()] or None
    try:
        if codes is not None:
            check_codes(codes)
        user = request.auth  # type: ignore[attr-defined]
        values = evaluate(user, area=area, period_start=start, period_end=end, as_of=as_of, codes=codes)
    except ValueError as error:
        raise ValidationError({"__all__": str(error)}) from error
    return as_json(values)


@router.get("/violations", response=list[ViolationOut], summary="Violations of the validation rules (scoped)")
@api_requires("statistics.view_aggregatesubmission")
def violations(request: HttpRequest, filters: Query[AreaPeriodQuery]) -> list[dict[str, Any]]:
    area = _area(filters.area)
    _period(filters.period)
    user = request.auth  # type: ignore[attr-defined]
    return [violation.as_json() for violation in validate(user, area=area, period_text=filters.period)]


class SnapshotOut(Schema):
    id: uuid.UUID
    title: str
    area: str
    period: str
    as_of: datetime.date
    taken_at: datetime.datetime
    author: str
    figures: dict[str, Any]
    sources: dict[str, Any]
    changes: list[dict[str, Any]]


@router.get(
    "/snapshots/{snapshot_id}", response=SnapshotOut, summary="A snapshot's frozen figures and what changed since"
)
@api_requires("statistics.view_snapshot")
def snapshot(request: HttpRequest, snapshot_id: uuid.UUID) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    found = access_snapshot(user, snapshot_id)
    return {
        "id": found.pk,
        "title": found.title,
        "area": found.area.code,
        "period": found.period,
        "as_of": found.as_of,
        "taken_at": found.taken_at,
        "author": found.author.get_username(),
        "figures": found.figures,
        "sources": found.sources,
        "changes": snapshot_changes(found),
    }
