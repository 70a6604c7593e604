"""Deciding applications: the state machine, the reasons list, the jurisdiction, departures into the ledger."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yalu.core.errors import InvalidTransition
from yalu.ledger.models import MovementEvent
from yalu.permits.actions import AlreadyDecided, decide_application, record_departure, transition_application

DAY = datetime.date(1961, 5, 10)


def test_approval_then_departure_writes_a_legal_departure(permits) -> None:
    application = permits.application()
    transition_application(
        acting_user=permits.base.clerk_longjing, application=application, to_status="under_review", on=DAY
    )
    decided = decide_application(
        acting_user=permits.approver_yanbian, application=application, decision="approved", decided_on=DAY
    )
    assert (decided.status, decided.decision, decided.decided_by) == ("approved", "approved", permits.approver_yanbian)
    departed = record_departure(
        acting_user=permits.base.clerk_longjing, application=decided, departed_on=datetime.date(1961, 6, 1)
    )
    event = MovementEvent.objects.get(pk=int(departed.departure_event_id or 0))
    assert (event.event_type, event.person_id, event.occurred_on) == (
        "legal_departure",
        permits.base.longjing_person.pk,
        datetime.date(1961, 6, 1),
    )
    assert departed.decision == "approved"
    assert [t.to_status for t in departed.transitions.all()] == ["filed", "under_review", "approved", "departed"]


def test_denial_needs_a_reason_from_the_list(permits) -> None:
    application = permits.application()
    with pytest.raises(ValidationError) as error:
        decide_application(
            acting_user=permits.approver_yanbian, application=application, decision="denied", decided_on=DAY
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        decide_application(
            acting_user=permits.approver_yanbian,
            application=application,
            decision="denied",
            decided_on=DAY,
            reason="bad_weather",
        )
    assert "not in the list" in error.value.message_dict["reason"][0]
    application.refresh_from_db()
    assert application.status == "filed" and application.decided_on is None
    denied = decide_application(
        acting_user=permits.approver_yanbian,
        application=application,
        decision="denied",
        decided_on=DAY,
        reason="not_eligible",
    )
    assert denied.denial_reason is not None and denied.denial_reason.code == "not_eligible"


def test_decision_dated_before_filing_is_refused(permits) -> None:
    application = permits.application()
    with pytest.raises(ValidationError) as error:
        decide_application(
            acting_user=permits.approver_yanbian,
            application=application,
            decision="approved",
            decided_on=datetime.date(1961, 3, 1),
        )
    assert "before the filing" in error.value.message_dict["decided_on"][0]


def test_approver_outside_the_office_jurisdiction_is_refused(permits) -> None:
    application = permits.application()
    with pytest.raises(ValidationError) as error:
        decide_application(
            acting_user=permits.approver_dandong, application=application, decision="approved", decided_on=DAY
        )
    assert "no jurisdiction" in error.value.message_dict["decided_by"][0]
    application.refresh_from_db()
    assert application.status == "filed"


def test_a_clerk_cannot_approve(permits) -> None:
    application = permits.application()
    with pytest.raises(PermissionDenied):
        decide_application(
            acting_user=permits.base.clerk_longjing, application=application, decision="approved", decided_on=DAY
        )


def test_second_decision_is_told_it_was_already_decided(permits) -> None:
    application = permits.application()
    decide_application(acting_user=permits.fao, application=application, decision="approved", decided_on=DAY)
    with pytest.raises(AlreadyDecided) as error:
        decide_application(
            acting_user=permits.approver_yanbian,
            application=application,
            decision="denied",
            decided_on=DAY,
            reason="other",
        )
    assert "already decided" in str(error.value)


def test_departure_needs_an_approval(permits) -> None:
    application = permits.application()
    with pytest.raises(InvalidTransition):
        record_departure(acting_user=permits.base.clerk_longjing, application=application, departed_on=DAY)
