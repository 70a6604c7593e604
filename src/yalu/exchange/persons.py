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

from django.db import connection
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


@dataclass(eq=False)
class _Draft:
    """A person this chunk creates: saved (and given its id) at the chunk's end."""

    home_area_id: int
    sex: str
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    nationality: str
    source_ref: str
    names: list[dict[str, Any]]
    pk: int | None = None


@dataclass
class _Known:
    person: _Draft | int  # a saved person's id, or a person created in this chunk
    birth_year: int | None
    sex: str
    full: str


PAIRS_PER_QUERY = 1000  # (key, year, sex) triples per statement: at most 4,000 parameters


def _registry_names(wanted: set[tuple[str, int, str]]) -> dict[str, list[_Known]]:
    """Registry names with one of the rows' (name key, birth year, sex): the only ones that can be certain.

    Read by exact triple, not by key alone: a common name has thousands of bearers, more with every
    import, and only those of the same birth year and sex could be the row's person. Scoring the others
    is the linkage's work.
    """
    by_key: dict[str, list[_Known]] = {}
    ordered = sorted(wanted)
    names = connection.ops.quote_name(PersonName._meta.db_table)
    persons = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), PAIRS_PER_QUERY):
            part = ordered[start : start + PAIRS_PER_QUERY]
            keys = sorted({key for key, _year, _sex in part})
            values = ", ".join(["(%s, %s, %s)"] * len(part))
            # the keys alone first, so that the database reads by the key's index
            cursor.execute(
                f"SELECT n.key_hangul, n.person_id, p.birth_year, p.sex, n.full FROM {names} n "  # noqa: S608
                f"JOIN {persons} p ON p.id = n.person_id "
                f"WHERE n.key_hangul IN ({', '.join(['%s'] * len(keys))}) "
                f"AND (n.key_hangul, p.birth_year, p.sex) IN (VALUES {values})",
                [*keys, *(value for triple in part for value in triple)],
            )
            for key, person_id, birth_year, sex, full in cursor.fetchall():
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
    by_ref: dict[str, _Draft | int] = dict(
        SenderPersonRef.objects.filter(sender=sender, person_ref__in=refs).values_list("person_ref", "person_id")
    )
    facts = [(birth_parts(r.block.get("birth")), r.block.get("sex", "U")) for r in requests]
    by_key = _registry_names(
        {
            (name["key_hangul"], year, sex)
            for r, ((year, _month, _day), sex) in zip(requests, facts, strict=True)
            if year is not None and not (r.block.get("person_ref") and r.block["person_ref"] in by_ref)
            for name in r.block.get("names", [])
            if name["key_hangul"]
        }
    )
    # a person the sender already knows under another person_ref is someone else to that sender: read which
    # of the persons who could be certain for a row are bound so
    could_be: set[int] = {
        known.person
        for request, ((year, _month, _day), sex) in zip(requests, facts, strict=True)
        if request.block.get("person_ref") and request.block["person_ref"] not in by_ref
        for known in _candidates(request.block, by_key)
        if isinstance(known.person, int) and known.birth_year == year and known.sex == sex
    }
    bound: set[int] = set()
    for start in range(0, len(could_be), QUERY_CHUNK):
        part = sorted(could_be)[start : start + QUERY_CHUNK]
        bound.update(
            SenderPersonRef.objects.filter(sender=sender, person_id__in=part).values_list("person_id", flat=True)
        )
    results: list[_Draft | int] = []
    created: list[_Draft] = []
    new_refs: list[tuple[str, _Draft | int]] = []
    for request, ((year, month, day), sex) in zip(requests, facts, strict=True):
        block = request.block
        ref = block.get("person_ref", "")
        if ref and ref in by_ref:
            results.append(by_ref[ref])
            continue
        certain = {
            _key(known.person): known
            for known in _candidates(block, by_key)
            if year is not None
            and known.birth_year == year
            and known.sex == sex
            and not (ref and _key(known.person) in bound)
        }
        person: _Draft | int
        if len(certain) == 1:
            person = next(iter(certain.values())).person
        else:
            names = block.get("names", [])
            person = _Draft(
                home_area_id=block.get("home_area_id") or request.fallback_area_id,
                sex=sex,
                birth_year=year,
                birth_month=month,
                birth_day=day,
                nationality=block.get("nationality", ""),
                source_ref=ref,
                names=names,
            )
            created.append(person)
            full = names[0]["full"] if names else ""
            for name in names:
                if name["key_hangul"]:
                    by_key.setdefault(name["key_hangul"], []).append(_Known(person, year, sex, full))
        if ref:
            bound.add(_key(person))
            by_ref[ref] = person
            new_refs.append((ref, person))
        results.append(person)
    _save_new(created, user)
    if on_created is not None and created:
        on_created([_key(draft) for draft in created])
    insert_rows(
        SenderPersonRef,
        ("sender", "person_ref", "person", "batch"),
        ((sender.pk, ref, _key(person), batch_id) for ref, person in new_refs),
    )
    return [_key(person) for person in results]


def _key(person: _Draft | int) -> int:
    """The person's id; for a person created in this chunk and not saved yet, the object's identity."""
    if isinstance(person, int):
        return person
    return person.pk if person.pk is not None else id(person)


def _candidates(block: dict[str, Any], by_key: dict[str, list[_Known]]) -> list[_Known]:
    found: list[_Known] = []
    for name in block.get("names", []):
        found.extend(by_key.get(name["key_hangul"], []) if name["key_hangul"] else [])
    return found


QUERY_CHUNK = 5000  # values per IN (...): SQLite limits the parameters of one statement
PERSON_FIELDS = (
    "id", "home_area", "sex", "birth_year", "birth_month", "birth_day", "nationality", "description", "note",
    "created_at", "updated_at", "created_by", "source_ref",
)  # fmt: skip
NAME_FIELDS = (
    "id", "person", "system", "family", "given", "full", "source", "search_text", "key_hangul", "key_family",
    "key_given", "created_at",
)  # fmt: skip


def _save_new(created: list[_Draft], user: User | None) -> None:
    """Write the new persons, their names and name keys in bulk (ids reserved first, then COPY)."""
    if not created:
        return
    now = timezone.now()
    for draft, pk in zip(created, reserve_ids(Person, len(created)), strict=True):
        draft.pk = pk
    user_id = user.pk if user is not None else None
    insert_rows(
        Person,
        PERSON_FIELDS,
        (
            (p.pk, p.home_area_id, p.sex, p.birth_year, p.birth_month, p.birth_day, p.nationality, "", "",
             now, now, user_id, p.source_ref)  # fmt: skip
            for p in created
        ),
    )
    names = [(draft.pk, name) for draft in created for name in draft.names]
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
