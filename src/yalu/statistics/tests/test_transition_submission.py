"""transition_submission: submitted → approved (province) → accepted (ministry); returned with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yalu.areas.models import Area
from yalu.conftest import Personas, make_user
from yalu.core.errors import InvalidTransition, NotFoundOrNotInScope
from yalu.core.models import User
from yalu.statistics.actions import record_submission, transition_submission
from yalu.statistics.models import AggregateSubmission


def _yanbian_figure(personas: Personas) -> AggregateSubmission:
    return record_submission(
        acting_user=personas.analyst_jilin,
        indicator="letter.received",
        area=Area.objects.get(code="222400"),
        period="1961",
        value=2667,
        source="Yanbian statistics",
    )


def test_approval_goes_up_the_hierarchy_with_who_and_when(personas: Personas, ministry: User) -> None:
    submission = _yanbian_figure(personas)
    transition_submission(acting_user=personas.analyst_jilin, submission=submission, to_status="approved")
    transition_submission(acting_user=ministry, submission=submission, to_status="accepted")
    submission.refresh_from_db()
    assert submission.status == "accepted"
    steps = [(e.from_status, e.to_status, e.actor.username if e.actor else None) for e in submission.events.all()]
    assert steps == [
        ("", "submitted", "analyst.jilin"),
        ("submitted", "approved", "analyst.jilin"),
        ("approved", "accepted", "ministry.mfa"),
    ]


def test_a_returned_submission_carries_its_reason(personas: Personas, ministry: User) -> None:
    submission = _yanbian_figure(personas)
    transition_submission(acting_user=personas.analyst_jilin, submission=submission, to_status="approved")
    with pytest.raises(ValidationError):
        transition_submission(acting_user=ministry, submission=submission, to_status="returned", reason=" ")
    transition_submission(acting_user=ministry, submission=submission, to_status="returned", reason="about, not exact")
    submission.refresh_from_db()
    assert submission.status == "returned"
    assert submission.events.last().reason == "about, not exact"  # type: ignore[union-attr]


def test_a_wrong_step_is_an_invalid_transition_not_a_permission_error(personas: Personas, ministry: User) -> None:
    submission = _yanbian_figure(personas)
    with pytest.raises(InvalidTransition):
        transition_submission(acting_user=ministry, submission=submission, to_status="accepted")
    reporting_officer = make_user("fao.yanbian", ["foreign_affairs"], "222400")
    with pytest.raises(PermissionDenied):
        transition_submission(acting_user=reporting_officer, submission=submission, to_status="approved")


def test_outside_the_jurisdiction_the_submission_is_not_found(personas: Personas) -> None:
    submission = record_submission(
        acting_user=None,
        indicator="crossing.persons",
        area=Area.objects.get(code="CN-LN"),
        period="1961",
        value=1,
        source="x",
    )
    with pytest.raises(NotFoundOrNotInScope):
        transition_submission(acting_user=personas.analyst_jilin, submission=submission, to_status="approved")
