"""Checks of a batch of events before they are written: a few set-based queries, never one per event."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.areas.models import Area, AreaKind
from yalu.core.access import area_in_scope
from yalu.ledger.models import EventType, MovementEvent
from yalu.people.models import DatePrecision, Person

if TYPE_CHECKING:
    from yalu.ledger.actions import EventInput

EARLIEST = datetime.date(1850, 1, 1)
EVENT_TYPES = frozenset(EventType.values)
PRECISIONS = frozenset(DatePrecision.values)


CHUNK = 5000  # ids per IN (...): SQLite limits the number of parameters of one statement


def chunked(ids: set[int] | list[int]) -> list[list[int]]:
    values = sorted(ids)
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)] or [[]]


class EventErrors(ValidationError):
    """A ValidationError keyed by field, which also keeps the errors of each event by its index in the batch."""

    def __init__(self, by_index: dict[int, dict[str, list[str]]], count: int) -> None:
        merged: dict[str, list[str]] = defaultdict(list)
        for index, fields in sorted(by_index.items()):
            for field, messages in fields.items():
                prefix = _("Event %(number)s: ") % {"number": index + 1} if count > 1 else ""
                merged[field].extend(prefix + message for message in messages)
        super().__init__(dict(merged))
        self.by_index = by_index


def period_end(day: datetime.date, precision: str) -> datetime.date:
    """The last day a date of this precision may mean: 1961 → 1961-12-31, 1961-07 → 1961-07-31."""
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


class BatchCheck:
    """Collects the errors of a batch; `ordered_on` holds each event's ordering date once checked."""

    def __init__(self, acting_user: Any, events: Sequence[EventInput]) -> None:
        self.acting_user = acting_user
        self.events = events
        self.errors: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.ordered_on: list[datetime.date] = [event.occurred_on for event in events]

    def add(self, index: int, field: str, message: str) -> None:
        self.errors[index][field].append(message)

    def run(self) -> None:
        self.check_values()
        self.check_areas()
        self.check_persons()
        self.check_related()
        self.check_superseded()
        self.check_deaths()
        if self.errors:
            by_index = {i: dict(fields) for i, fields in self.errors.items()}
            raise EventErrors(by_index, len(self.events))

    def check_values(self) -> None:
        today = timezone.localdate()
        for i, event in enumerate(self.events):
            if event.event_type not in EVENT_TYPES:
                self.add(i, "event_type", _("Unknown event type: %(type)s.") % {"type": event.event_type})
            if event.occurred_precision not in PRECISIONS:
                self.add(i, "occurred_precision", _("Unknown date precision: %(p)s.") % {"p": event.occurred_precision})
            elif (event.occurred_precision == DatePrecision.MONTH and event.occurred_on.day != 1) or (
                event.occurred_precision == DatePrecision.YEAR and event.occurred_on.timetuple()[1:3] != (1, 1)
            ):
                self.add(i, "occurred_on", _("A date known to the month or year is given by its first day."))
            if event.occurred_on > today:
                self.add(i, "occurred_on", _("The date %(date)s is in the future.") % {"date": event.occurred_on})
            if event.occurred_on < EARLIEST:
                self.add(i, "occurred_on", _("A date before 1850 is not plausible."))
            if event.supersedes_id is not None and not event.correction_reason.strip():
                self.add(i, "correction_reason", _("A correction needs a reason."))
            if event.related_event_id is not None and event.event_type == EventType.CROSSING_DETECTED:
                self.add(i, "related_event", _("A crossing does not belong to another crossing."))

    def check_areas(self) -> None:
        ids = {e.area_id for e in self.events} | {e.sector_id for e in self.events if e.sector_id is not None}
        areas = {area.pk: area for area in Area.objects.filter(pk__in=ids).only("id", "kind", "path", "code")}
        for i, event in enumerate(self.events):
            area = areas.get(event.area_id)
            if area is None:
                self.add(i, "area", _("No such area."))
            elif self.acting_user is not None and not area_in_scope(self.acting_user, area):
                self.add(i, "area", _("The area %(code)s is outside your jurisdiction.") % {"code": area.code})
            if event.sector_id is not None:
                sector = areas.get(event.sector_id)
                if sector is None or sector.kind != AreaKind.SECTOR:
                    self.add(i, "sector", _("This is not a border sector."))

    def check_persons(self) -> None:
        ids = {e.person_id for e in self.events}
        births: dict[int, int | None] = {}
        for chunk in chunked(ids):
            births.update(Person.objects.filter(pk__in=chunk).values_list("id", "birth_year"))
        for i, event in enumerate(self.events):
            if event.person_id not in births:
                self.add(i, "person", _("No such person."))
            elif (birth_year := births[event.person_id]) is not None and event.occurred_on.year < birth_year:
                self.add(i, "occurred_on", _("The event is dated before the person's birth."))

    def check_related(self) -> None:
        ids = {e.related_event_id for e in self.events if e.related_event_id is not None}
        if not ids:
            return
        crossings = {
            row["id"]: row
            for chunk in chunked(ids)
            for row in MovementEvent.objects.filter(pk__in=chunk).values(
                "id", "person_id", "event_type", "occurred_on", "void"
            )
        }
        for i, event in enumerate(self.events):
            if event.related_event_id is None:
                continue
            crossing = crossings.get(event.related_event_id)
            if (
                crossing is None
                or crossing["event_type"] != EventType.CROSSING_DETECTED
                or crossing["void"]
                or crossing["person_id"] != event.person_id
            ):
                self.add(i, "related_event", _("This is not a crossing of the same person."))
                continue
            crossed_on = crossing["occurred_on"]
            if period_end(event.occurred_on, event.occurred_precision) < crossed_on:
                self.add(
                    i,
                    "occurred_on",
                    _("The outcome is dated before its crossing (%(date)s).") % {"date": crossed_on.isoformat()},
                )
            else:
                self.ordered_on[i] = max(event.occurred_on, crossed_on)

    def check_superseded(self) -> None:
        ids = [e.supersedes_id for e in self.events if e.supersedes_id is not None]
        if not ids:
            return
        existing, already = set(), set()
        for chunk in chunked(ids):
            existing |= set(MovementEvent.objects.filter(pk__in=chunk).values_list("id", flat=True))
            already |= set(
                MovementEvent.objects.filter(supersedes_id__in=chunk).values_list("supersedes_id", flat=True)
            )
        seen: set[int] = set()
        for i, event in enumerate(self.events):
            target = event.supersedes_id
            if target is None:
                continue
            if target not in existing:
                self.add(i, "supersedes", _("No such event to correct."))
            elif target in already or target in seen:
                self.add(i, "supersedes", _("This event was already corrected; correct the correction instead."))
            seen.add(target)

    def check_deaths(self) -> None:
        """No event after the person's death (a death that this batch corrects no longer counts)."""
        persons = {e.person_id for e in self.events}
        corrected = {e.supersedes_id for e in self.events if e.supersedes_id is not None}
        deaths: dict[int, datetime.date] = {}
        recorded = [
            row
            for chunk in chunked(persons)
            for row in MovementEvent.objects.filter(person_id__in=chunk, event_type=EventType.DIED, void=False)
            .exclude(pk__in=corrected)
            .filter(superseded_by__isnull=True)
            .values("person_id", "occurred_precision")
            .annotate(first=Min("occurred_on"))
        ]
        for row in recorded:
            end = period_end(row["first"], row["occurred_precision"])
            deaths[row["person_id"]] = min(end, deaths.get(row["person_id"], end))
        for event in self.events:
            if event.event_type == EventType.DIED:
                end = period_end(event.occurred_on, event.occurred_precision)
                deaths[event.person_id] = min(end, deaths.get(event.person_id, end))
        for i, event in enumerate(self.events):
            died = deaths.get(event.person_id)
            if died is not None and event.event_type != EventType.DIED and event.occurred_on > died:
                self.add(i, "occurred_on", _("The person died before this date (%(date)s).") % {"date": died})
