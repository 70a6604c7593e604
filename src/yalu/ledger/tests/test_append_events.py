"""Appending movement events: checked as a batch, written in one transaction with the chain extended."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yalu.core.models import AuditEvent
from yalu.ledger.actions import append_events
from yalu.ledger.chain import event_hash
from yalu.ledger.models import LedgerHead, MovementEvent
from yalu.ledger.queries import verify_chain
from yalu.ledger.tests.conftest import area_id, event, write


def test_clerk_appends_a_crossing_and_its_outcome_and_the_chain_links_them(personas) -> None:
    # given a person of Longjing
    person = personas.longjing_person
    # when the clerk records a crossing at the Tumen sector, then the outcome that belongs to it
    (crossing,) = write(
        event(person, "crossing_detected", "1961-07-14", sector_id=area_id("T-222405"), unit="post 3"),
        user=personas.clerk_longjing,
    )
    (outcome,) = write(
        event(person, "persuaded_to_return", "1961-07", related_event_id=crossing.pk), user=personas.clerk_longjing
    )
    # then both are in the chain, in order, each hash covering the previous one
    assert (crossing.sequence, outcome.sequence) == (1, 2)
    assert crossing.prev_hash == "" and outcome.prev_hash == crossing.hash
    assert len(outcome.hash) == 64 and outcome.hash != crossing.hash
    assert outcome.recorded_by == personas.clerk_longjing
    # a month-precision outcome is ordered after the crossing it belongs to, never before
    assert outcome.occurred_on == datetime.date(1961, 7, 1) and outcome.ordered_on == datetime.date(1961, 7, 14)
    head = LedgerHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (2, outcome.hash)
    assert verify_chain().first_broken is None
    assert AuditEvent.objects.filter(action="create", object_type="ledger.movementevent").count() == 2


def test_the_hash_is_recomputable_from_the_stored_row(personas) -> None:
    (row,) = write(event(personas.longjing_person, "crossing_detected", "1961-03-02"))
    stored = MovementEvent.objects.filter(pk=row.pk).values().get()
    assert event_hash("", dict(stored)) == row.hash


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"event_type": "escaped"}, "event_type", "Unknown event type"),
        ({"sector_id": "county"}, "sector", "not a border sector"),
        ({"occurred_on": datetime.date(2999, 1, 1)}, "occurred_on", "in the future"),
        ({"occurred_on": datetime.date(1849, 12, 31)}, "occurred_on", "before 1850"),
        ({"occurred_precision": "month", "occurred_on": datetime.date(1961, 7, 3)}, "occurred_on", "first day"),
    ],
)
def test_a_bad_event_is_refused_with_the_field_named(personas, change, field, message) -> None:
    # given a good event and a bad one in the same batch
    good = event(personas.longjing_person, "crossing_detected", "1961-07-14")
    if change.get("sector_id") == "county":
        change = {"sector_id": area_id("222405")}
    bad = event(personas.longjing_person, "crossing_detected", "1961-07-15")
    bad = bad.__class__(**{**bad.__dict__, **change})
    # when both are appended
    with pytest.raises(ValidationError) as caught:
        write(good, bad)
    # then the error names the field and the event, and nothing was written
    assert field in caught.value.message_dict
    assert message in caught.value.message_dict[field][0]
    assert caught.value.message_dict[field][0].startswith("Event 2:")
    assert caught.value.by_index.keys() == {1}  # type: ignore[attr-defined]
    assert MovementEvent.objects.count() == 0


def test_an_outcome_must_belong_to_a_crossing_of_the_same_person_and_not_precede_it(personas) -> None:
    (crossing,) = write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    with pytest.raises(ValidationError) as other_person:
        write(event(personas.yanji_person, "returned_voluntarily", "1961-08-01", related_event_id=crossing.pk))
    assert "same person" in other_person.value.message_dict["related_event"][0]
    with pytest.raises(ValidationError) as before:
        write(event(personas.longjing_person, "handed_back", "1961-06", related_event_id=crossing.pk))
    assert "before its crossing" in before.value.message_dict["occurred_on"][0]
    assert MovementEvent.objects.count() == 1


def test_nothing_may_happen_after_the_persons_death(personas) -> None:
    person = personas.longjing_person
    write(event(person, "crossing_detected", "1961-07-14"), event(person, "died", "1961-07"))
    with pytest.raises(ValidationError) as caught:
        write(event(person, "crossing_detected", "1961-09-01"))
    assert "died before" in caught.value.message_dict["occurred_on"][0]
    # an event within the month of death is still possible
    write(event(person, "reported_abroad", "1961-07-20"))


def test_an_area_outside_the_clerks_jurisdiction_is_refused(personas) -> None:
    with pytest.raises(ValidationError) as caught:
        write(
            event(personas.longjing_person, "crossing_detected", "1961-07-14", area="222404"), user=personas.clerk_yanji
        )
    assert "outside your jurisdiction" in caught.value.message_dict["area"][0]


def test_a_user_without_the_permission_is_refused(personas) -> None:
    with pytest.raises(PermissionDenied):
        append_events(
            acting_user=personas.auditor, events=[event(personas.longjing_person, "crossing_detected", "1961-07-14")]
        )
    assert MovementEvent.objects.count() == 0


def test_many_events_in_one_call_use_a_fixed_number_of_queries(personas, django_assert_max_num_queries) -> None:
    person = personas.longjing_person
    events = [
        event(person, "crossing_detected", f"1961-{month:02d}-{day:02d}") for month in (1, 2) for day in range(1, 29)
    ]
    with django_assert_max_num_queries(16):
        rows = write(*events)
    assert [row.sequence for row in rows] == list(range(1, 57))
    assert verify_chain().checked == 56
