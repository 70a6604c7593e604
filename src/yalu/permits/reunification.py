"""Writes of reunification requests: record a request's named persons, track each to an outcome, the reply.

An item's status advances by itself as the registry learns about the person (letter, application,
decision, departure); an officer records what the records cannot say (declined with a reason, not found).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, check_permission
from yalu.core.audit import record_audit
from yalu.core.models import Agency, User
from yalu.people.models import Person
from yalu.permits.matching import match_person
from yalu.permits.models import (
    ApplicationStatus,
    AuthorizationLetter,
    ItemStatus,
    ItemStatusChange,
    MatchStatus,
    ReplyNote,
    ReunificationItem,
    ReunificationRequest,
    TravelApplication,
)
from yalu.permits.validation import Problems, check_date

I = ItemStatus  # noqa: E741
# How far an item has come; automatic tracking only moves forward along this order.
PROGRESS: list[str] = [I.REQUESTED, I.NOT_FOUND, I.LOCATED, I.LETTER_RECEIVED, I.APPLIED, I.APPROVED, I.TRAVELLED]
CONCLUDED = frozenset({I.TRAVELLED, I.DECLINED})
MANUAL = frozenset({I.DECLINED, I.NOT_FOUND, I.LOCATED, I.REQUESTED})


@dataclass(frozen=True)
class ItemInput:
    name: str
    ref: str = ""
    name_hangul: str = ""
    name_hanzi: str = ""
    birth_year: int | None = None
    sex: str = ""
    relative_abroad: str = ""
    relation: str = ""
    person: Person | None = None
    area: Area | None = None


def _departed_legally(person_id: int) -> bool:
    """A legal departure in the ledger, whether written by a permit or imported with the movements."""
    from yalu.ledger.models import EventType, MovementEvent

    return MovementEvent.objects.filter(
        person_id=person_id, event_type=EventType.LEGAL_DEPARTURE, void=False, superseded_by__isnull=True
    ).exists()


def _derived_status(person_id: int) -> str:
    applications = TravelApplication.objects.filter(person_id=person_id)
    if applications.filter(status=ApplicationStatus.DEPARTED).exists() or _departed_legally(person_id):
        return I.TRAVELLED
    if applications.filter(status=ApplicationStatus.APPROVED).exists():
        return I.APPROVED
    if applications.exists():
        return I.APPLIED
    if AuthorizationLetter.objects.filter(invitee_id=person_id).exists():
        return I.LETTER_RECEIVED
    return I.LOCATED


def _move(item: ReunificationItem, status: str, on: datetime.date, actor: User | None, reason: str = "") -> None:
    item.status, item.status_on, item.reason = status, on, reason
    item.save(update_fields=["status", "status_on", "reason"])
    ItemStatusChange.objects.create(item=item, status=status, on=on, reason=reason, actor=actor)


def track_persons(*, acting_user: User | None, person_ids: Iterable[int], on: datetime.date) -> int:
    """Advance the open items naming these persons to what their records now show; returns items moved."""
    moved = 0
    items = ReunificationItem.objects.filter(person_id__in=list(person_ids)).exclude(status__in=CONCLUDED)
    for item in items:
        if item.person_id is None:
            continue
        status = _derived_status(item.person_id)
        if PROGRESS.index(status) > PROGRESS.index(item.status):
            _move(item, status, max(on, item.status_on), acting_user)
            moved += 1
    return moved


def _check_request(acting_user: User | None, requested_on: datetime.date | None, area: Area | None, ref: str) -> None:
    problems = Problems()
    if not ref.strip():
        problems.add("request_ref", _("A request needs its reference."))
    check_date(problems, "requested_on", requested_on)
    if area is None:
        problems.add("area", _("Unknown area."))
    elif acting_user is not None and not area_in_scope(acting_user, area):
        problems.add("area", _("The area %(code)s is outside your jurisdiction.") % {"code": area.code})
    problems.raise_if_any()


@transaction.atomic
def record_request(
    *,
    acting_user: User | None,
    sender: Agency,
    request_ref: str,
    requested_on: datetime.date | None,
    area: Area | None,
    items: list[ItemInput],
    requested_by: str = "",
    note: str = "",
) -> ReunificationRequest:
    """Record a request (or add persons to one already recorded under the same reference)."""
    if acting_user is not None:
        check_permission(acting_user, "permits.add_reunificationrequest")
    _check_request(acting_user, requested_on, area, request_ref)
    if requested_on is None or area is None:
        raise ValidationError({"requested_on": _("A request needs a date and an area.")})
    for number, item in enumerate(items, start=1):
        if not (item.name.strip() or item.name_hangul.strip() or item.name_hanzi.strip()):
            raise ValidationError({"name": _("Person %(number)s has no name.") % {"number": number}})
    request, created = ReunificationRequest.objects.get_or_create(
        sender=sender,
        request_ref=request_ref.strip(),
        defaults={
            "requested_on": requested_on,
            "requested_by": requested_by.strip(),
            "area": area,
            "note": note,
            "created_by": acting_user,
        },
    )
    for item in items:
        add_item(acting_user=acting_user, request=request, item=item)
    record_audit(
        actor=acting_user,
        action="create" if created else "update",
        target=request,
        detail={"request_ref": request.request_ref, "items": len(items)},
    )
    return request


def add_item(*, acting_user: User | None, request: ReunificationRequest, item: ItemInput) -> ReunificationItem:
    names = [text for text in (item.name_hangul, item.name_hanzi, item.name) if text.strip()]
    person, match, candidate = item.person, MatchStatus.CERTAIN if item.person else MatchStatus.NONE, None
    if person is None:
        found = match_person(names, item.birth_year)
        if found.status == MatchStatus.CERTAIN:
            person, match = found.person, MatchStatus.CERTAIN
        elif found.status == MatchStatus.LIKELY:
            match, candidate = MatchStatus.LIKELY, found.person
    area = person.home_area if person is not None else (item.area or request.area)
    row = ReunificationItem.objects.create(
        request=request,
        ref=item.ref.strip(),
        name=(item.name or item.name_hangul or item.name_hanzi).strip(),
        name_hangul=item.name_hangul.strip(),
        name_hanzi=item.name_hanzi.strip(),
        birth_year=item.birth_year,
        sex=item.sex,
        relative_abroad=item.relative_abroad.strip(),
        relation=item.relation.strip(),
        area=area,
        person=person,
        match=match,
        candidate=candidate,
        status=I.REQUESTED,
        status_on=request.requested_on,
    )
    ItemStatusChange.objects.create(item=row, status=I.REQUESTED, on=request.requested_on, actor=acting_user)
    if person is not None:
        _move(row, _derived_status(person.pk), request.requested_on, acting_user)
    return row


@transaction.atomic
def link_item_person(
    *, acting_user: User | None, item: ReunificationItem, person: Person, on: datetime.date
) -> ReunificationItem:
    """Confirm who a requested person is (a likely match, or one found by search)."""
    if acting_user is not None:
        check_permission(acting_user, "permits.change_reunificationrequest")
    item = ReunificationItem.objects.select_for_update().get(pk=item.pk)
    item.person, item.match, item.candidate, item.area = person, MatchStatus.CERTAIN, None, person.home_area
    item.save(update_fields=["person", "match", "candidate", "area"])
    if item.status not in CONCLUDED:
        status = _derived_status(person.pk)
        if PROGRESS.index(status) > PROGRESS.index(item.status):
            _move(item, status, max(on, item.status_on), acting_user)
    record_audit(actor=acting_user, action="update", target=item, detail={"person": person.pk})
    return item


@transaction.atomic
def set_item_status(
    *, acting_user: User | None, item: ReunificationItem, status: str, on: datetime.date, reason: str = ""
) -> ReunificationItem:
    """What the records cannot tell: declined (with a reason), not found, or located again."""
    if acting_user is not None:
        check_permission(acting_user, "permits.change_reunificationrequest")
    item = ReunificationItem.objects.select_for_update().get(pk=item.pk)
    problems = Problems()
    if status not in MANUAL:
        problems.add("status", _("This status follows from the records; it cannot be set by hand."))
    if status == I.DECLINED and not reason.strip():
        problems.add("reason", _("A decline needs a reason."))
    check_date(problems, "on", on)
    if on < item.status_on:
        problems.add("on", _("The date is before the current status (%(date)s).") % {"date": item.status_on})
    problems.raise_if_any()
    previous = item.status
    _move(item, status, on, acting_user, reason.strip())
    record_audit(actor=acting_user, action="update", target=item, detail={"from": previous, "to": status})
    return item


@transaction.atomic
def save_reply(*, acting_user: User | None, request: ReunificationRequest, language: str, text: str) -> ReplyNote:
    if acting_user is not None:
        check_permission(acting_user, "permits.change_reunificationrequest")
    if language not in ("zh-hans", "ko"):
        raise ValidationError({"language": _("The reply is written in Chinese or Korean.")})
    if not text.strip():
        raise ValidationError({"text": _("The reply is empty.")})
    reply, _created = ReplyNote.objects.update_or_create(
        request=request, language=language, defaults={"text": text, "updated_by": acting_user}
    )
    record_audit(actor=acting_user, action="update", target=reply, detail={"language": language})
    return reply
