"""access_person: the person, or the same not-found error whether missing or outside the jurisdiction."""

from __future__ import annotations

from typing import Any

from yalu.core.access import not_found
from yalu.people.models import Person
from yalu.people.queries import people_in_scope


def access_person(user: Any, person_id: int) -> Person:
    person = people_in_scope(user).select_related("home_area").filter(pk=person_id).first()
    if person is None:
        raise not_found(
            user, object_type="people.person", object_id=person_id, exists=Person.objects.filter(pk=person_id).exists()
        )
    return person
