"""Writes to the registry. Every write: keyword-only arguments, acting_user, one transaction, an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, check_permission
from yalu.core.audit import record_audit
from yalu.core.models import User
from yalu.names import InvalidName, name_keys, normalize
from yalu.people.models import FamilyLink, FamilyRelation, NameKey, NameSystem, Person, PersonChange, PersonName
from yalu.people.validation import check_birth_date

NAME_SYSTEMS = frozenset(NameSystem.values)
TRACKED_FIELDS = ("home_area", "sex", "birth_year", "birth_month", "birth_day", "nationality", "description", "note")


@dataclass(frozen=True)
class NameInput:
    system: str
    full: str = ""
    family: str = ""
    given: str = ""
    source: str = ""


def _check_area(acting_user: User | None, area: Area | None, field: str = "home_area") -> Area:
    if area is None:
        raise ValidationError({field: _("Choose an area.")})
    if acting_user is not None and not area_in_scope(acting_user, area):
        raise ValidationError({field: _("The area %(code)s is outside your jurisdiction.") % {"code": area.code}})
    return area


def name_fields(name: NameInput) -> tuple[dict[str, str], list[str]]:
    """A name's stored fields (PersonName's, without the person) and its match keys, or a ValidationError."""
    if name.system not in NAME_SYSTEMS:
        raise ValidationError(
            {"name_system": _("Unknown script or romanization: %(system)s.") % {"system": name.system}}
        )
    family, given = name.family.strip(), name.given.strip()
    full = name.full.strip() or " ".join(part for part in (family, given) if part)
    if name.system in (NameSystem.HANGUL, NameSystem.HANZI) and not name.full.strip():
        full = f"{family}{given}"
    try:
        keys = name_keys(full, family=family or None, given=given or None)
    except InvalidName as error:
        raise ValidationError({"name": str(error)}) from error
    search_text = normalize(full).casefold().replace(" ", "").replace("-", "")
    fields = {
        "system": str(name.system),
        "family": family,
        "given": given,
        "full": keys.normalized,
        "source": name.source.strip()[:200],
        "search_text": search_text[:200],
        "key_hangul": (keys.hangul[0] if keys.hangul else "")[:64],
        "key_family": (keys.family_key or "")[:16],
        "key_given": (keys.given_key or "")[:48],
    }
    return fields, list(keys.keys)


def build_name(person: Person, name: NameInput) -> tuple[PersonName, list[str]]:
    """A PersonName (unsaved) with its keys, or a ValidationError naming the field."""
    fields, keys = name_fields(name)
    return PersonName(person=person, **fields), keys


def _save_names(person: Person, names: list[NameInput]) -> list[PersonName]:
    saved = []
    for name in names:
        row, keys = build_name(person, name)
        row.save()
        NameKey.objects.bulk_create([NameKey(name=row, person=person, key=key) for key in keys])
        saved.append(row)
    return saved


@transaction.atomic
def create_person(
    *,
    acting_user: User | None,
    home_area: Area | None,
    names: list[NameInput],
    sex: str = "U",
    birth_year: int | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    nationality: str = "",
    description: str = "",
    note: str = "",
    source_ref: str = "",
) -> Person:
    if acting_user is not None:
        check_permission(acting_user, "people.add_person")
    area = _check_area(acting_user, home_area)
    check_birth_date(birth_year, birth_month, birth_day)
    if not names and not description.strip():
        raise ValidationError({"name": _("Give at least one name, or a description of an unidentified person.")})
    person = Person.objects.create(
        home_area=area,
        sex=sex,
        birth_year=birth_year,
        birth_month=birth_month,
        birth_day=birth_day,
        nationality=nationality,
        description=description.strip(),
        note=note,
        created_by=acting_user,
        source_ref=source_ref,
    )
    _save_names(person, names)
    record_audit(
        actor=acting_user,
        action="create",
        target=person,
        detail={"names": [n.full or n.family + n.given for n in names]},
    )
    return person


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Area):
        return value.code
    return str(value)


@transaction.atomic
def update_person(*, acting_user: User, person: Person, **changes: Any) -> Person:
    check_permission(acting_user, "people.change_person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    unknown = set(changes) - set(TRACKED_FIELDS)
    if unknown:
        raise ValidationError({field: _("This field cannot be changed here.") for field in sorted(unknown)})
    if "home_area" in changes:
        _check_area(acting_user, changes["home_area"])
    check_birth_date(
        changes.get("birth_year", person.birth_year),
        changes.get("birth_month", person.birth_month),
        changes.get("birth_day", person.birth_day),
    )
    diff = {}
    for field, value in changes.items():
        old = getattr(person, field)
        if _as_text(old) != _as_text(value):
            diff[field] = (_as_text(old), _as_text(value))
            setattr(person, field, value)
    if not diff:
        return person
    person.save()
    PersonChange.objects.bulk_create(
        [PersonChange(person=person, actor=acting_user, field=f, old=old, new=new) for f, (old, new) in diff.items()]
    )
    record_audit(actor=acting_user, action="update", target=person, detail={"changes": diff})
    return person


@transaction.atomic
def add_name(*, acting_user: User, person: Person, name: NameInput) -> PersonName:
    check_permission(acting_user, "people.change_person")
    (row,) = _save_names(person, [name])
    PersonChange.objects.create(
        person=person, actor=acting_user, field="name", old="", new=f"{row.full} [{row.system}]"
    )
    record_audit(
        actor=acting_user, action="update", target=person, detail={"added_name": row.full, "system": row.system}
    )
    return row


@transaction.atomic
def link_family(*, acting_user: User, person: Person, relative: Person, relation: str) -> FamilyLink:
    """`relative` is the `relation` of `person`: link_family(person=child, relative=mother, relation="parent")."""
    check_permission(acting_user, "people.change_person")
    if relation not in FamilyRelation.values:
        raise ValidationError({"relation": _("Unknown relation: %(relation)s.") % {"relation": relation}})
    if relative.pk == person.pk:
        raise ValidationError({"relative": _("A person cannot be their own relative.")})
    if relation == FamilyRelation.PARENT and relative.pk in _descendants_of(person.pk):
        raise ValidationError({"relative": _("This link would make a person their own ancestor.")})
    exists = FamilyLink.objects.filter(from_person=relative, to_person=person, relation=relation).exists() or (
        relation != FamilyRelation.PARENT
        and FamilyLink.objects.filter(from_person=person, to_person=relative, relation=relation).exists()
    )
    if exists:
        raise ValidationError({"relative": _("These two persons are already linked this way.")})
    link = FamilyLink.objects.create(from_person=relative, to_person=person, relation=relation)
    PersonChange.objects.create(
        person=person, actor=acting_user, field="family", old="", new=f"{relation}: #{relative.pk}"
    )
    record_audit(
        actor=acting_user, action="update", target=person, detail={"family_link": relation, "relative": relative.pk}
    )
    return link


def _descendants_of(person_id: int) -> set[int]:
    seen: set[int] = set()
    frontier = {person_id}
    while frontier:
        children = set(
            FamilyLink.objects.filter(relation=FamilyRelation.PARENT, from_person_id__in=frontier).values_list(
                "to_person_id", flat=True
            )
        )
        frontier = children - seen
        seen |= children
    return seen
