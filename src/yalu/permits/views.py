"""Pages of permits: the funnel by office and period, letters, applications and their decisions."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.core.access import acting_user, requires
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition, NotFoundOrNotInScope
from yalu.core.forms import apply_validation_error
from yalu.people.access import access_person
from yalu.permits import actions
from yalu.permits.access import access_application, access_letter
from yalu.permits.forms import ApplicationForm, DecisionForm, LetterForm, ReportForm, TransitionForm
from yalu.permits.models import AuthorizationLetter
from yalu.permits.queries import (
    ageing,
    applications_in_scope,
    expired_unused_letters,
    funnel_table,
    letters_in_scope,
    overdue_applications,
)
from yalu.permits.reporting import ReportArgumentError, report_arguments

FUNNEL_COLUMNS = (
    "letter.received",
    "application.filed",
    "application.approved",
    "application.denied",
    "application.withdrawn",
    "application.pending",
    "application.overdue",
    "median",
    "p90",
    "departure.legal",
    "reunification.requested",
    "reunification.travelled",
)


def funnel_row(figures: dict[str, Any]) -> list[Any]:
    days = figures["application.days_to_decision"]
    return [days[column] if column in ("median", "p90") else figures[column] for column in FUNNEL_COLUMNS]


@requires("permits.view_travelapplication")
def funnel(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    default_area = user.jurisdiction.code if user.jurisdiction else "CN"
    form = ReportForm(request.GET or {"area": default_area, "period": str(timezone.localdate().year)})
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            arguments = report_arguments(
                data["area"], data["period"], data["as_of"].isoformat() if data["as_of"] else ""
            )
        except ReportArgumentError as error:
            form.add_error(None, str(error))
        else:
            table = funnel_table(
                user,
                area=arguments.area,
                period_start=arguments.period_start,
                period_end=arguments.period_end,
                as_of=arguments.as_of,
            )
            context.update(
                table=[(area, funnel_row(figures), area.depth - arguments.area.depth) for area, figures in table],
                arguments=arguments,
                ageing=ageing(user, area=arguments.area, on=arguments.period_end),
            )
    return render(request, "permits/funnel.html", context)


@requires("permits.view_authorizationletter")
def letter_list(request: HttpRequest) -> HttpResponse:
    expired = request.GET.get("expired") == "1"
    letters = (
        expired_unused_letters(request.user, today=timezone.localdate())
        if expired
        else letters_in_scope(request.user).order_by("-received_on", "-id")
    )
    page = Paginator(letters, 50).get_page(request.GET.get("page"))
    return render(request, "permits/letter_list.html", {"page": page, "expired": expired})


@requires("permits.add_authorizationletter")
def letter_create(request: HttpRequest) -> HttpResponse:
    form = LetterForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitee = access_person(request.user, data["invitee_id"]) if data["invitee_id"] else None
        except NotFoundOrNotInScope:
            form.add_error("invitee_id", _("No person with this number in your jurisdiction."))
        else:
            try:
                letter = actions.record_letter(
                    acting_user=acting_user(request),
                    letter=actions.LetterInput(
                        number=data["number"],
                        issued_on=data["issued_on"],
                        issued_by=data["issued_by"],
                        received_on=data["received_on"],
                        received_by=data["received_by"],
                        invitee_name=data["invitee_name"],
                        valid_until=data["valid_until"],
                        invitee=invitee,
                        invitee_birth_year=data["invitee_birth_year"],
                        inviter_name=data["inviter_name"],
                        inviter_relation=data["inviter_relation"],
                        inviter_address=data["inviter_address"],
                    ),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The letter was recorded."))
                return redirect("permits:letter_detail", letter_id=letter.pk)
    return render(request, "permits/form.html", {"form": form, "title": _("Record an authorization letter")})


@requires("permits.view_authorizationletter")
def letter_detail(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = access_letter(request.user, letter_id)
    record_audit(actor=request.user, action="view", target=letter, request=request)
    applications = applications_in_scope(request.user).filter(letter=letter)
    return render(request, "permits/letter_detail.html", {"letter": letter, "applications": applications})


@requires("permits.view_travelapplication")
def application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    applications = applications_in_scope(request.user).order_by("-filed_on", "-id")
    if status:
        applications = applications.filter(status=status)
    try:
        today = datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        today = timezone.localdate()
    context = {
        "page": Paginator(applications, 50).get_page(request.GET.get("page")),
        "status": status,
        "overdue": overdue_applications(request.user, on=today)[:200],
        "ageing": ageing(request.user, on=today),
        "today": today,
    }
    return render(request, "permits/application_list.html", context)


@requires("permits.add_travelapplication")
def application_create(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            persons = [access_person(request.user, person_id) for person_id in data["person_ids"]]
        except NotFoundOrNotInScope:
            form.add_error("person_ids", _("No person with this number in your jurisdiction."))
            persons = []
        letter = None
        if data["letter_number"]:
            letter = AuthorizationLetter.objects.filter(number=data["letter_number"].strip()).first()
            if letter is None:
                form.add_error("letter_number", _("No letter with this number is recorded."))
        if persons and not form.errors:
            inputs = [
                actions.ApplicationInput(
                    office=data["office"],
                    person=person,
                    filed_on=data["filed_on"],
                    purpose=data["purpose"],
                    letter=letter,
                    note=data["note"],
                )
                for person in persons
            ]
            try:
                rows = actions.file_group_application(acting_user=acting_user(request), applications=inputs)
            except ValidationError as error:
                apply_validation_error(form, error, default_field="person_ids")
            else:
                messages.success(request, _("The application was filed."))
                return redirect("permits:application_detail", application_id=rows[0].pk)
    return render(request, "permits/form.html", {"form": form, "title": _("File a travel application")})


@requires("permits.view_travelapplication")
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access_application(request.user, application_id)
    record_audit(actor=request.user, action="view", target=application, request=request)
    context = {
        "application": application,
        "transitions": application.transitions.select_related("actor"),
        "group": applications_in_scope(request.user).filter(group_ref=application.group_ref).exclude(pk=application.pk)
        if application.group_ref
        else [],
        "decision_form": DecisionForm(),
        "transition_form": TransitionForm(),
        "can_decide": request.user.has_perm("permits.decide_travelapplication"),
        "can_change": request.user.has_perm("permits.change_travelapplication"),
    }
    return render(request, "permits/application_detail.html", context)


def _apply_step(request: HttpRequest, form: Any, step: Any) -> HttpResponse | None:
    try:
        step()
    except ValidationError as error:
        apply_validation_error(form, error)
    except InvalidTransition as error:
        form.add_error(None, str(error))
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("You may not do this."))
    else:
        messages.success(request, _("The application was updated."))
        return None
    return render(request, "permits/form.html", {"form": form, "title": _("The application was not changed")})


@requires("permits.decide_travelapplication")
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access_application(request.user, application_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        failed = _apply_step(
            request,
            form,
            lambda: actions.decide_application(
                acting_user=acting_user(request),
                application=application,
                decision=data["decision"],
                decided_on=data["decided_on"],
                reason=data["reason"],
                note=data["note"],
            ),
        )
        if failed is not None:
            return failed
        return redirect("permits:application_detail", application_id=application.pk)
    return render(request, "permits/form.html", {"form": form, "title": _("Decide the application")})


@requires("permits.change_travelapplication")
def application_transition(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access_application(request.user, application_id)
    form = TransitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        failed = _apply_step(
            request,
            form,
            lambda: actions.transition_application(
                acting_user=acting_user(request),
                application=application,
                to_status=data["to_status"],
                on=data["on"],
                note=data["note"],
            ),
        )
        if failed is not None:
            return failed
        return redirect("permits:application_detail", application_id=application.pk)
    return render(request, "permits/form.html", {"form": form, "title": _("Next step of the application")})
