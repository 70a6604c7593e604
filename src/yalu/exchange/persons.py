"""Who an imported row names: the sender's person_ref, a certain match in the registry, or a new person.

Rows of one sender with the same person_ref are one person. Otherwise a registry person whose name key,
birth year and sex all agree, and who is the only one to, is certain. Anyone else gets a new person,
whom the importer has scored against the registry by the linkage model once the import is committed
(`yalu.linkage.tasks.score_new_persons_task`): likely matches go to the linkage review queue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from yalu.core.bulk import insert_rows, reserve_ids
from yalu.core.models import Agency, User
from yalu.exchange.models import SenderPersonRef
from yalu.exchange.values import birth_parts
from yalu.people.models import NameKey, Person, PersonName


@dataclass
class PersonRequest:
    """One row's person block (clean values) and the area to file a new person under."""

    row: int
    block: dict[str, Any]
    fallback_area_id: int


@dataclass
class _Known:
    person: Person | int  # a saved person's id, or a person created in this chunk (saved at its end)
    birth_year: int | None
    sex: str
    full: str


@dataclass
class _NewPerson:
    person: Person
    names: list[dict[str, Any]]


def _registry_names(keys: set[str], years: set[int]) -> dict[str, list[_Known]]:
    """Registry names sharing a key with the rows and born in one of the rows' birth years.

    Only they can be certain (key, birth year and sex agree); scoring the others is the linkage's work.
    """
    by_key: dict[str, list[_Known]] = {}
    if not keys or not years:
        return by_key
    rows = PersonName.objects.filter(key_hangul__in=keys, person__birth_year__in=years).values_list(
        "key_hangul", "person_id", "person__birth_year", "person__sex", "full"
    )
    for key, person_id, birth_year, sex, full in rows.iterator(chunk_size=5000):
        by_key.setdefault(key, []).append(_Known(person_id, birth_year, sex, full))
    return by_key


def resolve_persons(
    *,
    sender: Agency,
    user: User | None,
    batch_id: Any,
    requests: Sequence[PersonRequest],
    on_created: Callable[[Sequence[int]], None] | None = None,
) -> list[int]:
    """The person id of each request, creating persons (in bulk) where no one certain is found;
    `on_created` is told the ids of the persons created."""
    refs = {r.block["person_ref"] for r in requests if r.block.get("person_ref")}
    by_ref: dict[str, Person | int] = dict(
        SenderPersonRef.objects.filter(sender=sender, person_ref__in=refs).values_list("person_ref", "person_id")
    )
    keys = {name["key_hangul"] for r in requests for name in r.block.get("names", []) if name["key_hangul"]}
    years = {year for r in requests if (year := birth_parts(r.block.get("birth"))[0]) is not None}
    by_key = _registry_names(keys, years)
    candidate_ids = {known.person for found in by_key.values() for known in found}
    bound: set[int] = set(
        SenderPersonRef.objects.filter(sender=sender, person_id__in=candidate_ids).values_list("person_id", flat=True)
    )
    results: list[Person | int] = []
    created: list[_NewPerson] = []
    new_refs: list[tuple[str, Person | int]] = []
    for request in requests:
        block = request.block
        ref = block.get("person_ref", "")
        if ref and ref in by_ref:
            results.append(by_ref[ref])
            continue
        year, month, day = birth_parts(block.get("birth"))
        sex = block.get("sex", "U")
        candidates = _candidates(block, by_key)
        # a person the sender already knows under another person_ref is someone else to that sender
        certain = {
            _key(known.person): known
            for known in candidates
            if year is not None
            and known.birth_year == year
            and known.sex == sex
            and not (ref and _key(known.person) in bound)
        }
        person: Person | int
        if len(certain) == 1:
            person = next(iter(certain.values())).person
        else:
            new = Person(
                home_area_id=block.get("home_area_id") or request.fallback_area_id,
                sex=sex,
                birth_year=year,
                birth_month=month,
                birth_day=day,
                nationality=block.get("nationality", ""),
                created_by=user,
                source_ref=ref,
            )
            created.append(_NewPerson(new, block.get("names", [])))
            full = block["names"][0]["full"] if block.get("names") else ""
            for name in block.get("names", []):
                if name["key_hangul"]:
                    by_key.setdefault(name["key_hangul"], []).append(_Known(new, year, sex, full))
            person = new
        if ref:
            bound.add(_key(person))
            by_ref[ref] = person
            new_refs.append((ref, person))
        results.append(person)
    _save_new(created)
    if on_created is not None and created:
        on_created([new.person.pk for new in created])
    insert_rows(
        SenderPersonRef,
        ("sender", "person_ref", "person", "batch"),
        ((sender.pk, ref, _key(person), batch_id) for ref, person in new_refs),
    )
    return [_key(person) for person in results]


def _key(person: Person | int) -> int:
    """The person's id; for a person created in this chunk and not saved yet, the object's identity."""
    if isinstance(person, int):
        return person
    return person.pk if person.pk is not None else id(person)


def _candidates(block: dict[str, Any], by_key: dict[str, list[_Known]]) -> list[_Known]:
    found: list[_Known] = []
    for name in block.get("names", []):
        found.extend(by_key.get(name["key_hangul"], []) if name["key_hangul"] else [])
    return found


PERSON_FIELDS = (
    "id", "home_area", "sex", "birth_year", "birth_month", "birth_day", "nationality", "description", "note",
    "created_at", "updated_at", "created_by", "source_ref",
)  # fmt: skip
NAME_FIELDS = (
    "id", "person", "system", "family", "given", "full", "source", "search_text", "key_hangul", "key_family",
    "key_given", "created_at",
)  # fmt: skip


def _save_new(created: list[_NewPerson]) -> None:
    """Write the new persons, their names and name keys in bulk (ids reserved first, then COPY)."""
    if not created:
        return
    now = timezone.now()
    for new, pk in zip(created, reserve_ids(Person, len(created)), strict=True):
        new.person.pk = new.person.id = pk
        new.person._state.adding = False
    insert_rows(
        Person,
        PERSON_FIELDS,
        (
            (p.pk, p.home_area_id, p.sex, p.birth_year, p.birth_month, p.birth_day, p.nationality, p.description,
             p.note, now, now, p.created_by_id, p.source_ref)  # fmt: skip
            for p in (new.person for new in created)
        ),
    )
    names = [(new.person.pk, name) for new in created for name in new.names]
    name_ids = reserve_ids(PersonName, len(names))
    insert_rows(
        PersonName,
        NAME_FIELDS,
        (
            (pk, person_id, n["system"], n["family"], n["given"], n["full"], n["source"], n["search_text"],
             n["key_hangul"], n["key_family"], n["key_given"], now)  # fmt: skip
            for pk, (person_id, n) in zip(name_ids, names, strict=True)
        ),
    )
    insert_rows(
        NameKey,
        ("name", "person", "key"),
        (
            (name_id, person_id, key)
            for name_id, (person_id, name) in zip(name_ids, names, strict=True)
            for key in name["keys"]
        ),
    )
