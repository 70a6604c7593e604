"""Matching a name written by a letter or a request to the registry: exact name keys plus birth year.

Certain: exactly one registry person shares a Hangul key of the name and the birth year. Likely: persons
share a key but not the birth year (or several do), or `compare` finds them the same person by another
reading; the best of those is kept for review, never linked silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from yalu.names import InvalidName, compare, name_keys
from yalu.people.models import NameKey, Person, PersonName

MAX_CANDIDATES = 20


@dataclass(frozen=True)
class RegistryMatch:
    status: str  # "certain", "likely" or "none"
    person: Person | None = None


def _keys_of(names: list[str]) -> set[str]:
    keys: set[str] = set()
    for text in names:
        if not text.strip():
            continue
        try:
            found = name_keys(text.strip())
        except InvalidName:
            continue
        keys.update(found.hangul[:1])
    return keys


def match_person(names: list[str], birth_year: int | None, *, among: QuerySet[Person] | None = None) -> RegistryMatch:
    keys = _keys_of(names)
    if not keys:
        return RegistryMatch("none")
    people = among if among is not None else Person.objects.all()
    by_hangul = PersonName.objects.filter(key_hangul__in=keys).values_list("person_id", flat=True)
    by_key = NameKey.objects.filter(key__in=keys).values_list("person_id", flat=True)
    ids = set(by_hangul[:MAX_CANDIDATES]) | set(by_key[:MAX_CANDIDATES])
    candidates = list(people.filter(pk__in=ids).order_by("id"))
    if birth_year is not None:
        same_year = [person for person in candidates if person.birth_year == birth_year]
        if len(same_year) == 1:
            return RegistryMatch("certain", same_year[0])
        if same_year:
            return RegistryMatch("likely", same_year[0])
    if candidates:
        return RegistryMatch("likely", candidates[0])
    return RegistryMatch("none")


def is_same_name(a: str, b: str) -> bool:
    try:
        return compare(a, b).same_person
    except InvalidName:
        return False
