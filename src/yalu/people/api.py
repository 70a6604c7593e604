from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from yalu.areas.queries import area_by_code
from yalu.core.api import api_requires
from yalu.core.audit import record_audit
from yalu.core.errors import NotFoundOrNotInScope
from yalu.people import actions
from yalu.people.access import access_person
from yalu.people.models import Person
from yalu.people.queries import family_of, search_people
from yalu.people.validation import parse_birth_date

router = Router(tags=["people"])


class NameOut(Schema):
    system: str
    family: str
    given: str
    full: str
    source: str


class PersonOut(Schema):
    id: int
    names: list[NameOut]
    sex: str
    birth_date: str
    birth_precision: str
    nationality: str
    home_area: str
    description: str


class RelativeOut(Schema):
    relation: str
    id: int
    name: str


class PersonDetailOut(PersonOut):
    family: list[RelativeOut]


class PeopleOut(Schema):
    count: int
    items: list[PersonOut]


class PeopleQuery(Schema):
    q: str = ""
    area: str = ""
    limit: int = 50
    offset: int = 0


def person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.pk,
        names=[
            NameOut(system=n.system, family=n.family, given=n.given, full=n.full, source=n.source)
            for n in person.names.all()
        ],
        sex=person.sex,
        birth_date=person.birth_date,
        birth_precision=person.birth_precision,
        nationality=person.nationality,
        home_area=person.home_area.code,
        description=person.description,
    )


@router.get("/", response=PeopleOut, summary="Search the registry (any stored name; scoped)")
@api_requires("people.view_person")
def list_people(request: HttpRequest, filters: Query[PeopleQuery]) -> PeopleOut:
    user = request.auth  # type: ignore[attr-defined]
    area = area_by_code(filters.area) if filters.area else None
    if filters.area and area is None:
        return PeopleOut(count=0, items=[])
    people = search_people(user, q=filters.q[:200], area=area)
    limit = max(1, min(filters.limit, 500))
    offset = max(0, filters.offset)
    count = people.count()
    if filters.q or filters.area:
        record_audit(
            actor=user,
            action="search",
            request=request,
            object_type="people.person",
            detail={"q": filters.q[:200], "area": filters.area, "count": count, "via": "api"},
        )
    return PeopleOut(count=count, items=[person_out(p) for p in people[offset : offset + limit]])


class NameIn(Schema):
    system: str
    family: str = ""
    given: str = ""
    full: str = ""
    source: str = ""


class PersonIn(Schema):
    home_area: str
    names: list[NameIn] = []
    sex: str = "U"
    birth_date: str = ""
    nationality: str = ""
    description: str = ""
    note: str = ""


class FamilyLinkIn(Schema):
    relative: int
    relation: str


def _area_or_error(code: str) -> Any:
    area = area_by_code(code)
    if area is None:
        raise ValidationError({"home_area": f"Unknown area code: {code}."})
    return area


@router.post("/", response={201: PersonDetailOut}, summary="Register a person (field errors answer 422)")
@api_requires("people.add_person")
def create_person(request: HttpRequest, payload: PersonIn) -> Status[PersonDetailOut]:
    user = request.auth  # type: ignore[attr-defined]
    if payload.sex not in ("M", "F", "U"):
        raise ValidationError({"sex": "Use M, F or U."})
    if payload.nationality not in ("", "CN", "KP"):
        raise ValidationError({"nationality": "Use CN, KP or leave empty."})
    year, month, day = parse_birth_date(payload.birth_date)
    person = actions.create_person(
        acting_user=user,
        home_area=_area_or_error(payload.home_area),
        names=[
            actions.NameInput(system=n.system, full=n.full, family=n.family, given=n.given, source=n.source)
            for n in payload.names
        ],
        sex=payload.sex,
        birth_year=year,
        birth_month=month,
        birth_day=day,
        nationality=payload.nationality,
        description=payload.description,
        note=payload.note,
    )
    return Status(201, get_person(request, person.pk))


@router.post("/{person_id}/family", response={201: PersonDetailOut}, summary="Link a relative (field errors: 422)")
@api_requires("people.change_person")
def add_family_link(request: HttpRequest, person_id: int, payload: FamilyLinkIn) -> Status[PersonDetailOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = access_person(user, person_id)
    try:
        relative = access_person(user, payload.relative)
    except NotFoundOrNotInScope as error:
        raise ValidationError({"relative": "No person with this number in your jurisdiction."}) from error
    actions.link_family(acting_user=user, person=person, relative=relative, relation=payload.relation)
    return Status(201, get_person(request, person.pk))


@router.get("/{person_id}", response=PersonDetailOut, summary="One person's record (scoped; audited)")
@api_requires("people.view_person")
def get_person(request: HttpRequest, person_id: int) -> PersonDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    person = access_person(user, person_id)
    record_audit(actor=user, action="view", target=person, request=request, detail={"via": "api"})
    base = person_out(person)
    return PersonDetailOut(
        **base.dict(),
        family=[
            RelativeOut(relation=relation, id=relative.pk, name=relative.display_name)
            for relation, relative in family_of(person, user)
        ],
    )
