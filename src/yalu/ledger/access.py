"""access_<thing>: the record, or the same not-found error whether missing or outside the jurisdiction."""

from __future__ import annotations

from typing import Any

from yalu.core.access import not_found
from yalu.ledger.models import HandbackItem, HandbackList, MovementEvent
from yalu.ledger.queries import events_in_scope, handback_lists_in_scope


def access_event(user: Any, event_id: int) -> MovementEvent:
    event = events_in_scope(user).select_related("person", "area").filter(pk=event_id).first()
    if event is None:
        raise not_found(
            user,
            object_type="ledger.movementevent",
            object_id=event_id,
            exists=MovementEvent.objects.filter(pk=event_id).exists(),
        )
    return event


def access_handback_list(user: Any, list_id: int) -> HandbackList:
    handback_list = handback_lists_in_scope(user).filter(pk=list_id).first()
    if handback_list is None:
        raise not_found(
            user,
            object_type="ledger.handbacklist",
            object_id=list_id,
            exists=HandbackList.objects.filter(pk=list_id).exists(),
        )
    return handback_list


def access_handback_item(user: Any, list_id: int, item_id: int) -> HandbackItem:
    handback_list = access_handback_list(user, list_id)
    item = HandbackItem.objects.filter(handback_list=handback_list, pk=item_id).first()
    if item is None:
        raise not_found(user, object_type="ledger.handbackitem", object_id=item_id, exists=False)
    return item
