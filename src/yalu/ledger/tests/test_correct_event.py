"""Correcting an event: a later row supersedes it (or withdraws it); the wrong one stays in the ledger."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from yalu.ledger.actions import correct_event
from yalu.ledger.models import MovementEvent
from yalu.ledger.queries import person_status, verify_chain
from yalu.ledger.tests.conftest import event, write


def test_a_wrong_outcome_is_superseded_by_its_correction(personas) -> None:
    # given a crossing and an outcome recorded wrongly as a death
    person = personas.longjing_person
    (crossing,) = write(event(person, "crossing_detected", "1961-07-14"))
    (wrong,) = write(event(person, "died", "1961-07-20", related_event_id=crossing.pk))
    assert person_status(person) == "dead"
    # when the clerk corrects it
    fixed = correct_event(
        acting_user=personas.clerk_longjing,
        event=wrong,
        replacement=event(person, "returned_voluntarily", "1961-08-02", related_event_id=crossing.pk),
        reason="the drowned man was another person",
    )
    # then the correction counts, the wrong event is kept and points at it
    assert fixed.supersedes == wrong and fixed.correction_reason == "the drowned man was another person"
    assert MovementEvent.objects.get(pk=wrong.pk).superseded_by == fixed
    assert person_status(person) == "returned"
    assert MovementEvent.objects.count() == 3
    assert verify_chain().first_broken is None


def test_an_event_is_withdrawn_without_a_replacement(personas) -> None:
    person = personas.longjing_person
    (crossing,) = write(event(person, "crossing_detected", "1961-07-14"))
    void = correct_event(acting_user=personas.clerk_longjing, event=crossing, replacement=None, reason="entered twice")
    assert void.void and void.supersedes == crossing
    assert person_status(person) == "home"


def test_a_correction_needs_a_reason_and_an_event_is_corrected_once(personas) -> None:
    person = personas.longjing_person
    (crossing,) = write(event(person, "crossing_detected", "1961-07-14"))
    with pytest.raises(ValidationError) as no_reason:
        correct_event(acting_user=personas.clerk_longjing, event=crossing, replacement=None, reason=" ")
    assert "reason" in no_reason.value.message_dict["correction_reason"][0]
    correct_event(acting_user=personas.clerk_longjing, event=crossing, replacement=None, reason="entered twice")
    with pytest.raises(ValidationError) as twice:
        correct_event(acting_user=personas.clerk_longjing, event=crossing, replacement=None, reason="again")
    assert "already corrected" in twice.value.message_dict["supersedes"][0]
