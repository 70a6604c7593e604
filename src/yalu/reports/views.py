"""Pages: the report for an area, period and report date (exact counts, in scope), its exports, freezing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yalu.core.access import acting_user, requires
from yalu.reports import actions
from yalu.reports.access import access_snapshot
from yalu.reports.charts import report_charts
from yalu.reports.exports import FORMATS, LANGUAGES
from yalu.reports.forms import ReportForm
from yalu.reports.queries import build_report, snapshot_report
from yalu.reports.tables import Report, legend_text

EXPORT_LANGUAGES = [("zh-hans", "中文"), ("ko", "한국어"), ("en", "English")]


def _form(request: HttpRequest) -> ReportForm:
    user: Any = request.user
    data = request.GET if "period" in request.GET else None
    initial = {"area": user.jurisdiction.code if user.jurisdiction else "CN", "period": "1961"}
    return ReportForm(data, user=user, initial=initial)


def _context(report: Report, **extra: Any) -> dict[str, Any]:
    return {"report": report, "charts": report_charts(report.series), "legend": legend_text(), **extra}


@requires("reports.view_report")
def report_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, Any] = {"form": form, "formats": list(FORMATS), "languages": EXPORT_LANGUAGES}
    if form.is_bound and form.is_valid():
        wanted = form.report_request
        report, _source = build_report(request.user, area=wanted.area, period=wanted.period, as_of=wanted.as_of)
        query = {"area": wanted.area.code, "period": wanted.period, "as_of": wanted.as_of.isoformat()}
        context.update(_context(report, query=urlencode(query), query_items=query))
        context["can_freeze"] = request.user.has_perm("statistics.add_snapshot")
    return render(request, "reports/report_page.html", context)


def _attachment(content: bytes, *, file_format: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def _export_language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or get_language() or "zh-hans"
    return language.lower() if language.lower() in LANGUAGES else ""


@requires("reports.view_report")
def report_export(request: HttpRequest, file_format: str) -> HttpResponse:
    form = _form(request)
    language = _export_language(request)
    if file_format not in FORMATS or not language or not form.is_bound or not form.is_valid():
        errors = form.errors.as_text() if form.is_bound else _("Give an area, a period and a report date.")
        return HttpResponseBadRequest(errors or _("Use csv, xlsx or pdf, in zh-hans, ko or en."))
    wanted = form.report_request
    report, _source = build_report(request.user, area=wanted.area, period=wanted.period, as_of=wanted.as_of)
    content = actions.export_report(
        acting_user=acting_user(request), report=report, file_format=file_format, language=language, request=request
    )
    name = f"report-1962-{wanted.area.code}-{wanted.period.replace('/', '_')}-{language}"
    return _attachment(content, file_format=file_format, name=name)


@require_POST
@requires("statistics.add_snapshot")
def report_freeze(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("reports:report")
    wanted = form.report_request
    # a snapshot freezes figures computed now, never kept ones
    report, source = build_report(request.user, area=wanted.area, period=wanted.period, as_of=wanted.as_of, fresh=True)
    try:
        snapshot = actions.freeze_report(
            acting_user=acting_user(request), report=report, source=source, title=request.POST.get("title", "")[:200]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            reverse("reports:report") + "?" + urlencode({"area": wanted.area.code, "period": wanted.period})
        )
    messages.success(request, _("The figures were frozen in snapshot %(id)s.") % {"id": snapshot.pk})
    return redirect("reports:snapshot", snapshot_id=snapshot.pk)


@requires("reports.view_report")
def snapshot_page(request: HttpRequest, snapshot_id: str) -> HttpResponse:
    from yalu.statistics.snapshots import snapshot_changes

    snapshot = access_snapshot(request.user, snapshot_id)
    report = snapshot_report(snapshot)
    context = _context(
        report, snapshot=snapshot, changes=snapshot_changes(snapshot), formats=list(FORMATS), languages=EXPORT_LANGUAGES
    )
    return render(request, "reports/snapshot_page.html", context)


@requires("reports.view_report")
def snapshot_export(request: HttpRequest, snapshot_id: str, file_format: str) -> HttpResponse:
    snapshot = access_snapshot(request.user, snapshot_id)
    language = _export_language(request)
    if file_format not in FORMATS or not language:
        return HttpResponseBadRequest(_("Use csv, xlsx or pdf, in zh-hans, ko or en."))
    content = actions.export_report(
        acting_user=acting_user(request),
        report=snapshot_report(snapshot),
        file_format=file_format,
        language=language,
        snapshot_id=snapshot.pk,
        request=request,
    )
    return _attachment(content, file_format=file_format, name=f"snapshot-{snapshot.pk}-{language}")
