"""Who an imported row names: the sender's person_ref, a certain match in the registry, or a new person.

Rows of one sender with the same person_ref are one person. Otherwise a registry person whose name key,
birth year and sex all agree, and who is the only one to, is certain; a person sharing a name key
without that is likely: the row gets a new person and a MatchCandidate for the linkage review queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from yalu.core.bulk import insert_rows, reserve_ids
from yalu.core.models import Agency, User
from yalu.exchange.models import MatchCandidate, SenderPersonRef
from yalu.exchange.values import birth_parts
from yalu.names import compare
from yalu.people.models import NameKey, Person, PersonName

MAX_CANDIDATES = 5


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
    candidates: list[_Known] = field(default_factory=list)
    row: int = 0


NEAR_YEARS = 3


def _registry_names(keys: set[str], years: set[int]) -> dict[str, list[_Known]]:
    """Registry names sharing a key with the rows, born in or near the rows' birth years or of unknown birth.

    Bounded on purpose: a common name has thousands of bearers, and only those whose birth year could
    agree are worth a look.
    """
    near = {year + delta for year in years for delta in range(-NEAR_YEARS, NEAR_YEARS + 1)}
    by_key: dict[str, list[_Known]] = {}
    rows = (
        PersonName.objects.filter(key_hangul__in=keys)
        .filter(Q(person__birth_year__in=near) | Q(person__birth_year__isnull=True))
        .values_list("key_hangul", "person_id", "person__birth_year", "person__sex", "full")
    )
    for key, person_id, birth_year, sex, full in rows.iterator(chunk_size=2000):
        by_key.setdefault(key, []).append(_Known(person_id, birth_year, sex, full))
    return by_key


def resolve_persons(
    *, sender: Agency, user: User | None, batch_id: Any, requests: Sequence[PersonRequest]
) -> list[int]:
    """The person id of each request, creating persons (in bulk) where no one certain is found."""
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
            likely: dict[int, _Known] = {}
            for known in candidates:
                if len(likely) >= MAX_CANDIDATES:
                    break
                likely.setdefault(_key(known.person), known)
            created.append(_NewPerson(new, block.get("names", []), list(likely.values()), request.row))
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
    _save_new(created, batch_id)
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


def _save_new(created: list[_NewPerson], batch_id: Any) -> None:
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
    candidates = []
    for new in created:
        if not new.candidates or not new.names:
            continue
        for known in new.candidates:
            other = _key(known.person)
            if other == new.person.pk:
                continue
            comparison = compare(new.names[0]["full"], known.full)
            reasons = list(comparison.reasons)
            if known.birth_year != new.person.birth_year:
                reasons.append(f"birth years differ or are unknown: {new.person.birth_year} / {known.birth_year}")
            if known.sex != new.person.sex:
                reasons.append(f"sex differs: {new.person.sex} / {known.sex}")
            candidates.append(
                MatchCandidate(
                    batch_id=batch_id,
                    row_number=new.row,
                    person=new.person,
                    candidate_id=other,
                    score=comparison.score,
                    reasons=reasons,
                )
            )
    MatchCandidate.objects.bulk_create(candidates)
