"""The other state's handback lists, kept as its claims: recorded, matched to the registry, confirmed or disputed.

Imported into actions.py, which is where the rest of the project calls these from.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.areas.models import Area, AreaKind
from yalu.core.access import area_in_scope, check_permission
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition
from yalu.core.models import Agency, User
from yalu.ledger.models import (
    EventType,
    HandbackItem,
    HandbackItemKey,
    HandbackItemVersion,
    HandbackList,
    HandbackStatus,
    HandbackStatusChange,
    MovementEvent,
)
from yalu.names import InvalidName, name_keys
from yalu.people.actions import NameInput
from yalu.people.models import NameKey, NameSystem, Person
from yalu.people.validation import check_birth_date

S = HandbackStatus
TRANSITIONS: dict[str, set[str]] = {
    S.UNMATCHED: {S.MATCHED, S.DISPUTED},
    S.MATCHED: {S.UNMATCHED, S.MATCHED, S.CONFIRMED, S.DISPUTED},
    S.DISPUTED: {S.UNMATCHED, S.MATCHED},
    S.CONFIRMED: set(),  # a confirmation wrote a ledger event: undo it by correcting that event
}


@dataclass(frozen=True)
class HandbackItemInput:
    ref: str
    names: tuple[NameInput, ...]
    sex: str = "U"
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    nationality: str = ""
    home_area_id: int | None = None
    person_ref: str = ""
    crossed_on: datetime.date | None = None
    note: str = ""


def _item_keys(item: HandbackItemInput) -> tuple[list[dict[str, str]], list[str]]:
    names: list[dict[str, str]] = []
    keys: list[str] = []
    for name in item.names:
        if name.system not in NameSystem.values:
            raise ValidationError({"names": _("Unknown script or romanization: %(system)s.") % {"system": name.system}})
        family, given = name.family.strip(), name.given.strip()
        full = name.full.strip() or (
            f"{family}{given}" if name.system in (NameSystem.HANGUL, NameSystem.HANZI) else f"{family} {given}".strip()
        )
        try:
            found = name_keys(full, family=family or None, given=given or None)
        except InvalidName as error:
            raise ValidationError({"names": str(error)}) from error
        names.append({"system": name.system, "family": family, "given": given, "full": found.normalized})
        keys.extend(key for key in found.keys if key not in keys)
    return names, keys


def _receiving_area(crossing_point: str, acting_user: User | None) -> Area:
    area = Area.objects.filter(code=crossing_point.strip()).first() if crossing_point.strip() else None
    if area is None and acting_user is not None and acting_user.jurisdiction is not None:
        area = acting_user.jurisdiction
    return area or Area.objects.get(code="CN")


def _check_list(acting_user: User | None, sender: Agency, list_ref: str, handed_over_on: datetime.date) -> None:
    errors: dict[str, str] = {}
    if not list_ref.strip():
        errors["list_ref"] = _("A list needs its reference.")
    elif HandbackList.objects.filter(sender=sender, list_ref=list_ref.strip()).exists():
        errors["list_ref"] = _("This sender's list %(ref)s is already recorded.") % {"ref": list_ref}
    if handed_over_on > timezone.localdate():
        errors["handed_over_on"] = _("The date %(date)s is in the future.") % {"date": handed_over_on}
    elif handed_over_on.year < 1850:
        errors["handed_over_on"] = _("A date before 1850 is not plausible.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_handback_list(
    *,
    acting_user: User | None,
    sender: Agency,
    list_ref: str,
    handed_over_on: datetime.date,
    crossing_point: str = "",
    note: str = "",
    items: Sequence[HandbackItemInput],
    import_batch_id: uuid.UUID | None = None,
) -> HandbackList:
    """Keep the list as the sender wrote it, then match each item to the registry where that is certain."""
    if acting_user is not None:
        check_permission(acting_user, "ledger.add_handbacklist")
    _check_list(acting_user, sender, list_ref, handed_over_on)
    area = _receiving_area(crossing_point, acting_user)
    if acting_user is not None and not area_in_scope(acting_user, area):
        raise ValidationError(
            {"crossing_point": _("The area %(code)s is outside your jurisdiction.") % {"code": area.code}}
        )
    handback_list = HandbackList(
        sender=sender,
        list_ref=list_ref.strip(),
        handed_over_on=handed_over_on,
        crossing_point=crossing_point.strip(),
        area=area,
        note=note,
        import_batch_id=import_batch_id,
        recorded_by=acting_user,
    )
    rows, keys_of_rows = _item_rows(handback_list, items, existing=set())
    if not rows:
        raise ValidationError({"items": _("A list needs at least one person.")})
    handback_list.save()
    matched = _save_items(acting_user, rows, keys_of_rows)
    record_audit(
        actor=acting_user,
        action="create",
        target=handback_list,
        detail={"items": len(rows), "matched": matched, "import_batch_id": str(import_batch_id or "")},
    )
    return handback_list


def _item_rows(
    handback_list: HandbackList, items: Sequence[HandbackItemInput], *, existing: set[str]
) -> tuple[list[HandbackItem], list[list[str]]]:
    """The items as rows (unsaved) with their name keys; a ValidationError names the item and the field."""
    rows, keys_of_rows, refs = [], [], set(existing)
    for number, item in enumerate(items, start=1):
        try:
            if not item.ref.strip() or item.ref.strip() in refs:
                raise ValidationError({"ref": _("Each item needs its own reference.")})
            row, keys = _item_row(handback_list, item)
        except ValidationError as error:
            raise ValidationError(
                {
                    field: [_("Item %(number)s: %(message)s") % {"number": number, "message": m} for m in messages]
                    for field, messages in error.message_dict.items()
                }
            ) from error
        refs.add(item.ref.strip())
        rows.append(row)
        keys_of_rows.append(keys)
    return rows, keys_of_rows


def _item_row(handback_list: HandbackList, item: HandbackItemInput) -> tuple[HandbackItem, list[str]]:
    if not item.names:
        raise ValidationError({"names": _("Give at least one name.")})
    check_birth_date(item.birth_year, item.birth_month, item.birth_day)
    names, keys = _item_keys(item)
    row = HandbackItem(
        handback_list=handback_list,
        ref=item.ref.strip(),
        names=names,
        display_name=" / ".join(dict.fromkeys(n["full"] for n in names))[:200],
        sex=item.sex if item.sex in ("M", "F", "U") else "U",
        birth_year=item.birth_year,
        birth_month=item.birth_month,
        birth_day=item.birth_day,
        nationality=item.nationality,
        home_area_id=item.home_area_id,
        person_ref=item.person_ref,
        crossed_on=item.crossed_on,
        note=item.note,
        name_keys=keys,
    )
    return row, keys


def _save_items(acting_user: User | None, rows: list[HandbackItem], keys_of_rows: list[list[str]]) -> int:
    """Save new items and their keys; match each to the registry where that is certain. Returns the matched."""
    HandbackItem.objects.bulk_create(rows)
    HandbackItemKey.objects.bulk_create(
        [HandbackItemKey(item=row, key=key) for row, keys in zip(rows, keys_of_rows, strict=True) for key in keys]
    )
    return _match_certain(acting_user, rows)


def _check_list_write(acting_user: User | None, handback_list: HandbackList) -> None:
    if acting_user is not None:
        check_permission(acting_user, "ledger.add_handbacklist")
        if not area_in_scope(acting_user, handback_list.area):
            raise ValidationError(
                {"list_ref": _("The list %(ref)s is outside your jurisdiction.") % {"ref": handback_list.list_ref}}
            )


@transaction.atomic
def add_handback_items(
    *,
    acting_user: User | None,
    handback_list: HandbackList,
    items: Sequence[HandbackItemInput],
    import_batch_id: uuid.UUID | None = None,
) -> list[HandbackItem]:
    """Add items the sender sent later to a list already recorded (a list may come in several files)."""
    _check_list_write(acting_user, handback_list)
    existing = set(handback_list.items.values_list("ref", flat=True))
    rows, keys_of_rows = _item_rows(handback_list, items, existing=existing)
    matched = _save_items(acting_user, rows, keys_of_rows)
    record_audit(
        actor=acting_user,
        action="update",
        target=handback_list,
        detail={"items_added": len(rows), "matched": matched, "import_batch_id": str(import_batch_id or "")},
    )
    return rows


ITEM_CONTENT = (
    "names", "display_name", "sex", "birth_year", "birth_month", "birth_day", "nationality", "home_area_id",
    "person_ref", "crossed_on", "note",
)  # fmt: skip


@transaction.atomic
def correct_handback_item(
    *,
    acting_user: User | None,
    item: HandbackItem,
    replacement: HandbackItemInput,
    reason: str,
    import_batch_id: uuid.UUID | None = None,
) -> HandbackItem:
    """Replace what the sender said of an item by its corrected word; the earlier content is kept as a version.

    Our own decisions on the item (match, dispute, confirmation) stay: the sender corrected its claim, not
    what we did with it. An unmatched item is matched again where the corrected names make it certain.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("A correction needs a reason.")})
    item = HandbackItem.objects.select_for_update().select_related("handback_list__area").get(pk=item.pk)
    _check_list_write(acting_user, item.handback_list)
    if replacement.ref.strip() != item.ref:
        raise ValidationError({"ref": _("A correction keeps the item's reference %(ref)s.") % {"ref": item.ref}})
    row, keys = _item_row(item.handback_list, replacement)
    earlier = {name: getattr(item, name) for name in ITEM_CONTENT}
    earlier["crossed_on"] = item.crossed_on.isoformat() if item.crossed_on else None
    HandbackItemVersion.objects.create(
        item=item,
        version=item.version,
        content=earlier,
        replaced_by=acting_user,
        reason=reason.strip(),
        import_batch_id=import_batch_id,
    )
    for name in ITEM_CONTENT:
        setattr(item, name, getattr(row, name))
    item.name_keys = keys
    item.version += 1
    item.save()
    HandbackItemKey.objects.filter(item=item).delete()
    HandbackItemKey.objects.bulk_create([HandbackItemKey(item=item, key=key) for key in keys])
    HandbackStatusChange.objects.create(
        item=item,
        actor=acting_user,
        old_status=item.status,
        new_status=item.status,
        detail=_("corrected to version %(version)s: %(reason)s") % {"version": item.version, "reason": reason.strip()},
    )
    if item.status == S.UNMATCHED:
        _match_certain(acting_user, [item])
    record_audit(
        actor=acting_user,
        action="update",
        target=item,
        detail={"version": item.version, "reason": reason.strip(), "import_batch_id": str(import_batch_id or "")},
    )
    return item


def candidates_for(items: Sequence[HandbackItem]) -> dict[int, set[int]]:
    """Registry persons sharing a name key and the birth year with each item (one query for all items)."""
    keys = {key for item in items for key in item.name_keys}
    years = {item.birth_year for item in items if item.birth_year is not None}
    if not keys or not years:
        return {}
    persons_by_key: dict[tuple[str, int], set[int]] = defaultdict(set)
    for key, person_id, year in NameKey.objects.filter(key__in=keys, person__birth_year__in=years).values_list(
        "key", "person_id", "person__birth_year"
    ):
        if year is not None:
            persons_by_key[(key, year)].add(person_id)
    found: dict[int, set[int]] = {}
    for item in items:
        if item.birth_year is None:
            continue
        persons: set[int] = set()
        for key in item.name_keys:
            persons |= persons_by_key.get((key, item.birth_year), set())
        found[item.pk] = persons
    return found


def _match_certain(acting_user: User | None, items: Sequence[HandbackItem]) -> int:
    matched = 0
    found = candidates_for(items)
    for item in items:
        persons = found.get(item.pk, set())
        if len(persons) == 1:
            _move(
                acting_user, item, S.MATCHED, matched_person_id=next(iter(persons)), detail="name keys and birth year"
            )
            matched += 1
    return matched


def _move(
    acting_user: User | None, item: HandbackItem, to: str, *, detail: str = "", **changes: object
) -> HandbackItem:
    if to not in TRANSITIONS[item.status]:
        raise InvalidTransition(current=item.status, requested=to)
    old = item.status
    item.status = to
    for field, value in changes.items():
        setattr(item, field, value)
    item.save()
    HandbackStatusChange.objects.create(item=item, actor=acting_user, old_status=old, new_status=to, detail=detail)
    return item


@transaction.atomic
def transition_handback_item(
    *, acting_user: User, item: HandbackItem, to: str, detail: str = "", **changes: object
) -> HandbackItem:
    """The one move of an item's state machine; a move the table does not allow raises InvalidTransition."""
    check_permission(acting_user, "ledger.change_handbackitem")
    item = HandbackItem.objects.select_for_update().get(pk=item.pk)
    _move(acting_user, item, to, detail=detail, **changes)
    record_audit(actor=acting_user, action="update", target=item, detail={"status": to, "detail": detail})
    return item


def match_handback_item(*, acting_user: User, item: HandbackItem, person: Person | None) -> HandbackItem:
    """Match the item to `person` (a clerk's decision), or take a match back (person=None)."""
    if person is None:
        return transition_handback_item(
            acting_user=acting_user, item=item, to=S.UNMATCHED, detail="match withdrawn", matched_person=None
        )
    return transition_handback_item(
        acting_user=acting_user, item=item, to=S.MATCHED, detail=f"person #{person.pk}", matched_person=person
    )


@transaction.atomic
def dispute_handback_item(*, acting_user: User, item: HandbackItem, reason: str) -> HandbackItem:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the claim is disputed.")})
    return transition_handback_item(
        acting_user=acting_user, item=item, to=S.DISPUTED, detail=reason.strip(), dispute_reason=reason.strip()
    )


@transaction.atomic
def confirm_handback_item(
    *, acting_user: User, item: HandbackItem, received_on: datetime.date | None = None
) -> HandbackItem:
    """Our unit received the matched person: write the `handed_back` event, tied to their latest crossing."""
    from yalu.ledger.actions import EventInput, append_events

    check_permission(acting_user, "ledger.confirm_handbackitem")
    item = HandbackItem.objects.select_for_update().select_related("handback_list__area").get(pk=item.pk)
    if S.CONFIRMED not in TRANSITIONS[item.status] or item.matched_person_id is None:
        raise InvalidTransition(current=item.status, requested=S.CONFIRMED)
    handback_list = item.handback_list
    day = received_on or handback_list.handed_over_on
    crossing = (
        MovementEvent.objects.filter(
            person_id=item.matched_person_id,
            event_type=EventType.CROSSING_DETECTED,
            void=False,
            superseded_by__isnull=True,
            occurred_on__lte=day,
        )
        .order_by("-ordered_on", "-sequence")
        .first()
    )
    area = handback_list.area
    (event,) = append_events(
        acting_user=acting_user,
        events=[
            EventInput(
                person_id=item.matched_person_id,
                event_type=EventType.HANDED_BACK,
                occurred_on=day,
                occurred_precision="day",
                area_id=(area.county_id or area.pk) if area.kind == AreaKind.SECTOR else area.pk,
                sector_id=area.pk if area.kind == AreaKind.SECTOR else None,
                related_event_id=crossing.pk if crossing is not None else None,
                sender_id=handback_list.sender_id,
                source_ref=f"{handback_list.list_ref}/{item.ref}",
                note=_("Handback list %(ref)s") % {"ref": handback_list.list_ref},
            )
        ],
    )
    return transition_handback_item(
        acting_user=acting_user, item=item, to=S.CONFIRMED, detail=f"event #{event.sequence}", handed_back_event=event
    )
