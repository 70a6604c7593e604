"""The ledger's demo: Yanbian's crossings of 1961 and January 1962, case by case, for synthetic persons.

Proportions follow the March 1962 report (Jilin, 1961: 28,028 crossed; 7,939 persuaded back, 7,528 back on
their own, 2,361 handed back, 7,034 still abroad, the rest unaccounted; January 1962: 2,323 crossed; 243
bodies in the rivers). Yanbian is most of Jilin's figure. Two handback lists of the DPRK Ministry of Public
Security write the names as the North writes them (리, 림, 로 ...), some of them not in our registry.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.db import transaction

from yalu.areas.models import Area
from yalu.core.audit import record_audit
from yalu.core.models import Agency, User
from yalu.ledger.actions import EventInput, HandbackItemInput, append_events, confirm_handback_item
from yalu.ledger.handback import record_handback_list
from yalu.ledger.models import EventType, HandbackStatus, MovementEvent
from yalu.people.actions import NameInput, build_name
from yalu.people.models import NameKey, Person, PersonName
from yalu.people.synthetic import generate_registry

DEMO_SOURCE = "demo-ledger"
CROSSINGS_1961 = 20_000
CROSSINGS_1962_01 = 1_900
LAST_DAY = datetime.date(1962, 3, 15)  # outcomes are known up to the report of March 1962
# Where crossings were detected: the Tumen counties (share) and their sectors.
COUNTIES = {"222405": 30, "222406": 25, "222402": 20, "222404": 20, "222401": 3, "222424": 2}
SECTORS = {"222405": ["T-222405"], "222406": ["T-222406"], "222402": ["T-222402"], "222404": ["T-222404", "T-222404-R"]}
# Crossings by month of 1961, rising through the hungry year.
MONTH_WEIGHTS = [4, 4, 6, 7, 8, 9, 10, 10, 10, 11, 11, 10]
OUTCOMES = [
    (EventType.PERSUADED_TO_RETURN, 283, (0, 3)),
    (EventType.RETURNED_VOLUNTARILY, 269, (10, 90)),
    (EventType.HANDED_BACK, 84, (20, 100)),
    (EventType.REPORTED_ABROAD, 240, (15, 90)),
    (EventType.DIED, 9, (0, 2)),
    (None, 115, (0, 0)),  # nothing known after the crossing
]
NORTH_INITIALS = {"이": "리", "임": "림", "노": "로", "유": "류", "양": "량", "여": "려", "나": "라", "염": "렴"}
HOUSEHOLDS = {"222405": 1850, "222406": 1500, "222402": 1100, "222404": 1100, "222401": 380, "222424": 250}


def _create_persons(households: dict[str, int]) -> list[Person]:
    """Synthetic residents of the Tumen counties, created in bulk with their name keys (Hangul and Hanja)."""
    persons, _links = generate_registry(households=households, seed=1961)
    areas = {a.code: a for a in Area.objects.filter(code__in=households)}
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
    names, keys = [], []
    for p, row in zip(persons, rows, strict=True):
        for name in p.names:
            if name.system == "pinyin":
                continue
            built, name_keys = build_name(
                row, NameInput(system=name.system, full=name.full, family=name.family, given=name.given, source="demo")
            )
            names.append(built)
            keys.append(name_keys)
    PersonName.objects.bulk_create(names, batch_size=2000)
    NameKey.objects.bulk_create(
        [NameKey(name=n, person_id=n.person_id, key=k) for n, ks in zip(names, keys, strict=True) for k in ks],
        batch_size=5000,
    )
    return rows


def _crossing_day(rng: random.Random, january_1962: bool) -> datetime.date:
    if january_1962:
        return datetime.date(1962, 1, rng.randint(1, 31))
    month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
    return datetime.date(1961, month, rng.randint(1, 28))


def _plan_crossings(
    rng: random.Random, persons: Sequence[Person], areas: dict[str, Area], scale: tuple[int, int]
) -> list[EventInput]:
    counties = list(COUNTIES)
    weights = list(COUNTIES.values())
    pool = list(persons)
    rng.shuffle(pool)
    crossings: list[EventInput] = []
    total = sum(scale)
    group_number = 0
    while len(crossings) < total and pool:
        january = len(crossings) >= scale[0]
        size = rng.choice([2, 2, 3, 3, 4, 5]) if rng.random() < 0.12 else 1
        day = _crossing_day(rng, january)
        county = rng.choices(counties, weights=weights)[0]
        sector = rng.choice(SECTORS[county]) if county in SECTORS else None
        group_number += 1
        group_ref = f"DEMO-{day:%Y%m%d}-{group_number:05d}" if size > 1 else ""
        for _ in range(min(size, len(pool))):
            person = pool.pop()
            crossings.append(
                EventInput(
                    person_id=person.pk,
                    event_type=EventType.CROSSING_DETECTED,
                    occurred_on=day,
                    occurred_precision="day",
                    area_id=areas[county].pk,
                    sector_id=areas[sector].pk if sector else None,
                    unit=f"border post {rng.randint(1, 9)}",
                    group_ref=group_ref,
                    source_ref=f"{DEMO_SOURCE}:{len(crossings) + 1}",
                )
            )
    return crossings


def _outcome(rng: random.Random, crossing: MovementEvent) -> EventInput | None:
    kind, _weight, (low, high) = rng.choices(OUTCOMES, weights=[o[1] for o in OUTCOMES])[0]
    if kind is None:
        return None
    day = crossing.occurred_on + datetime.timedelta(days=rng.randint(low, high))
    if day > LAST_DAY:
        return None
    precision = "day"
    if kind == EventType.REPORTED_ABROAD and rng.random() < 0.3:
        day, precision = day.replace(day=1), "month"
    return EventInput(
        person_id=crossing.person_id,
        event_type=kind,
        occurred_on=day,
        occurred_precision=precision,
        area_id=crossing.area_id,
        sector_id=crossing.sector_id,
        related_event_id=crossing.pk,
        group_ref=crossing.group_ref,
        source_ref=f"{crossing.source_ref}/outcome",
    )


def _handback_items(
    rng: random.Random, persons: dict[int, Person], crossings: list[MovementEvent], count: int
) -> tuple[list[HandbackItemInput], list[MovementEvent]]:
    """Items for crossers still without an outcome, named the North's way; a few nobody here can match."""
    items: list[HandbackItemInput] = []
    chosen: list[MovementEvent] = []
    for crossing in crossings[:count]:
        person = persons[crossing.person_id]
        hangul = next(n for n in person.names.all() if n.system == "hangul")
        family = NORTH_INITIALS.get(hangul.family, hangul.family)
        items.append(
            HandbackItemInput(
                ref=str(len(items) + 1),
                names=(NameInput(system="hangul", full=f"{family}{hangul.given}"),),
                sex=person.sex,
                birth_year=person.birth_year,
                crossed_on=crossing.occurred_on,
            )
        )
        chosen.append(crossing)
    for extra in range(max(2, count // 8)):
        family = rng.choice(["리", "림", "로", "류", "김", "박"])
        given = rng.choice(["철룡", "영남", "순희", "명옥", "광일", "은실"])
        items.append(
            HandbackItemInput(
                ref=str(len(items) + 1),
                names=(NameInput(system="hangul", full=f"{family}{given}"),),
                birth_year=rng.randint(1900, 1950),
                note=f"not in our registry ({extra + 1})",
            )
        )
    return items, chosen


@transaction.atomic
def load_demo_ledger(
    *,
    acting_user: User | None,
    households: dict[str, int] | None = None,
    scale: tuple[int, int] = (CROSSINGS_1961, CROSSINGS_1962_01),
    list_sizes: tuple[int, int] = (40, 60),
) -> int:
    """Create the demo ledger once; returns the number of events written (0 when already there)."""
    if MovementEvent.objects.filter(source_ref__startswith=f"{DEMO_SOURCE}:").exists():
        return 0
    rng = random.Random(1962)  # noqa: S311 (demo data, not secrets)
    areas = {a.code: a for a in Area.objects.filter(code__in=[*COUNTIES, *[s for v in SECTORS.values() for s in v]])}
    persons = _create_persons(households or HOUSEHOLDS)
    crossings = append_events(acting_user=acting_user, events=_plan_crossings(rng, persons, areas, scale))
    outcomes, open_crossings = [], []
    for crossing in crossings:
        outcome = _outcome(rng, crossing)
        if outcome is None:
            open_crossings.append(crossing)
        else:
            outcomes.append(outcome)
    written = append_events(acting_user=acting_user, events=outcomes)
    # a few repeat crossers: back home, then across again in the autumn or in January
    repeats = [
        EventInput(
            person_id=o.person_id,
            event_type=EventType.CROSSING_DETECTED,
            occurred_on=max(o.occurred_on, datetime.date(1961, 10, 1)) + datetime.timedelta(days=rng.randint(20, 60)),
            occurred_precision="day",
            area_id=o.area_id,
            sector_id=o.sector_id,
            source_ref=f"{o.source_ref}/again",
        )
        for o in outcomes
        if o.event_type in (EventType.PERSUADED_TO_RETURN, EventType.RETURNED_VOLUNTARILY) and rng.random() < 0.03
    ]
    repeats = [r for r in repeats if r.occurred_on <= LAST_DAY]
    written += append_events(acting_user=acting_user, events=repeats)
    handed = _load_handback_lists(rng, acting_user, open_crossings, list_sizes)
    record_audit(
        actor=acting_user,
        action="import",
        object_type="ledger.movementevent",
        detail={"source": "load_demo", "events": len(crossings) + len(written) + handed},
    )
    return len(crossings) + len(written) + handed


def _load_handback_lists(
    rng: random.Random, acting_user: User | None, open_crossings: list[MovementEvent], sizes: tuple[int, int]
) -> int:
    sender = Agency.objects.get(code="kp-mps")
    by_person = {
        p.pk: p for p in Person.objects.filter(pk__in=[c.person_id for c in open_crossings]).prefetch_related("names")
    }
    confirmed = 0
    for list_ref, handed_over_on, crossing_point, count in (
        ("사회안전성-1961-087", datetime.date(1961, 9, 18), "T-222405", sizes[0]),
        ("사회안전성-1961-142", datetime.date(1961, 12, 6), "T-222406", sizes[1]),
    ):
        eligible = [
            c
            for c in open_crossings
            if c.occurred_on < handed_over_on - datetime.timedelta(days=10) and c.person_id in by_person
        ]
        rng.shuffle(eligible)
        items, chosen = _handback_items(rng, by_person, eligible, count)
        handback_list = record_handback_list(
            acting_user=acting_user,
            sender=sender,
            list_ref=list_ref,
            handed_over_on=handed_over_on,
            crossing_point=crossing_point,
            note="조선민주주의인민공화국 사회안전성 송환 명단 (demo)",
            items=items,
        )
        chosen_ids = {c.person_id for c in chosen}
        open_crossings[:] = [c for c in open_crossings if c.person_id not in chosen_ids]
        matched = list(handback_list.items.filter(status=HandbackStatus.MATCHED).order_by("id"))
        for item in matched[: int(len(matched) * 0.8)]:
            if acting_user is not None:
                confirm_handback_item(acting_user=acting_user, item=item)
                confirmed += 1
    return confirmed
