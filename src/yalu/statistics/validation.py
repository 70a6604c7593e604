"""The validation rules of spec/indicators.md, run on computed and on reported values.

A rule is evaluated when the first indicator it names is known and at least one value on the other
side is known; unknown terms count as 0 and the violation lists them. Values are taken one source at a
time — the computed values, then each reporting source's own figures — so that a violation always
says whose figures do not add up. Where a source gives `return.total`, it stands for the three ways of
return together. `validate` checks every area of the subtree, for the period asked and for every
reported period that overlaps it (a figure for January 1961 – March 1962 concerns 1961 too).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area, AreaKind
from yalu.core.access import area_in_scope, not_found
from yalu.statistics.definitions import ADDITIVE
from yalu.statistics.indicators import IndicatorValue, computed_values, evaluate, live_submissions
from yalu.statistics.models import ValidationThreshold
from yalu.statistics.periods import parse_period, sub_periods

ERROR, WARNING = "error", "warning"

RULES: dict[str, tuple[str, Any]] = {
    "outcomes-within-crossings": (
        ERROR,
        _("Persons crossing ≥ persuaded + voluntary + handed back + remaining + died"),
    ),
    "unaccounted-share": (WARNING, _("Persons unaccounted for ≤ the threshold share of the persons crossing")),
    "decisions-within-applications": (
        ERROR,
        _("Applications filed + pending at the start ≥ approved + denied + withdrawn"),
    ),
    "applications-within-letters": (
        WARNING,
        _("Family-reunification applications filed ≤ letters received + letters still valid at the start"),
    ),
    "remains-breakdown": (ERROR, _("The nationality breakdown of remains found adds up to its total")),
    "handback-confirmed": (WARNING, _("Handed back (confirmed) = handed back (claimed by the other state)")),
    "parts-add-up": (ERROR, _("A month's or a county's figures add up to the quarter's, year's or prefecture's")),
    "reported-vs-computed": (WARNING, _("A reported value is within the threshold of the computed one")),
}

DEFAULT_THRESHOLDS = {"unaccounted-share": 0.05, "reported-vs-computed": 0.02}

OUTCOMES = ("return.persuaded", "return.voluntary", "return.handed_back", "abroad.remaining", "death.crossing")
OUTCOMES_WITH_TOTAL = ("return.total", "abroad.remaining", "death.crossing")
DECISIONS = ("application.approved", "application.denied", "application.withdrawn")
PENDING_AT_START = "application.pending@start"
NATIONALITIES = ("CN", "KP", "unidentified")
COMPUTED = "computed"


@dataclass(frozen=True)
class Violation:
    rule: str
    area: str
    period: str
    severity: str
    left: float
    right: float
    difference: float
    sources: list[str]
    unknown_terms: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {key: _plain(value) for key, value in asdict(self).items()}


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def thresholds() -> dict[str, float]:
    configured = dict(ValidationThreshold.objects.values_list("rule", "threshold"))
    return {**DEFAULT_THRESHOLDS, **configured}


@dataclass
class ValueSet:
    """One source's figures for one area and period: totals, breakdowns, and where they came from."""

    source: str
    totals: dict[str, float] = field(default_factory=dict)
    breakdowns: dict[str, dict[str, float]] = field(default_factory=dict)

    def known(self, code: str) -> bool:
        return code in self.totals

    def sum_of(self, codes: Iterable[str]) -> tuple[float, list[str], bool]:
        """(sum with unknown terms as 0, the unknown terms, whether any term is known)."""
        values = [(code, self.totals.get(code)) for code in codes]
        unknown = [code for code, value in values if value is None]
        return sum(value for _code, value in values if value is not None), unknown, len(unknown) < len(values)


PartRef = tuple[str, Area, datetime.date, datetime.date]


@dataclass
class Cell:
    area: Area
    period: str
    start: datetime.date
    end: datetime.date


def value_sets(values: dict[str, IndicatorValue], pending_at_start: dict[str, float]) -> list[ValueSet]:
    computed = ValueSet(COMPUTED)
    by_source: dict[str, ValueSet] = {}
    for code, value in values.items():
        if isinstance(value.computed, int | float):
            computed.totals[code] = float(value.computed)
        for item in value.reported:
            found = by_source.setdefault(item.source, ValueSet(item.source))
            if item.breakdown:
                found.breakdowns.setdefault(code, {})[item.breakdown] = item.value
            else:
                found.totals[code] = item.value
    sets = ([computed] if computed.totals else []) + [by_source[source] for source in sorted(by_source)]
    for found in sets:
        pending = pending_at_start.get(found.source, pending_at_start.get("*"))
        if pending is not None:
            found.totals[PENDING_AT_START] = pending
    return sets


# A finding of a rule on one value set: (left, right, unknown terms).
Finding = tuple[float, float, list[str]]


def _outcomes(found: ValueSet, limits: dict[str, float]) -> dict[str, Finding]:
    if not found.known("crossing.persons"):
        return {}
    persons = found.totals["crossing.persons"]
    outcomes = OUTCOMES_WITH_TOTAL if found.known("return.total") else OUTCOMES
    accounted, unknown, any_known = found.sum_of(outcomes)
    findings = {}
    if any_known and persons < accounted:
        findings["outcomes-within-crossings"] = (persons, accounted, unknown)
    if any_known and persons - accounted > limits["unaccounted-share"] * persons:
        findings["unaccounted-share"] = (persons, accounted, unknown)
    return findings


def _decisions(found: ValueSet) -> dict[str, Finding]:
    if not found.known("application.filed"):
        return {}
    decided, unknown, any_known = found.sum_of(DECISIONS)
    pending = found.totals.get(PENDING_AT_START)
    available = found.totals["application.filed"] + (pending or 0)
    if any_known and available < decided:
        return {
            "decisions-within-applications": (
                available,
                decided,
                ([] if pending is not None else [PENDING_AT_START]) + unknown,
            )
        }
    return {}


def _letters(found: ValueSet) -> dict[str, Finding]:
    family = found.breakdowns.get("application.filed", {}).get("purpose:family_reunification")
    letters = found.totals.get("letter.received")
    if family is not None and letters is not None and family > letters:
        return {"applications-within-letters": (family, letters, ["letters still valid at the start"])}
    return {}


def _remains(found: ValueSet) -> dict[str, Finding]:
    parts = found.breakdowns.get("remains.found", {})
    nationality = {key: value for key, value in parts.items() if key.startswith("nationality:")}
    total = found.totals.get("remains.found")
    if total is None or not nationality or sum(nationality.values()) == total:
        return {}
    missing = [f"remains.found[nationality:{code}]" for code in NATIONALITIES if f"nationality:{code}" not in parts]
    return {"remains-breakdown": (total, sum(nationality.values()), missing)}


def _handbacks(found: ValueSet) -> dict[str, Finding]:
    confirmed, claimed = found.totals.get("return.handed_back"), found.totals.get("return.handed_back_claimed")
    if confirmed is None or claimed is None or confirmed == claimed:
        return {}
    return {"handback-confirmed": (confirmed, claimed, [])}


def check_value_set(found: ValueSet, cell: Cell, limits: dict[str, float]) -> list[Violation]:
    """The rules within one source's figures for one area and period."""
    findings = {
        **_outcomes(found, limits),
        **_decisions(found),
        **_letters(found),
        **_remains(found),
        **_handbacks(found),
    }
    return [
        Violation(rule, cell.area.code, cell.period, RULES[rule][0], left, right, left - right, [found.source], unknown)
        for rule, (left, right, unknown) in findings.items()
    ]


def check_reported_vs_computed(values: dict[str, IndicatorValue], cell: Cell, limit: float) -> list[Violation]:
    violations = []
    for code, value in values.items():
        if not isinstance(value.computed, int | float):
            continue
        computed = float(value.computed)
        for item in value.reported:
            if item.breakdown:
                continue
            if abs(item.value - computed) > limit * abs(computed) or (computed == 0 and item.value != 0):
                violations.append(
                    Violation(
                        "reported-vs-computed",
                        cell.area.code,
                        cell.period,
                        WARNING,
                        item.value,
                        computed,
                        item.value - computed,
                        [item.source, COMPUTED],
                        [code],
                    )
                )
    return violations


def _latest_reported(area: Area, start: datetime.date, end: datetime.date, code: str) -> tuple[float, str] | None:
    row = (
        live_submissions()
        .filter(area=area, period_start=start, period_end=end, indicator=code, breakdown="")
        .order_by("-submitted_at", "-id")
        .values_list("value", "source")
        .first()
    )
    return (float(row[0]), str(row[1])) if row else None


def check_parts(values: dict[str, IndicatorValue], cell: Cell) -> list[Violation]:
    """Reported wholes against the reported parts: the area's children, and the period's quarters or months."""
    violations = []
    children = [child for child in cell.area.children.all() if child.kind != AreaKind.SECTOR]
    for code in sorted(ADDITIVE & set(values)):
        whole = values[code].reported_total
        if whole is None:
            continue
        by_area = [(f"{code}@{child.code}", child, cell.start, cell.end) for child in children]
        by_time = [
            [(f"{code}@{cell.area.code}:{text}", cell.area, start, end) for text, start, end in parts]
            for parts in sub_periods(cell.start, cell.end)
        ]
        for group in [by_area, _first_reported(by_time, code)]:
            violation = _check_whole(code, whole.value, whole.source, group, cell)
            if violation is not None:
                violations.append(violation)
    return violations


def _first_reported(groups: list[list[PartRef]], code: str) -> list[PartRef]:
    """The coarsest split of the period that has any reported part (quarters before months)."""
    for group in groups:
        if any(_latest_reported(area, start, end, code) is not None for _name, area, start, end in group):
            return group
    return []


def _check_whole(code: str, whole: float, source: str, group: list[PartRef], cell: Cell) -> Violation | None:
    found = [(name, _latest_reported(area, start, end, code)) for name, area, start, end in group]
    known = [part for _name, part in found if part is not None]
    if not known:
        return None
    total = sum(part[0] for part in known)
    if total == whole:
        return None
    unknown = [name for name, part in found if part is None]
    sources = sorted({source} | {part[1] for part in known})
    return Violation("parts-add-up", cell.area.code, cell.period, ERROR, whole, total, whole - total, sources, unknown)


def _pending_at_start(user: Any, cell: Cell) -> dict[str, float]:
    day_before = cell.start - datetime.timedelta(days=1)
    found: dict[str, float] = {}
    row = (
        live_submissions()
        .filter(area=cell.area, period_end=day_before, indicator="application.pending", breakdown="")
        .order_by("submitted_at", "id")
        .values_list("value", "source")
    )
    for value, source in row:
        found[source] = float(value)
        found["*"] = float(value)
    computed = computed_values(
        user,
        area=cell.area,
        period_start=day_before,
        period_end=day_before,
        as_of=day_before,
        codes=["application.pending"],
    )["application.pending"]
    if isinstance(computed, int | float):
        found[COMPUTED] = float(computed)
    return found


def report_date(end: datetime.date) -> datetime.date:
    """Rules look at what is known now: the report date is today, or the period's end if that is later."""
    return max(end, timezone.localdate())


def check_cell(
    user: Any, cell: Cell, limits: dict[str, float], values: dict[str, IndicatorValue] | None = None
) -> list[Violation]:
    if values is None:
        values = evaluate(
            user, area=cell.area, period_start=cell.start, period_end=cell.end, as_of=report_date(cell.end)
        )
    violations = []
    for found in value_sets(values, _pending_at_start(user, cell)):
        violations += check_value_set(found, cell, limits)
    violations += check_reported_vs_computed(values, cell, limits["reported-vs-computed"])
    violations += check_parts(values, cell)
    return violations


def _areas_with_records(subtree: list[Area], start: datetime.date, end: datetime.date) -> list[Area]:
    """The areas (sectors aside) under which the ledger holds events of the period."""
    if not apps.is_installed("yalu.ledger"):
        return []
    from yalu.ledger.models import MovementEvent

    period = MovementEvent.objects.filter(occurred_on__gte=start, occurred_on__lte=end)
    if len(subtree) == 1:
        root = subtree[0]
        present = root.kind != AreaKind.SECTOR and period.filter(area__path__startswith=root.path).exists()
        return [root] if present else []
    ids = period.filter(area__path__startswith=subtree[0].path).order_by().values_list("area_id", flat=True).distinct()
    paths = set(Area.objects.filter(id__in=list(ids)).values_list("path", flat=True))
    return [
        area for area in subtree if area.kind != AreaKind.SECTOR and any(path.startswith(area.path) for path in paths)
    ]


def cells_to_check(area: Area, period_text: str, include_subtree: bool, computed_subtree: bool = True) -> list[Cell]:
    start, end = parse_period(period_text)
    subtree = list(Area.objects.filter(path__startswith=area.path)) if include_subtree else [area]
    by_id = {item.id: item for item in subtree}
    cells: dict[tuple[int, datetime.date, datetime.date], Cell] = {}
    with_records = _areas_with_records(subtree if computed_subtree else [area], start, end)
    for item in with_records:
        cells[(item.id, start, end)] = Cell(item, period_text.strip(), start, end)
    submitted = (
        live_submissions()
        .filter(area_id__in=list(by_id), period_start__lte=end, period_end__gte=start)
        .values_list("area_id", "period", "period_start", "period_end")
        .distinct()
        .order_by("period_start", "period_end")
    )
    for area_id, text, cell_start, cell_end in submitted:
        cells.setdefault((area_id, cell_start, cell_end), Cell(by_id[area_id], text, cell_start, cell_end))
    return sorted(cells.values(), key=lambda cell: (cell.area.path, cell.start, cell.end))


def validate(
    user_or_none: Any,
    *,
    area: Area,
    period_text: str,
    include_subtree: bool = True,
    computed_subtree: bool = True,
    evaluated: dict[str, IndicatorValue] | None = None,
) -> list[Violation]:
    """Every violation in `area` (and its subtree) for the period and the reported periods overlapping it.

    `computed_subtree=False` checks computed values for `area` alone (reported ones still for the whole
    subtree): the dashboard's quick view, which passes the values of `area` for the period (all codes, as of
    `report_date`) it has `evaluated` already. ValueError for a period that cannot be read; not found for an
    area outside the user's jurisdiction.
    """
    if user_or_none is not None and not area_in_scope(user_or_none, area):
        raise not_found(user_or_none, object_type="areas.area", object_id=area.code, exists=True)
    limits = thresholds()
    violations: list[Violation] = []
    start, end = parse_period(period_text)
    for cell in cells_to_check(area, period_text, include_subtree, computed_subtree):
        reuse = evaluated if (cell.area.pk, cell.start, cell.end) == (area.pk, start, end) else None
        violations += check_cell(user_or_none, cell, limits, reuse)
    return violations
