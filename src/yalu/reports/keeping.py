"""A report's computed figures, kept per (definition, area, period, report date) until the data change.

Over millions of events the 1962 report takes about a minute to compute, and its figures are the same
until the records change. `kept_report` keeps what the report's `LiveFigures` recorded (`KeptReport`)
with the data version they were computed at — the dashboard's `data_version` over `REPORT_MODELS`:
the highest id of every table the figures read, the validation thresholds and today's date. A view,
export (any format and language) or API call after no change rebuilds the report from the kept figures
in a few queries; a change is seen on the next one, which computes again, as does one after
`max_age` (YALU_DASHBOARD_MAX_AGE) for edits made in place. What is kept is figures, not tables:
labels, languages and the suppression of published exports are applied on every call as before.
Freezing a snapshot computes afresh (`fresh=True`): a snapshot never takes figures from this cache.

`warm` (the task `warm_reports` and `manage.py warm_reports`) computes again, ahead of views, the kept
reports read in the last `keep_days()` (YALU_REPORT_KEEP_DAYS, default 7) whose data changed; reports
not read for that long are no longer kept.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from yalu.reports.definitions import DEFINITIONS, ReportRequest
from yalu.reports.figures import LiveFigures
from yalu.reports.models import KeptReport
from yalu.reports.tables import Report
from yalu.statistics.dashboard import VERSION_MODELS, data_version, max_age

# What the report's figures read: the dashboard's tables (the report evaluates the same indicators), and
# the permits offices' service standards, which decide which pending applications are overdue.
REPORT_MODELS = (*VERSION_MODELS, "permits.ServiceStandard")
READ_PRECISION = datetime.timedelta(hours=1)


def _key(definition: str, request: ReportRequest) -> dict[str, Any]:
    return {
        "definition": definition,
        "area": request.area,
        "period_start": request.period_start,
        "period_end": request.period_end,
        "as_of": request.as_of,
    }


def report_version() -> str:
    return data_version(REPORT_MODELS)


def keep_days() -> int:
    """Days a kept report stays kept (and warmed) after it was last read."""
    return int(getattr(settings, "YALU_REPORT_KEEP_DAYS", 7))


def kept_figures(definition: str, request: ReportRequest, version: str) -> dict[str, Any] | None:
    """The figures kept for `request` at `version`, if they are younger than the maximum age."""
    now = timezone.now()
    fresh = now - datetime.timedelta(seconds=max_age())
    row = (
        KeptReport.objects.filter(**_key(definition, request), version=version, computed_at__gte=fresh)
        .values_list("pk", "read_at", "figures")
        .first()
    )
    if row is None or not isinstance(row[2], dict):
        return None
    pk, read_at = row[0], row[1]
    figures: dict[str, Any] = row[2]
    if read_at is None or read_at < now - READ_PRECISION:  # one write an hour at most, not one per view
        KeptReport.objects.filter(pk=pk).update(read_at=now)
    return figures


def keep(
    definition: str, request: ReportRequest, *, version: str, figures: dict[str, Any], seconds: float, read: bool = True
) -> None:
    """Keep `figures` for `request` at `version`, replacing what was kept; reports unread for `keep_days()` go.

    `read`: someone asked for the report (not warming), so it stays kept for `keep_days()` from now.
    """
    now = timezone.now()
    values: dict[str, Any] = {"version": version, "computed_at": now, "seconds": seconds, "figures": figures}
    if read:
        values["read_at"] = now
    try:
        with transaction.atomic():
            KeptReport.objects.update_or_create(**_key(definition, request), defaults=values)
    except IntegrityError:  # another request kept the same figures at the same moment: theirs will do
        pass
    KeptReport.objects.filter(read_at__lt=now - datetime.timedelta(days=keep_days())).delete()


def kept_report(
    user: Any, request: ReportRequest, *, definition: str = "1962", fresh: bool = False, read: bool = True
) -> tuple[Report, LiveFigures]:
    """The report of `request` from kept figures when the data have not changed; else computed and kept.

    The version is read before computing, so a change made while computing is seen on the next call.
    `fresh`: compute whatever is kept (and keep the result); `read`: False when warming. `user` only
    scopes: the caller checked that the area is in the user's jurisdiction, and the figures of an area are
    the same for every user.
    """
    build = DEFINITIONS[definition]
    version = report_version()
    found = None if fresh else kept_figures(definition, request, version)
    if found is not None:
        try:
            source = LiveFigures.from_recorded(user, request.as_of, found)
            return build(source, request), source
        except (KeyError, TypeError, ValueError, AttributeError):  # kept by an older shape: compute again
            pass
    started = time.perf_counter()
    source = LiveFigures(user=user, as_of=request.as_of)
    report = build(source, request)
    seconds = time.perf_counter() - started
    keep(definition, request, version=version, figures=source.recorded, seconds=seconds, read=read)
    return report, source


def warm(*, version: str | None = None) -> int:
    """Compute again the kept reports read in the last `keep_days()` whose data changed (or that are older
    than the maximum age), so that their next view reads kept figures. How many were computed."""
    version = version or report_version()
    now = timezone.now()
    fresh = now - datetime.timedelta(seconds=max_age())
    stale = (
        KeptReport.objects.filter(read_at__gte=now - datetime.timedelta(days=keep_days()))
        .exclude(version=version, computed_at__gte=fresh)
        .select_related("area")
        .order_by("area__path", "period_start", "as_of")
    )
    computed = 0
    for row in stale:
        if row.definition not in DEFINITIONS:
            continue
        period = f"{row.period_start.isoformat()}/{row.period_end.isoformat()}"
        request = ReportRequest(row.area, period, row.period_start, row.period_end, row.as_of)
        kept_report(None, request, definition=row.definition, fresh=True, read=False)
        computed += 1
    return computed
