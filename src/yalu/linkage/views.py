"""Pages of linkage: the review queue, one candidate side by side with its decision, and the runs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yalu.core.access import acting_user, requires
from yalu.core.errors import InvalidTransition
from yalu.core.forms import apply_validation_error
from yalu.linkage import actions
from yalu.linkage.access import access_candidate, access_list_to_link, access_run
from yalu.linkage.forms import DecisionForm, StartListRunForm, StartRunForm
from yalu.linkage.models import CANDIDATE_TRANSITIONS, CandidateStatus, RunKind
from yalu.linkage.presentation import reasons_of, sides_of
from yalu.linkage.queries import candidates_in_scope, lists_to_link, runs


@requires("linkage.view_linkcandidate")
def review_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", CandidateStatus.PENDING)
    if status not in CandidateStatus.values:
        status = CandidateStatus.PENDING
    page = Paginator(candidates_in_scope(request.user, status=status), 20).get_page(request.GET.get("page"))
    rows = [(candidate, *sides_of(candidate, request.user), reasons_of(candidate)) for candidate in page]
    return render(
        request,
        "linkage/review_queue.html",
        {"page": page, "rows": rows, "status": status, "statuses": CandidateStatus.choices},
    )


def _candidate_page(request: HttpRequest, candidate_id: int, form: DecisionForm | None = None) -> HttpResponse:
    candidate = access_candidate(request.user, candidate_id)
    left, right = sides_of(candidate, request.user)
    allowed = CANDIDATE_TRANSITIONS.get(candidate.status, set())
    form = form or DecisionForm(allowed=allowed)
    context = {
        "candidate": candidate,
        "left": left,
        "right": right,
        "reasons": reasons_of(candidate),
        "form": form,
        "can_decide": request.user.has_perm("linkage.change_linkcandidate") and bool(allowed),
    }
    return render(request, "linkage/candidate_detail.html", context)


@requires("linkage.view_linkcandidate")
def candidate_detail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    return _candidate_page(request, candidate_id)


@require_POST
@requires("linkage.change_linkcandidate")
def candidate_decide(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = access_candidate(request.user, candidate_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.transition_candidate(
                acting_user=acting_user(request),
                candidate=candidate,
                to=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error, default_field="reason")
        except InvalidTransition as error:
            form.add_error(
                "decision",
                _("This candidate is %(current)s: it cannot become %(requested)s.")
                % {"current": error.current, "requested": error.requested},
            )
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("linkage:queue")
    return _candidate_page(request, candidate_id, form)


def _runs_page(
    request: HttpRequest,
    *,
    form: StartRunForm | None = None,
    list_form: StartListRunForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = Paginator(runs(request.user), 20).get_page(request.GET.get("page") if status == 200 else 1)
    lists = lists_to_link(request.user)
    context = {
        "page": page,
        "form": form or StartRunForm(),
        "list_form": list_form or (StartListRunForm(lists=lists) if lists is not None else None),
        "can_start": request.user.has_perm("linkage.add_linkagerun"),
    }
    return render(request, "linkage/run_list.html", context, status=status)


@requires("linkage.view_linkagerun")
def run_list(request: HttpRequest) -> HttpResponse:
    return _runs_page(request)


@require_POST
@requires("linkage.add_linkagerun")
def run_start(request: HttpRequest) -> HttpResponse:
    form = StartRunForm(request.POST)
    if not form.is_valid():
        return _runs_page(request, form=form, status=400)
    run = actions.start_linkage_run(
        acting_user=acting_user(request), kind=RunKind.DEDUPE, threshold=form.cleaned_data["threshold"]
    )
    messages.success(request, _("The linkage run was queued."))
    return redirect("linkage:run", run_id=run.pk)


@require_POST
@requires("linkage.add_linkagerun")
def run_start_list(request: HttpRequest) -> HttpResponse:
    """Link the items of a handback list received in the user's jurisdiction (else not found) to the registry."""
    form = StartListRunForm(request.POST, lists=lists_to_link(request.user))
    if not form.is_valid():
        return _runs_page(request, list_form=form, status=400)
    handback_list = access_list_to_link(request.user, form.cleaned_data["handback_list"])
    try:
        run = actions.start_linkage_run(
            acting_user=acting_user(request),
            kind=RunKind.LIST,
            source=handback_list,
            threshold=form.cleaned_data["threshold"],
        )
    except ValidationError as error:
        apply_validation_error(form, error, default_field="handback_list")
        return _runs_page(request, list_form=form, status=400)
    messages.success(request, _("The linkage run was queued."))
    return redirect("linkage:run", run_id=run.pk)


@requires("linkage.view_linkagerun")
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access_run(request.user, run_id)
    template = "linkage/_run_progress.html" if request.headers.get("HX-Request") else "linkage/run_detail.html"
    return render(request, template, {"run": run, "job": run.job})
