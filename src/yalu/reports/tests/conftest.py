"""Crossings in Longjing (a small county: 3 persons) and Yanji (12), written through the ledger's action."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import translation

from yalu.areas.models import Area
from yalu.ledger.actions import EventInput, append_events
from yalu.people.models import Person
from yalu.reports import figures


def crossing_with_outcome(area_code: str, day: datetime.date, outcome: str | None) -> None:
    area = Area.objects.get(code=area_code)
    person = Person.objects.create(home_area=area, description="report test person")
    (crossing,) = append_events(
        acting_user=None,
        events=[EventInput(person.pk, "crossing_detected", day, "day", area.pk)],
    )
    if outcome:
        append_events(
            acting_user=None,
            events=[
                EventInput(
                    person.pk, outcome, day + datetime.timedelta(days=3), "day", area.pk, related_event_id=crossing.pk
                )
            ],
        )


@pytest.fixture
def crossings(personas: Any) -> Any:
    # Longjing: 3 persons — one persuaded, one back on their own, one unaccounted for
    crossing_with_outcome("222405", datetime.date(1961, 3, 2), "persuaded_to_return")
    crossing_with_outcome("222405", datetime.date(1961, 3, 9), "returned_voluntarily")
    crossing_with_outcome("222405", datetime.date(1961, 7, 1), None)
    # Yanji: 12 persons — 7 persuaded, 5 still abroad
    for i in range(12):
        outcome = "persuaded_to_return" if i < 7 else "reported_abroad"
        crossing_with_outcome("222401", datetime.date(1961, 1 + i % 6, 10), outcome)
    return personas


@pytest.fixture
def english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every evaluation of figures (and monthly count) the report asks of `yalu.statistics`, by area code."""
    calls: list[str] = []
    evaluate, by_month = figures.evaluate, figures.detected_by_month

    def counting(user: Any, *, area: Area, **kwargs: Any) -> dict[str, figures.Figure]:
        calls.append(area.code)
        return evaluate(user, area=area, **kwargs)

    def counting_months(area: Area, start: datetime.date, end: datetime.date) -> dict[tuple[int, int], int]:
        calls.append(f"months {area.code}")
        return by_month(area, start, end)

    monkeypatch.setattr(figures, "evaluate", counting)
    monkeypatch.setattr(figures, "detected_by_month", counting_months)
    return calls
