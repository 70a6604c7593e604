"""Pages: indicator definitions and values, violations, submissions and their approval, reporting, snapshots."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yalu.core.access import acting_user, requires
from yalu.core.errors import InvalidTransition
from yalu.core.forms import apply_validation_error
from yalu.statistics import actions
from yalu.statistics.access import access_snapshot, access_submission
from yalu.statistics.definitions import DEFINITIONS
from yalu.statistics.forms import (
    AreaPeriodForm,
    PeriodFiguresForm,
    SnapshotForm,
    SubmissionForm,
    TransitionForm,
    field_name,
)
from yalu.statistics.indicators import IndicatorValue, evaluate
from yalu.statistics.models import SubmissionStatus
from yalu.statistics.periods import parse_period
from yalu.statistics.queries import (
    awaiting_action,
    latest_year_with_figures,
    owed_indicators,
    reporting_of_units,
    snapshots_in_scope,
    submissions_in_scope,
)
from yalu.statistics.snapshots import figures_of, snapshot_changes, sources_of, take_snapshot
from yalu.statistics.validation import RULES, validate

VIEW = "statistics.view_aggregatesubmission"


def _area_period_form(request: HttpRequest) -> AreaPeriodForm:
    user: Any = request.user
    data = request.GET.copy()
    if not data.get("area") and user.jurisdiction is not None:
        data["area"] = user.jurisdiction.code
    if not data.get("period"):
        data["period"] = str(latest_year_with_figures(user))
    return AreaPeriodForm(data, user=user)


def _difference(value: IndicatorValue) -> float | None:
    total = value.reported_total
    if total is None or not isinstance(value.computed, int | float):
        return None
    return total.value - value.computed


@requires(VIEW)
def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/definitions.html", {"definitions": DEFINITIONS.values()})


@requires(VIEW)
def indicator_values(request: HttpRequest) -> HttpResponse:
    form = _area_period_form(request)
    rows = []
    if form.is_valid():
        start, end, as_of = form.dates()
        values = evaluate(request.user, area=form.cleaned_data["area"], period_start=start, period_end=end, as_of=as_of)
        rows = [(DEFINITIONS[code], value, _difference(value)) for code, value in values.items()]
    return render(
        request,
        "statistics/values.html",
        {"form": form, "rows": rows, "snapshot_form": SnapshotForm(), "query": request.GET.urlencode()},
    )


@requires(VIEW)
def violations(request: HttpRequest) -> HttpResponse:
    form = _area_period_form(request)
    found = []
    if form.is_valid():
        found = validate(request.user, area=form.cleaned_data["area"], period_text=form.cleaned_data["period"])
    labels = {rule: label for rule, (_severity, label) in RULES.items()}
    return render(
        request,
        "statistics/violations.html",
        {"form": form, "violations": [(v, labels[v.rule]) for v in found], "rules": RULES.items()},
    )


@requires(VIEW)
def submission_list(request: HttpRequest) -> HttpResponse:
    awaiting = request.GET.get("awaiting") == "1"
    submissions = awaiting_action(request.user) if awaiting else submissions_in_scope(request.user)
    status = request.GET.get("status", "")
    if status in SubmissionStatus.values:
        submissions = submissions.filter(status=status)
    indicator = request.GET.get("indicator", "").strip()
    if indicator:
        submissions = submissions.filter(indicator=indicator)
    page = Paginator(submissions.order_by("-submitted_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "statistics/submission_list.html",
        {
            "page": page,
            "status": status,
            "statuses": SubmissionStatus.choices,
            "indicator": indicator,
            "awaiting": awaiting,
        },
    )


@requires("statistics.add_aggregatesubmission")
def submission_create(request: HttpRequest) -> HttpResponse:
    form = SubmissionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = actions.record_submission(acting_user=acting_user(request), **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The figure was submitted."))
            return redirect("statistics:submission", submission_id=submission.pk)
    return render(request, "statistics/submission_form.html", {"form": form})


@requires("statistics.add_aggregatesubmission")
def submission_period(request: HttpRequest) -> HttpResponse:
    """The figures a unit owes for an area and period (every indicator when it owes none), entered together."""
    user = acting_user(request)
    data = request.POST if request.method == "POST" else request.GET
    codes = owed_indicators(user, area_code=data.get("area", ""), period=data.get("period", ""))
    form = PeriodFiguresForm(request.POST or None, user=user, codes=codes, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            recorded = actions.record_period_figures(
                acting_user=user,
                area=form.cleaned_data["area"],
                period=form.cleaned_data["period"],
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
                figures=form.figures(),
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                target = f"value_{field_name(field)}" if field in codes else field
                for message in field_errors:
                    form.add_error(target if target in form.fields else None, message)
        else:
            messages.success(request, _("%(count)s figures were submitted.") % {"count": len(recorded)})
            return redirect(f"{reverse('statistics:submissions')}?status=submitted")
    return render(request, "statistics/submission_period.html", {"form": form})


@requires(VIEW)
def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = access_submission(request.user, submission_id)
    context = {
        "submission": submission,
        "definition": DEFINITIONS.get(submission.indicator),
        "events": submission.events.select_related("actor"),
        "allowed": actions.allowed_transitions(request.user, submission),
        "form": TransitionForm(),
        "statuses": dict(SubmissionStatus.choices),
    }
    return render(request, "statistics/submission_detail.html", context)


@requires(VIEW)
def submission_transition(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = access_submission(request.user, submission_id)
    form = TransitionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("statistics:submission", submission_id=submission.pk)
    try:
        actions.transition_submission(
            acting_user=acting_user(request),
            submission=submission,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
        )
    except InvalidTransition as error:
        messages.error(request, _("This submission cannot go from %(current)s to %(requested)s.") % vars(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("You may not take this decision."))
    else:
        messages.success(request, _("Done."))
    return redirect("statistics:submission", submission_id=submission.pk)


@requires(VIEW)
def reporting(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    period = request.GET.get("period", "").strip() or str(latest_year_with_figures(user))
    error = ""
    units = []
    try:
        start, end = parse_period(period)
        units = reporting_of_units(user, period_start=start, period_end=end)
    except ValueError as problem:
        error = str(problem)
    return render(request, "statistics/reporting.html", {"period": period, "units": units, "error": error})


@requires("statistics.view_snapshot")
def snapshot_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(snapshots_in_scope(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "statistics/snapshot_list.html", {"page": page})


@requires("statistics.view_snapshot")
def snapshot_detail(request: HttpRequest, snapshot_id: uuid.UUID) -> HttpResponse:
    snapshot = access_snapshot(request.user, snapshot_id)
    figures = [
        (key, DEFINITIONS.get(key.partition("@")[0]), _figure_text(value), snapshot.sources.get(key, []))
        for key, value in snapshot.figures.items()
    ]
    context = {"snapshot": snapshot, "figures": figures, "changes": snapshot_changes(snapshot)}
    return render(request, "statistics/snapshot_detail.html", context)


def _figure_text(value: Any) -> str:
    """A frozen figure as one line: the computed value, then each reported one with its qualifier."""
    if not isinstance(value, dict) or "computed" not in value:
        return str(value)
    parts = [_("computed: %(value)s") % {"value": "—" if value["computed"] is None else value["computed"]}]
    for item in value.get("reported", []):
        breakdown = f" [{item['breakdown']}]" if item.get("breakdown") else ""
        parts.append(
            _("reported: %(value)s%(breakdown)s (%(qualifier)s)")
            % {"value": item.get("value"), "breakdown": breakdown, "qualifier": item.get("qualifier")}
        )
    return "; ".join(parts)


@requires("statistics.add_snapshot")
def snapshot_create(request: HttpRequest) -> HttpResponse:
    form = _area_period_form(request)
    title_form = SnapshotForm(request.POST or None)
    if request.method != "POST" or not form.is_valid() or not title_form.is_valid():
        messages.error(request, _("Give the snapshot a title, an area and a period."))
        return redirect(f"{_values_url()}?{request.GET.urlencode()}")
    start, end, as_of = form.dates()
    area = form.cleaned_data["area"]
    values = evaluate(request.user, area=area, period_start=start, period_end=end, as_of=as_of)
    try:
        snapshot = take_snapshot(
            acting_user=acting_user(request),
            title=title_form.cleaned_data["title"],
            area=area,
            period_text=form.cleaned_data["period"],
            as_of=as_of,
            figures=figures_of(values),
            sources=sources_of(values),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{_values_url()}?{request.GET.urlencode()}")
    return redirect("statistics:snapshot", snapshot_id=snapshot.pk)


def _values_url() -> str:
    return reverse("statistics:values")
