"""Writes: exporting a published report (audited) and freezing a report's figures in a snapshot."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from yalu.core.audit import record_audit
from yalu.core.models import User
from yalu.reports.exports import render_export
from yalu.reports.figures import LiveFigures
from yalu.reports.freezing import snapshot_figures
from yalu.reports.tables import Report, publish


@transaction.atomic
def export_report(
    *,
    acting_user: User,
    report: Report,
    file_format: str,
    language: str,
    snapshot_id: Any = None,
    request: HttpRequest | None = None,
) -> bytes:
    """The report as it may leave the system (small counts withheld), in `file_format` and `language`."""
    content = render_export(publish(report), file_format=file_format, language=language)
    detail = {
        "definition": report.definition,
        "area": report.area.code,
        "period": report.period,
        "as_of": report.as_of.isoformat(),
        "format": file_format,
        "language": language,
    }
    if snapshot_id is not None:
        detail["snapshot"] = str(snapshot_id)
    record_audit(
        actor=acting_user,
        action="export",
        object_type="reports.report",
        object_id=report.definition,
        detail=detail,
        request=request,
    )
    return content


@transaction.atomic
def freeze_report(*, acting_user: User, report: Report, source: LiveFigures, title: str = "") -> Any:
    """A snapshot of every figure the report shows, with its sources (`yalu.statistics.snapshots`)."""
    from yalu.statistics.snapshots import take_snapshot

    figures, sources = snapshot_figures(
        source, area=report.area, period_start=report.period_start, period_end=report.period_end
    )
    figures["report"] = report.definition
    default_title = _("Report of %(area)s, %(period)s") % {"area": report.area.name, "period": report.period}
    return take_snapshot(
        acting_user=acting_user,
        title=title or default_title,
        area=report.area,
        period_text=report.period,
        as_of=report.as_of,
        figures=figures,
        sources=sources,
    )
