"""Reads of the registry, always through the caller's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from yalu.areas.models import Area
from yalu.core.access import scope_q
from yalu.names import InvalidName, name_keys, normalize
from yalu.people.models import FamilyLink, NameKey, Person, PersonName


def people_in_scope(user: Any) -> QuerySet[Person]:
    return Person.objects.filter(scope_q(user, "home_area"))


def search_text_of(query: str) -> str:
    return normalize(query).casefold().replace(" ", "").replace("-", "")


def search_people(user: Any, *, q: str = "", area: Area | None = None) -> QuerySet[Person]:
    """Persons in scope, optionally under `area`, matching `q` on any stored name, best match first.

    A query matches a person when one of its match keys equals one of theirs (any script, any
    romanization), or when it is a prefix of one of their names as written.
    """
    people = people_in_scope(user)
    if area is not None:
        people = people.filter(home_area__path__startswith=area.path)
    people = people.select_related("home_area").prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("id"))
    )
    q = q.strip()
    if not q:
        return people.order_by("id")
    try:
        keys = list(name_keys(q).keys)
        text = search_text_of(q)
    except InvalidName:
        return people.none()
    by_key = (
        NameKey.objects.filter(key__in=keys).values("person_id") if keys else NameKey.objects.none().values("person_id")
    )
    by_prefix = PersonName.objects.filter(search_text__startswith=text).values("person_id")
    return (
        people.filter(Q(pk__in=by_key) | Q(pk__in=by_prefix))
        .annotate(rank=Case(When(pk__in=by_key, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("rank", "id")
    )


def family_of(person: Person, user: Any) -> list[tuple[str, Person]]:
    """Both directions of every link, as (relation seen from `person`, relative), relatives in scope only."""
    visible = people_in_scope(user)
    rows: list[tuple[str, Person]] = []
    for link in FamilyLink.objects.filter(to_person=person, from_person__in=visible).select_related("from_person"):
        rows.append((link.relation, link.from_person))
    for link in FamilyLink.objects.filter(from_person=person, to_person__in=visible).select_related("to_person"):
        rows.append(("child" if link.relation == "parent" else link.relation, link.to_person))
    return rows
