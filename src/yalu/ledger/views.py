"""Pages of the ledger: crossing statistics, crossing incidents and their outcomes, handback lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yalu.core.access import acting_user, requires
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition
from yalu.core.forms import apply_validation_error
from yalu.ledger import actions
from yalu.ledger.access import access_event, access_handback_item, access_handback_list
from yalu.ledger.forms import (
    CorrectionForm,
    CrossingReportForm,
    DisputeForm,
    IncidentForm,
    MatchForm,
    OutcomeForm,
    ReconciliationForm,
)
from yalu.ledger.models import EventType, HandbackStatus, MovementEvent
from yalu.ledger.queries import (
    INDICATORS,
    crossing_table,
    events_in_scope,
    handback_lists_in_scope,
    incident_events,
    reconciliation,
)
from yalu.people.access import access_person


def _default_period(user: Any) -> str:
    """The latest year with crossings in scope, passing over a year only just begun (data of January 1962 → 1961)."""
    latest = events_in_scope(user).filter(event_type=EventType.CROSSING_DETECTED).aggregate(last=Max("occurred_on"))
    last = latest["last"] or datetime.date.today()  # noqa: DTZ011 (a year is enough)
    return str((last - datetime.timedelta(days=90)).year)


@requires("ledger.view_movementevent")
def crossing_statistics(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.GET if "period" in request.GET else None
    initial = {"period": _default_period(user), "area": getattr(user, "jurisdiction", None)}
    form = CrossingReportForm(data, user=user, initial=initial)
    table: list[Any] = []
    jurisdiction = getattr(user, "jurisdiction", None)
    if data is None and jurisdiction is not None:
        form = CrossingReportForm({"period": initial["period"], "area": jurisdiction.pk}, user=user)
    if form.is_bound and form.is_valid():
        area = form.cleaned_data["area"]
        start, end = form.cleaned_data["period"]
        as_of = form.cleaned_data["as_of"] or end
        table = [
            (row, [figures[code] for code in INDICATORS], "· " * (row.depth - area.depth))
            for row, figures in crossing_table(user, area=area, period_start=start, period_end=end, as_of=as_of)
        ]
        context_period: dict[str, Any] = {"start": start, "end": end, "as_of": as_of}
    else:
        context_period = {}
    return render(
        request,
        "ledger/crossing_statistics.html",
        {"form": form, "table": table, "indicators": INDICATORS, **context_period},
    )


@requires("ledger.add_movementevent")
def incident_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = IncidentForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        persons = []
        for person_id in data["person_ids"]:
            try:
                persons.append(access_person(user, person_id))
            except Http404:
                form.add_error(
                    "person_ids", _("No person with number %(id)s in your jurisdiction.") % {"id": person_id}
                )
        if not form.errors:
            occurred_on, precision = data["occurred"]
            try:
                group_ref, _events = actions.record_crossing_incident(
                    acting_user=user,
                    occurred_on=occurred_on,
                    occurred_precision=precision,
                    area=data["area"],
                    persons=persons,
                    described=data["described"],
                    unit=data["unit"],
                    group_ref=data["group_ref"],
                    note=data["note"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The crossing was recorded. Record the outcomes when they are known."))
                return redirect("ledger:incident", group_ref=group_ref)
    return render(request, "ledger/incident_form.html", {"form": form})


@requires("ledger.view_movementevent")
def incident_detail(request: HttpRequest, group_ref: str) -> HttpResponse:
    events = list(incident_events(request.user, group_ref))
    crossings = [e for e in events if e.event_type == EventType.CROSSING_DETECTED and not e.void]
    if not crossings:
        raise Http404("no such incident")
    outcomes = {
        e.related_event_id: e
        for e in events_in_scope(request.user).filter(
            related_event__in=crossings, void=False, superseded_by__isnull=True
        )
    }
    rows = [
        IncidentRow(
            crossing=crossing,
            outcome=outcomes.get(crossing.pk),
            form=None
            if crossing.pk in outcomes or is_superseded(crossing)
            else OutcomeForm(request.POST or None, prefix=str(crossing.pk)),
        )
        for crossing in crossings
    ]
    can_add = request.user.has_perm("ledger.add_movementevent")
    if request.method == "POST" and can_add:
        open_rows = [(row.crossing, row.form) for row in rows if row.form is not None]
        if all(form.is_valid() for _crossing, form in open_rows):
            chosen = [(crossing, form.cleaned_data) for crossing, form in open_rows if form.cleaned_data.get("outcome")]
            try:
                actions.append_events(
                    acting_user=acting_user(request),
                    events=[
                        actions.EventInput(
                            person_id=crossing.person_id,
                            event_type=data["outcome"],
                            occurred_on=data["occurred"][0],
                            occurred_precision=data["occurred"][1],
                            area_id=crossing.area_id,
                            sector_id=crossing.sector_id,
                            related_event_id=crossing.pk,
                            group_ref=group_ref,
                        )
                        for crossing, data in chosen
                    ],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                if chosen:
                    messages.success(request, _("The outcomes were recorded."))
                return redirect("ledger:incident", group_ref=group_ref)
    return render(
        request,
        "ledger/incident_detail.html",
        {"group_ref": group_ref, "rows": rows, "events": events, "can_add": can_add},
    )


@dataclass
class IncidentRow:
    crossing: MovementEvent
    outcome: MovementEvent | None
    form: OutcomeForm | None


def is_superseded(event: MovementEvent) -> bool:
    try:
        return event.superseded_by is not None
    except MovementEvent.superseded_by.RelatedObjectDoesNotExist:
        return False


@requires("ledger.add_movementevent")
def event_withdraw(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(request.user, event_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_event(
                acting_user=acting_user(request), event=event, replacement=None, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_validation_error(form, error, default_field="reason")
        else:
            messages.success(request, _("The event was withdrawn; it stays in the ledger with your reason."))
            return redirect("people:detail", person_id=event.person_id)
    return render(request, "ledger/event_withdraw.html", {"form": form, "event": event})


@requires("ledger.view_handbacklist")
def handback_lists(request: HttpRequest) -> HttpResponse:
    form = ReconciliationForm(request.GET or None)
    lists = handback_lists_in_scope(request.user)
    period = form.cleaned_data["period"] if form.is_valid() else None
    if period is not None:
        lists = lists.filter(handed_over_on__gte=period[0], handed_over_on__lte=period[1])
    summaries = [(handback_list, reconciliation(lists.filter(pk=handback_list.pk))) for handback_list in lists]
    return render(
        request,
        "ledger/handback_lists.html",
        {"form": form, "summaries": summaries, "total": reconciliation(lists), "period": period},
    )


@requires("ledger.view_handbacklist")
def handback_list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    handback_list = access_handback_list(request.user, list_id)
    form = ReconciliationForm(request.GET or None)
    items = (
        handback_list.items.select_related("matched_person", "handed_back_event")
        .prefetch_related("versions")
        .order_by("id")
    )
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    if status:
        items = items.filter(status=status)
    record_audit(actor=request.user, action="view", target=handback_list, request=request)
    return render(
        request,
        "ledger/handback_list_detail.html",
        {
            "handback_list": handback_list,
            "items": items,
            "summary": reconciliation(handback_lists_in_scope(request.user).filter(pk=handback_list.pk)),
            "form": form,
            "statuses": HandbackStatus,
            "can_change": request.user.has_perm("ledger.change_handbackitem"),
            "can_confirm": request.user.has_perm("ledger.confirm_handbackitem"),
            "dispute_form": DisputeForm(),
            "match_form": MatchForm(),
        },
    )


def _item_action(request: HttpRequest, list_id: int, item_id: int, action: str) -> HttpResponse:
    user = acting_user(request)
    item = access_handback_item(user, list_id, item_id)
    try:
        if action == "confirm":
            actions.confirm_handback_item(acting_user=user, item=item)
        elif action == "dispute":
            form = DisputeForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            actions.dispute_handback_item(acting_user=user, item=item, reason=reason)
        elif action == "unmatch":
            actions.match_handback_item(acting_user=user, item=item, person=None)
        else:
            match_form = MatchForm(request.POST)
            if not match_form.is_valid():
                raise ValidationError({"person_id": _("Give the person's record number.")})
            person = access_person(user, match_form.cleaned_data["person_id"])
            actions.match_handback_item(acting_user=user, item=item, person=person)
    except InvalidTransition as error:
        messages.error(
            request,
            _("This item cannot go from %(current)s to %(requested)s.")
            % {"current": HandbackStatus(error.current).label, "requested": HandbackStatus(error.requested).label},
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"{item.ref}: {message}")
    except Http404:
        messages.error(request, _("No person with this number in your jurisdiction."))
    else:
        messages.success(
            request, _("Item %(ref)s: %(status)s.") % {"ref": item.ref, "status": item.get_status_display()}
        )
    return redirect("ledger:handback_list", list_id=list_id)


@require_POST
@requires("ledger.confirm_handbackitem")
def handback_item_confirm(request: HttpRequest, list_id: int, item_id: int) -> HttpResponse:
    return _item_action(request, list_id, item_id, "confirm")


@require_POST
@requires("ledger.change_handbackitem")
def handback_item_dispute(request: HttpRequest, list_id: int, item_id: int) -> HttpResponse:
    return _item_action(request, list_id, item_id, "dispute")


@require_POST
@requires("ledger.change_handbackitem")
def handback_item_match(request: HttpRequest, list_id: int, item_id: int) -> HttpResponse:
    return _item_action(request, list_id, item_id, "match")


@require_POST
@requires("ledger.change_handbackitem")
def handback_item_unmatch(request: HttpRequest, list_id: int, item_id: int) -> HttpResponse:
    return _item_action(request, list_id, item_id, "unmatch")
