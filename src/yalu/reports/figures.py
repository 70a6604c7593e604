"""Where a report's numbers come from: `yalu.statistics` (live), or a snapshot's frozen figures.

Every value a report shows passes through a `FigureSource`, keyed by area, period and indicator, so
the same report definition renders live figures for a page and frozen ones for a snapshot's export.
A live source remembers what it was asked: that record is what a snapshot freezes.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.apps import apps

from yalu.areas.models import Area

Computed = int | float | dict[str, Any] | None


@dataclass(frozen=True)
class Reported:
    value: float
    qualifier: str
    source: str
    submission: Any
    breakdown: str = ""

    def as_json(self) -> dict[str, Any]:
        """The shape of `yalu.statistics.indicators.as_json` (what snapshots keep and compare)."""
        found: dict[str, Any] = {
            "value": plain_number(self.value),
            "qualifier": self.qualifier,
            "source": self.source,
            "submission": self.submission,
        }
        if self.breakdown:
            found["breakdown"] = self.breakdown
        return found


@dataclass(frozen=True)
class Figure:
    computed: Computed
    reported: tuple[Reported, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"computed": self.computed, "reported": [item.as_json() for item in self.reported]}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Figure:
        reported = tuple(
            Reported(
                item["value"],
                item.get("qualifier", "exact"),
                item.get("source", ""),
                item.get("submission"),
                item.get("breakdown", ""),
            )
            for item in value.get("reported", [])
        )
        return cls(value.get("computed"), reported)


def plain_number(value: float | int) -> int | float:
    return int(value) if float(value).is_integer() else value


def figure_key(area: Area, period_start: datetime.date, period_end: datetime.date) -> str:
    return f"{area.code}|{period_start.isoformat()}|{period_end.isoformat()}"


Months = Sequence[tuple[datetime.date, datetime.date]]


class FigureSource(Protocol):
    as_of: datetime.date

    def figures(
        self, area: Area, period_start: datetime.date, period_end: datetime.date, codes: Sequence[str]
    ) -> dict[str, Figure]: ...

    def monthly(self, area: Area, months: Months, code: str) -> list[Figure]: ...


@dataclass
class LiveFigures:
    """Figures evaluated now for `user` (None: a trusted caller), remembered by key for freezing."""

    user: Any
    as_of: datetime.date
    recorded: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    evaluated: dict[str, dict[str, Figure]] = field(default_factory=dict)

    def figures(
        self, area: Area, period_start: datetime.date, period_end: datetime.date, codes: Sequence[str]
    ) -> dict[str, Figure]:
        """Each (area, period) is evaluated once for all the codes asked at once; later asks reuse it."""
        key = figure_key(area, period_start, period_end)
        known = self.evaluated.setdefault(key, {})
        missing = [code for code in dict.fromkeys(codes) if code not in known]
        if missing:
            found = evaluate(
                self.user, area=area, period_start=period_start, period_end=period_end, as_of=self.as_of, codes=missing
            )
            known.update(found)
            bucket = self.recorded.setdefault(key, {})
            for code, figure in found.items():
                bucket[code] = figure.as_json()
        return {code: known[code] for code in codes}

    @classmethod
    def from_recorded(
        cls, user: Any, as_of: datetime.date, recorded: dict[str, dict[str, dict[str, Any]]]
    ) -> LiveFigures:
        """Figures recorded (and kept) earlier, asked again without evaluating; what they lack is evaluated."""
        evaluated = {
            key: {code: Figure.from_json(value) for code, value in values.items()} for key, values in recorded.items()
        }
        return cls(user=user, as_of=as_of, recorded=copy.deepcopy(recorded), evaluated=evaluated)

    def monthly(self, area: Area, months: Months, code: str) -> list[Figure]:
        """One figure per month; `crossing.detected` in one query rather than a cohort per month."""
        keys = [figure_key(area, first, last) for first, last in months]
        if all(code in self.evaluated.get(key, {}) for key in keys):
            return [self.evaluated[key][code] for key in keys]
        if code != "crossing.detected" or not months:
            return [self.figures(area, first, last, [code])[code] for first, last in months]
        start, end = months[0][0], months[-1][1]
        whole = self.figures(area, start, end, [code])[code]
        counts = detected_by_month(area, start, end) if whole.computed is not None else {}
        found = []
        for first, last in months:
            key = figure_key(area, first, last)
            if code not in self.evaluated.get(key, {}):
                computed = counts.get((first.year, first.month), 0) if whole.computed is not None else None
                figure = Figure(computed, reported_for(area, first, last, code))
                self.evaluated.setdefault(key, {})[code] = figure
                self.recorded.setdefault(key, {})[code] = figure.as_json()
            found.append(self.evaluated[key][code])
        return found


@dataclass
class FrozenFigures:
    """Figures as a snapshot froze them; what was not frozen is unknown (None), never recomputed."""

    as_of: datetime.date
    recorded: dict[str, dict[str, dict[str, Any]]]

    def figures(
        self, area: Area, period_start: datetime.date, period_end: datetime.date, codes: Sequence[str]
    ) -> dict[str, Figure]:
        bucket = self.recorded.get(figure_key(area, period_start, period_end), {})
        return {code: Figure.from_json(bucket[code]) if code in bucket else Figure(None) for code in codes}

    def monthly(self, area: Area, months: Months, code: str) -> list[Figure]:
        return [self.figures(area, first, last, [code])[code] for first, last in months]


def detected_by_month(area: Area, start: datetime.date, end: datetime.date) -> dict[tuple[int, int], int]:
    """`crossing.detected` of spec/indicators.md for each month, in one query over the ledger's effective events."""
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth, ExtractYear

    from yalu.ledger.models import EventType
    from yalu.ledger.queries import effective_events

    rows = (
        effective_events()
        .filter(
            event_type=EventType.CROSSING_DETECTED,
            occurred_on__gte=start,
            occurred_on__lte=end,
            area__path__startswith=area.path,
        )
        .annotate(year=ExtractYear("occurred_on"), month=ExtractMonth("occurred_on"))
        .values_list("year", "month")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {(int(year), int(month)): int(count) for year, month, count in rows}


def reported_for(area: Area, period_start: datetime.date, period_end: datetime.date, code: str) -> tuple[Reported, ...]:
    if not apps.is_installed("yalu.statistics"):
        return ()
    from yalu.statistics.indicators import reported_values

    found = reported_values(area=area, period_start=period_start, period_end=period_end, codes=[code])
    return tuple(Reported(r.value, r.qualifier, r.source, r.submission, r.breakdown) for r in found.get(code, []))


def evaluate(
    user: Any,
    *,
    area: Area,
    period_start: datetime.date,
    period_end: datetime.date,
    as_of: datetime.date,
    codes: Sequence[str],
) -> dict[str, Figure]:
    """The figures of `yalu.statistics`; until that app is installed, the ledger's computed ones alone."""
    if apps.is_installed("yalu.statistics"):
        from yalu.statistics.indicators import evaluate as evaluate_indicators

        values = evaluate_indicators(
            user, area=area, period_start=period_start, period_end=period_end, as_of=as_of, codes=codes
        )
        return {
            code: Figure(
                value.computed,
                tuple(Reported(r.value, r.qualifier, r.source, r.submission, r.breakdown) for r in value.reported),
            )
            for code, value in values.items()
        }
    from yalu.ledger.queries import crossing_report

    ledger = crossing_report(user, area=area, period_start=period_start, period_end=period_end, as_of=as_of)
    return {code: Figure(ledger.get(code)) for code in codes}
