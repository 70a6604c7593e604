"""Snapshots: a report's figures frozen with an id, date, author and sources; what changed since.

`figures` maps a key to a value. A key is an indicator code (`crossing.persons`, for the snapshot's
area) or a code at another area (`crossing.persons@CN-LN`); any other key is kept but not re-evaluated.
A value is a number (the figure as shown) or the shape `indicators.as_json` gives
(`{"computed": ..., "reported": [...]}`); `figures_of(values)` builds the latter from `evaluate`.
A snapshot never changes (the database refuses UPDATE and DELETE); `snapshot_changes` re-evaluates its
figures now, for the same area, period and report date, and lists those that differ.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, check_permission
from yalu.core.audit import record_audit
from yalu.core.models import User
from yalu.statistics.definitions import DEFINITIONS
from yalu.statistics.indicators import IndicatorValue, as_json, evaluate
from yalu.statistics.models import Snapshot
from yalu.statistics.periods import parse_period


def figures_of(values: dict[str, IndicatorValue], *, area_code: str = "") -> dict[str, Any]:
    """Figures in the snapshot's shape; with `area_code`, keys are `code@AREA`."""
    return {(f"{code}@{area_code}" if area_code else code): figure for code, figure in as_json(values).items()}


def sources_of(values: dict[str, IndicatorValue]) -> dict[str, list[str]]:
    """For each code: "computed from records" when computed, and each reported value's source and submission."""
    sources: dict[str, list[str]] = {}
    for code, value in values.items():
        found = ["computed"] if value.computed is not None else []
        found += [f"{item.source} (#{item.submission})" for item in value.reported]
        if found:
            sources[code] = found
    return sources


@transaction.atomic
def take_snapshot(
    *,
    acting_user: User,
    title: str,
    area: Area,
    period_text: str,
    as_of: datetime.date,
    figures: dict[str, Any],
    sources: dict[str, Any],
) -> Snapshot:
    check_permission(acting_user, "statistics.add_snapshot")
    if not area_in_scope(acting_user, area):
        raise ValidationError({"area": _("The area %(code)s is outside your jurisdiction.") % {"code": area.code}})
    if not title.strip():
        raise ValidationError({"title": _("Give the snapshot a title.")})
    try:
        _start, end = parse_period(period_text)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error
    if as_of < end:
        raise ValidationError({"as_of": _("The report date must not be before the end of the period.")})
    snapshot = Snapshot.objects.create(
        author=acting_user,
        title=title.strip()[:200],
        area=area,
        period=period_text.strip(),
        as_of=as_of,
        figures=figures,
        sources=sources,
    )
    record_audit(actor=acting_user, action="create", target=snapshot, detail={"title": snapshot.title})
    return snapshot


def _key_parts(key: str, default_area: str) -> tuple[str, str] | None:
    code, _sep, area_code = key.partition("@")
    if code not in DEFINITIONS:
        return None
    return code, area_code or default_area


def _comparable(then: Any, now: IndicatorValue) -> Any:
    """The current value in the shape the snapshot kept."""
    if isinstance(then, dict) and "computed" in then:
        return as_json({now.code: now})[now.code]
    if now.computed is not None:
        return now.computed
    total = now.reported_total
    if total is None:
        return None
    return int(total.value) if float(total.value).is_integer() else total.value


def snapshot_changes(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Figures whose value now differs from the frozen one: [{"code", "area", "then", "now"}]."""
    start, end = parse_period(snapshot.period)
    wanted: dict[str, list[tuple[str, str]]] = {}
    for key in snapshot.figures:
        parts = _key_parts(key, snapshot.area.code)
        if parts is not None:
            wanted.setdefault(parts[1], []).append((key, parts[0]))
    areas = Area.objects.in_bulk(list(wanted), field_name="code")
    changes = []
    for area_code, keys in sorted(wanted.items()):
        area = areas.get(area_code)
        if area is None:
            continue
        values = evaluate(
            None, area=area, period_start=start, period_end=end, as_of=snapshot.as_of, codes=[c for _k, c in keys]
        )
        for key, code in keys:
            then = snapshot.figures[key]
            now = _comparable(then, values[code])
            if now != then:
                changes.append({"code": code, "area": area_code, "then": then, "now": now})
    return changes
