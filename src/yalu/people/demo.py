"""The demo registry: several thousand synthetic persons of the border counties, with family links."""

from __future__ import annotations

from django.db import transaction

from yalu.areas.models import Area
from yalu.core.audit import record_audit
from yalu.core.models import User
from yalu.people.actions import NameInput, build_name
from yalu.people.models import FamilyLink, NameKey, Person
from yalu.people.synthetic import generate_registry

DEMO_SOURCE = "demo"

# Households per county, roughly by the ethnic-Korean population along the rivers.
DEMO_HOUSEHOLDS = {
    "222405": 300,  # Longjing
    "222401": 250,  # Yanji
    "222406": 160,  # Helong
    "222402": 120,  # Tumen
    "222404": 120,  # Hunchun
    "222424": 60,  # Wangqing
    "222426": 60,  # Antu
    "222403": 40,  # Dunhua
    "220623": 80,  # Changbai
    "220582": 60,  # Ji'an
    "220681": 40,  # Linjiang
    "210624": 40,  # Kuandian
    "210681": 30,  # Donggang
    "210603": 30,  # Zhenxing, Dandong
}


@transaction.atomic
def load_demo_registry(*, acting_user: User | None, households: dict[str, int] | None = None) -> int:
    """Create the synthetic registry once; returns the number of persons created (0 when already there)."""
    if Person.objects.filter(source_ref__startswith=f"{DEMO_SOURCE}:").exists():
        return 0
    persons, links = generate_registry(households=households or DEMO_HOUSEHOLDS)
    areas = {area.code: area for area in Area.objects.filter(code__in={p.home_area for p in persons})}
    rows = [
        Person(
            home_area=areas[p.home_area],
            sex=p.sex,
            birth_year=p.birth_year,
            birth_month=p.birth_month,
            birth_day=p.birth_day,
            nationality=p.nationality,
            source_ref=f"{DEMO_SOURCE}:{p.ref}",
        )
        for p in persons
    ]
    Person.objects.bulk_create(rows, batch_size=2000)
    by_ref = {p.ref: row for p, row in zip(persons, rows, strict=True)}
    name_rows, name_keys = [], []
    for p, row in zip(persons, rows, strict=True):
        for name in p.names:
            name_row, keys = build_name(
                row,
                NameInput(
                    system=name.system,
                    full=name.full,
                    family=name.family,
                    given=name.given,
                    source="demo household register",
                ),
            )
            name_rows.append(name_row)
            name_keys.append(keys)
    from yalu.people.models import PersonName

    PersonName.objects.bulk_create(name_rows, batch_size=2000)
    NameKey.objects.bulk_create(
        [
            NameKey(name=name_row, person_id=name_row.person_id, key=key)
            for name_row, keys in zip(name_rows, name_keys, strict=True)
            for key in keys
        ],
        batch_size=5000,
    )
    FamilyLink.objects.bulk_create(
        [
            FamilyLink(from_person=by_ref[link.a_ref], to_person=by_ref[link.b_ref], relation=link.kind)
            for link in links
        ],
        batch_size=5000,
    )
    record_audit(
        actor=acting_user,
        action="import",
        object_type="people.person",
        detail={"source": "load_demo", "persons": len(rows), "links": len(links)},
    )
    return len(rows)
