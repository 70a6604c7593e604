"""The demo of the March 1962 report: Yanbian in 1961 received 2,667 authorization letters; about 1,778
applications followed; 1,053 were approved and 735 not (decisions that include applications filed late in
1960, hence 1,788 against 1,778); and the other state's two requests for 35 family members of its officials,
most of whom travelled while some had not yet left.

Written in bulk (the figures are the point, not the path through the pages); departures go through the
ledger's `append_events`, so the hash chain and the ledger's own checks hold.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction

from yalu.areas.models import Area
from yalu.core.audit import record_audit
from yalu.core.models import Agency, User
from yalu.people.actions import NameInput, build_name
from yalu.people.models import NameKey, Person
from yalu.permits.models import (
    ApplicationStatus,
    ApplicationTransition,
    AuthorizationLetter,
    Decision,
    DenialReason,
    ItemStatus,
    ItemStatusChange,
    MatchStatus,
    Purpose,
    ReunificationItem,
    ReunificationRequest,
    TravelApplication,
)

DEMO_PREFIX = "DEMO-"
LETTERS_1961 = 2667
FILED_1961 = 1778
APPROVED_1961 = 1053
DENIED_1961 = 735
FILED_1960_DECIDED_1961 = 60  # 1,053 + 735 = 1,788 decisions in 1961 against 1,778 applications filed
PENDING_END_1961 = FILED_1961 + FILED_1960_DECIDED_1961 - APPROVED_1961 - DENIED_1961
DEPARTED_SHARE = 0.9
YEAR_START, YEAR_END = datetime.date(1961, 1, 1), datetime.date(1961, 12, 31)
REQUESTS = (("KP-MFA-1961-0412", datetime.date(1961, 6, 10), 20), ("KP-MFA-1961-0907", datetime.date(1961, 9, 20), 15))
# of the 35: travelled, approved and waiting, applied, located only (new to the registry)
REQUEST_OUTCOMES = (29, 2, 2, 2)
INVITERS = ("아버지", "어머니", "형", "누나", "남편", "아들", "딸")


@dataclass
class _Plan:
    letter: AuthorizationLetter | None
    application: TravelApplication


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _hangul(person: Person) -> str:
    names = list(person.names.all())
    hangul = [name.full for name in names if name.system == "hangul"]
    return hangul[0] if hangul else (names[0].full if names else f"#{person.pk}")


def _applicants(rng: random.Random) -> Iterator[Person]:
    """Demo registry persons of Yanbian without ledger events (so no departure can follow a death), cycled."""
    from yalu.ledger.models import MovementEvent

    with_events = MovementEvent.objects.values("person_id")
    persons = list(
        Person.objects.filter(source_ref__startswith="demo:", home_area__path__startswith="/CN/CN-JL/222400/")
        .exclude(pk__in=with_events)
        .select_related("home_area")
        .prefetch_related("names")
        .order_by("id")
    )
    if not persons:
        raise ValueError("load the demo registry first (people.demo.load_demo_registry)")
    rng.shuffle(persons)  # every county's office gets its share
    index = 0
    while True:
        yield persons[index % len(persons)]
        index += 1


@transaction.atomic
def load_demo_permits(*, acting_user: User | None) -> int:
    """Create the demo once; returns the number of applications created (0 when already there)."""
    if AuthorizationLetter.objects.filter(number__startswith=DEMO_PREFIX).exists():
        return 0
    rng = random.Random(1961)  # noqa: S311 (demo data, not secrets)
    sender = Agency.objects.get(code="kp-mfa")
    approver = User.objects.filter(username="officer.yanbian-fao").first() or acting_user
    reasons = list(DenialReason.objects.filter(active=True))
    people = _applicants(rng)
    plans = _plan_applications(rng, people, sender)
    _write_unused_letters(
        rng, people, sender, LETTERS_1961 - sum(1 for p in plans if p.letter and p.letter.received_on.year == 1961)
    )
    _decide(rng, plans, approver, reasons)
    _write(plans, acting_user)
    departed = _depart(rng, plans, acting_user)
    items = _load_requests(rng, sender, departed, plans, acting_user)
    record_audit(
        actor=acting_user,
        action="import",
        object_type="permits.travelapplication",
        detail={"source": "load_demo", "applications": len(plans), "reunification_items": items},
    )
    return len(plans)


def _letter(
    rng: random.Random, person: Person, sender: Agency, number: int, received_on: datetime.date
) -> AuthorizationLetter:
    issued_on = received_on - datetime.timedelta(days=rng.randint(10, 40))
    return AuthorizationLetter(
        number=f"{DEMO_PREFIX}{received_on.year}-{number:05d}",
        sender=sender,
        issued_on=issued_on,
        issued_by=sender.name_ko,
        valid_until=issued_on + datetime.timedelta(days=180),
        received_on=received_on,
        received_by=person.home_area,
        invitee=person,
        invitee_name=_hangul(person),
        invitee_match=MatchStatus.CERTAIN,
        inviter_name=f"{_hangul(person)[0]}{rng.choice(['철', '남', '수', '호'])}",
        inviter_relation=rng.choice(INVITERS),
    )


def _plan_applications(rng: random.Random, people: Iterator[Person], sender: Agency) -> list[_Plan]:
    plans = []
    for index in range(FILED_1960_DECIDED_1961 + FILED_1961):
        person = next(people)
        late_1960 = index < FILED_1960_DECIDED_1961
        pending = index >= FILED_1960_DECIDED_1961 + FILED_1961 - PENDING_END_1961
        if late_1960:
            filed_on = _day(rng, datetime.date(1960, 10, 15), datetime.date(1960, 12, 28))
        elif pending:
            filed_on = _day(rng, datetime.date(1961, 9, 1), YEAR_END)
        else:
            filed_on = _day(rng, YEAR_START, datetime.date(1961, 11, 30))
        letter = None
        if late_1960 or rng.random() < 0.96:
            received_on = max(filed_on - datetime.timedelta(days=rng.randint(3, 60)), datetime.date(1960, 9, 1))
            if not late_1960 and received_on < YEAR_START:
                received_on = YEAR_START if filed_on >= YEAR_START else received_on
            letter = _letter(rng, person, sender, index + 1, min(received_on, filed_on))
        application = TravelApplication(
            office=person.home_area,
            sender=None,
            source_ref=f"{DEMO_PREFIX}A-{index + 1:05d}",
            filed_on=filed_on,
            person=person,
            letter=letter,
            purpose=Purpose.FAMILY_REUNIFICATION if letter else rng.choice([Purpose.VISIT, Purpose.SETTLEMENT]),
            group_ref=f"{DEMO_PREFIX}G-{person.pk}" if rng.random() < 0.1 else "",
        )
        plans.append(_Plan(letter, application))
    return plans


def _write_unused_letters(rng: random.Random, people: Iterator[Person], sender: Agency, count: int) -> None:
    letters = [_letter(rng, next(people), sender, 50000 + n, _day(rng, YEAR_START, YEAR_END)) for n in range(count)]
    AuthorizationLetter.objects.bulk_create(letters, batch_size=2000)


def _decide(rng: random.Random, plans: list[_Plan], approver: User | None, reasons: list[DenialReason]) -> None:
    decidable = [p.application for p in plans][: FILED_1960_DECIDED_1961 + FILED_1961 - PENDING_END_1961]
    approvals = set(rng.sample(range(len(decidable)), APPROVED_1961))
    for index, application in enumerate(decidable):
        earliest = max(application.filed_on + datetime.timedelta(days=3), YEAR_START)
        latest = min(application.filed_on + datetime.timedelta(days=rng.choice([30, 45, 60, 120])), YEAR_END)
        application.decided_on = _day(rng, earliest, max(earliest, latest))
        application.decided_by = approver
        if index in approvals:
            application.status = application.decision = Decision.APPROVED
        else:
            application.status = application.decision = Decision.DENIED
            application.denial_reason = rng.choice(reasons)


def _write(plans: list[_Plan], acting_user: User | None) -> None:
    AuthorizationLetter.objects.bulk_create([p.letter for p in plans if p.letter], batch_size=2000)
    for plan in plans:
        plan.application.letter = plan.letter
        plan.application.created_by = acting_user
    TravelApplication.objects.bulk_create([p.application for p in plans], batch_size=2000)
    transitions = []
    for plan in plans:
        application = plan.application
        transitions.append(
            ApplicationTransition(application=application, to_status=ApplicationStatus.FILED, on=application.filed_on)
        )
        if application.decided_on:
            transitions.append(
                ApplicationTransition(
                    application=application,
                    from_status=ApplicationStatus.FILED,
                    to_status=application.decision,
                    on=application.decided_on,
                    actor=application.decided_by,
                )
            )
    ApplicationTransition.objects.bulk_create(transitions, batch_size=2000)


def _depart(rng: random.Random, plans: list[_Plan], acting_user: User | None) -> list[TravelApplication]:
    from yalu.ledger.actions import EventInput, append_events

    approved = [p.application for p in plans if p.application.decision == Decision.APPROVED]
    leaving = [a for a in approved if rng.random() < DEPARTED_SHARE]
    for application in leaving:
        assert application.decided_on is not None  # noqa: S101 (approved above)
        application.departed_on = application.decided_on + datetime.timedelta(days=rng.randint(5, 45))
    events = append_events(
        acting_user=acting_user,
        events=[
            EventInput(
                person_id=a.person_id,
                event_type="legal_departure",
                occurred_on=a.departed_on or a.filed_on,
                occurred_precision="day",
                area_id=a.office_id,
                group_ref=a.group_ref,
                source_ref=f"permits:application:{a.pk}",
            )
            for a in leaving
        ],
    )
    for application, event in zip(leaving, events, strict=True):
        application.status = ApplicationStatus.DEPARTED
        application.departure_event_id = event.pk
    TravelApplication.objects.bulk_update(leaving, ["status", "departed_on", "departure_event_id"], batch_size=2000)
    ApplicationTransition.objects.bulk_create(
        [
            ApplicationTransition(
                application=a,
                from_status=ApplicationStatus.APPROVED,
                to_status=ApplicationStatus.DEPARTED,
                on=a.departed_on or a.filed_on,
            )
            for a in leaving
        ],
        batch_size=2000,
    )
    return leaving


def _stages(
    application: TravelApplication | None, letter: AuthorizationLetter | None
) -> list[tuple[str, datetime.date]]:
    stages: list[tuple[str, datetime.date]] = []
    if letter is not None:
        stages.append((ItemStatus.LETTER_RECEIVED, letter.received_on))
    if application is not None:
        stages.append((ItemStatus.APPLIED, application.filed_on))
        if application.decision == Decision.APPROVED and application.decided_on:
            stages.append((ItemStatus.APPROVED, application.decided_on))
        if application.departed_on:
            stages.append((ItemStatus.TRAVELLED, application.departed_on))
    return stages


def _load_requests(
    rng: random.Random, sender: Agency, departed: list[TravelApplication], plans: list[_Plan], acting_user: User | None
) -> int:
    travelled_n, approved_n, applied_n, new_n = REQUEST_OUTCOMES
    late = sorted(
        (a for a in departed if a.departed_on and a.departed_on > datetime.date(1961, 10, 1)), key=lambda a: a.pk
    )
    waiting = [p.application for p in plans if p.application.status == ApplicationStatus.APPROVED][:approved_n]
    pending = [p.application for p in plans if p.application.decided_on is None][:applied_n]
    chosen: list[TravelApplication | None] = [*late[:travelled_n], *waiting, *pending, *([None] * new_n)]
    rng.shuffle(chosen)
    letters = {p.application.pk: p.letter for p in plans}
    home = Area.objects.get(code="222405")
    created = 0
    position = 0
    for request_ref, requested_on, size in REQUESTS:
        request = ReunificationRequest.objects.create(
            request_ref=request_ref,
            sender=sender,
            requested_on=requested_on,
            requested_by="조선 외무성 령사국장",
            area=Area.objects.get(code="222400"),
            note="요청: 간부 가족 재결합",
            created_by=acting_user,
        )
        for application in chosen[position : position + size]:
            position += 1
            person = application.person if application else _new_person(rng, home, acting_user, position)
            stages = [
                (ItemStatus.LOCATED, requested_on),
                *_stages(application, letters.get(application.pk) if application else None),
            ]
            item = ReunificationItem.objects.create(
                request=request,
                ref=f"{request_ref}/{position}",
                name=_hangul(person),
                name_hangul=_hangul(person),
                birth_year=person.birth_year,
                sex=person.sex,
                relative_abroad=f"{_hangul(person)[0]}{rng.choice(['영남', '철수', '광호'])}",
                relation=rng.choice(["아들", "딸", "어머니", "동생"]),
                area=person.home_area,
                person=person,
                match=MatchStatus.CERTAIN,
                status=ItemStatus.REQUESTED,
                status_on=requested_on,
            )
            changes = [ItemStatusChange(item=item, status=ItemStatus.REQUESTED, on=requested_on, actor=acting_user)]
            for status, on in stages:
                changes.append(ItemStatusChange(item=item, status=status, on=max(on, requested_on), actor=acting_user))
            ItemStatusChange.objects.bulk_create(changes)
            item.status, item.status_on = changes[-1].status, changes[-1].on
            item.save(update_fields=["status", "status_on"])
            created += 1
    return created


def _new_person(rng: random.Random, area: Area, acting_user: User | None, number: int) -> Person:
    family, given = rng.choice(["김", "리", "박", "최"]), rng.choice(["정숙", "영희", "명철", "성남"])
    person = Person.objects.create(
        home_area=area,
        sex="F" if given in ("정숙", "영희") else "M",
        birth_year=rng.randint(1915, 1945),
        nationality="CN",
        created_by=acting_user,
        source_ref=f"permits-demo:{number}",
        note="named in a reunification request of the DPRK Ministry of Foreign Affairs",
    )
    name, keys = build_name(
        person, NameInput(system="hangul", family=family, given=given, source="reunification request")
    )
    name.save()
    NameKey.objects.bulk_create([NameKey(name=name, person=person, key=key) for key in keys])
    return person
