"""Writes to the ledger: append events (never change them), correct by superseding, and the handback claims."""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.areas.models import Area, AreaKind
from yalu.core.access import check_permission
from yalu.core.audit import record_audit
from yalu.core.bulk import insert_rows, reserve_ids
from yalu.core.models import User
from yalu.ledger.chain import HASHED_FIELDS, event_hash
from yalu.ledger.handback import (
    HandbackItemInput,
    add_handback_items,
    confirm_handback_item,
    correct_handback_item,
    dispute_handback_item,
    match_handback_item,
    record_handback_list,
    transition_handback_item,
)
from yalu.ledger.models import EventType, LedgerHead, MovementEvent
from yalu.ledger.validation import BatchCheck
from yalu.people.actions import create_person
from yalu.people.models import Person

__all__ = [
    "EventInput",
    "HandbackItemInput",
    "add_handback_items",
    "append_event_ids",
    "append_events",
    "confirm_handback_item",
    "correct_event",
    "correct_handback_item",
    "dispute_handback_item",
    "match_handback_item",
    "record_crossing_incident",
    "record_handback_list",
    "transition_handback_item",
]

# the columns written for each event: the hashed fields, the chain, and the id reserved for it
ROW_FIELDS = ("id", *HASHED_FIELDS, "prev_hash", "hash")


@dataclass(frozen=True)
class EventInput:
    person_id: int
    event_type: str
    occurred_on: datetime.date
    occurred_precision: str
    area_id: int
    sector_id: int | None = None
    unit: str = ""
    related_event_id: int | None = None
    group_ref: str = ""
    note: str = ""
    sender_id: int | None = None
    source_ref: str = ""
    import_batch_id: uuid.UUID | None = None
    supersedes_id: int | None = None
    correction_reason: str = ""


def _lock_head() -> LedgerHead:
    """The chain head, locked until the transaction ends, so writers extend the chain one after another."""
    head = LedgerHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _created = LedgerHead.objects.get_or_create(pk=1)
        head = LedgerHead.objects.select_for_update().get(pk=1)
    return head


def _write_rows(
    acting_user: User | None, events: Sequence[EventInput], *, void: bool = False
) -> list[dict[str, object]]:
    """Check the events, extend the chain under the locked head and insert them; returns each row's values."""
    if acting_user is not None:
        check_permission(acting_user, "ledger.add_movementevent")
    if not events:
        return []
    check = BatchCheck(acting_user, events)
    check.run()
    head = _lock_head()
    recorded_at = timezone.now()
    recorded_by_id = acting_user.pk if acting_user is not None else None
    sequence, prev_hash = head.last_sequence, head.last_hash
    ids = reserve_ids(MovementEvent, len(events))
    rows: list[dict[str, object]] = []
    for event, ordered_on, pk in zip(events, check.ordered_on, ids, strict=True):
        sequence += 1
        values = {
            **vars(event),
            "unit": event.unit.strip(),
            "group_ref": event.group_ref.strip(),
            "correction_reason": event.correction_reason.strip(),
            "sequence": sequence,
            "ordered_on": ordered_on,
            "recorded_by_id": recorded_by_id,
            "recorded_at": recorded_at,
            "void": void,
        }
        digest = event_hash(prev_hash, values)
        values.update(id=pk, prev_hash=prev_hash, hash=digest)
        rows.append(values)
        prev_hash = digest
    insert_rows(MovementEvent, ROW_FIELDS, ([row[name] for name in ROW_FIELDS] for row in rows))
    LedgerHead.objects.filter(pk=head.pk).update(last_sequence=sequence, last_hash=prev_hash)
    record_audit(
        actor=acting_user,
        action="create",
        object_type="ledger.movementevent",
        object_id=str(rows[0]["id"]) if len(rows) == 1 else "",
        detail={
            "events": len(rows),
            "sequences": [rows[0]["sequence"], rows[-1]["sequence"]],
            "import_batch_id": str(events[0].import_batch_id) if events[0].import_batch_id else None,
            "void": void,
        },
    )
    return rows


def _write(acting_user: User | None, events: Sequence[EventInput], *, void: bool = False) -> list[MovementEvent]:
    rows = _write_rows(acting_user, events, void=void)
    saved = []
    for row in rows:
        event = MovementEvent(**{name: row[name] for name in ROW_FIELDS})
        event._state.adding = False
        saved.append(event)
    return saved


@transaction.atomic
def append_events(*, acting_user: User | None, events: Sequence[EventInput]) -> list[MovementEvent]:
    """Check every event, then append all of them to the chain in one transaction, or none."""
    return _write(acting_user, events)


@transaction.atomic
def append_event_ids(*, acting_user: User | None, events: Sequence[EventInput]) -> list[int]:
    """`append_events` for bulk writers (imports): the same checks and chain, returning only the new ids."""
    return [cast(int, row["id"]) for row in _write_rows(acting_user, events)]


@transaction.atomic
def correct_event(
    *, acting_user: User | None, event: MovementEvent, replacement: EventInput | None, reason: str
) -> MovementEvent:
    """Supersede `event` by `replacement`, or withdraw it (replacement=None) by a void row; it stays in the ledger."""
    if not reason.strip():
        raise ValidationError({"correction_reason": _("A correction needs a reason.")})
    void = replacement is None
    if replacement is None:
        replacement = EventInput(
            person_id=event.person_id,
            event_type=event.event_type,
            occurred_on=event.occurred_on,
            occurred_precision=event.occurred_precision,
            area_id=event.area_id,
            sector_id=event.sector_id,
            unit=event.unit,
            group_ref=event.group_ref,
        )
    replacement = dataclasses.replace(replacement, supersedes_id=event.pk, correction_reason=reason)
    (row,) = _write(acting_user, [replacement], void=void)
    return row


@transaction.atomic
def record_crossing_incident(
    *,
    acting_user: User,
    occurred_on: datetime.date,
    occurred_precision: str,
    area: Area,
    persons: Sequence[Person],
    described: Sequence[str] = (),
    unit: str = "",
    group_ref: str = "",
    note: str = "",
) -> tuple[str, list[MovementEvent]]:
    """One crossing incident: registered persons and persons only described (registered now, identified later)."""
    check_permission(acting_user, "ledger.add_movementevent")
    if not persons and not described:
        raise ValidationError({"person_ids": _("Name at least one person: a record number or a description.")})
    group_ref = group_ref.strip() or f"INC-{occurred_on:%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"
    county = area.county if area.kind == AreaKind.SECTOR and area.county is not None else area
    unidentified = [
        create_person(acting_user=acting_user, home_area=county, names=[], description=text, note=str(group_ref))
        for text in described
    ]
    events = append_events(
        acting_user=acting_user,
        events=[
            EventInput(
                person_id=person.pk,
                event_type=EventType.CROSSING_DETECTED,
                occurred_on=occurred_on,
                occurred_precision=occurred_precision,
                area_id=county.pk,
                sector_id=area.pk if area.kind == AreaKind.SECTOR else None,
                unit=unit,
                group_ref=group_ref,
                note=note,
            )
            for person in [*persons, *unidentified]
        ],
    )
    return group_ref, events
