"""Helpers shared by the ledger's tests: events on the real border areas, written through the action."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from yalu.areas.models import Area
from yalu.ledger.actions import EventInput, append_events
from yalu.ledger.models import MovementEvent


def area_id(code: str) -> int:
    return Area.objects.get(code=code).pk


def event(person: Any, event_type: str, day: str, area: str = "222405", **extra: Any) -> EventInput:
    """An EventInput from a date at its precision: `1961`, `1961-07` or `1961-07-14`."""
    parts = day.split("-") + ["01", "01"]
    precision = {1: "year", 2: "month", 3: "day"}[len(day.split("-"))]
    return EventInput(
        person_id=person.pk if hasattr(person, "pk") else person,
        event_type=event_type,
        occurred_on=datetime.date(int(parts[0]), int(parts[1]), int(parts[2])),
        occurred_precision=precision,
        area_id=area_id(area),
        **extra,
    )


def write(*events: EventInput, user: Any = None) -> list[MovementEvent]:
    return append_events(acting_user=user, events=list(events))


@pytest.fixture
def ledger_write() -> Any:
    return write


@pytest.fixture(autouse=True)
def english() -> Any:
    """Messages are asserted in English (the default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield
