"""Filing travel applications, alone or as a family group; refused for the dead and outside the jurisdiction."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from yalu.areas.models import Area
from yalu.ledger.actions import EventInput, append_events
from yalu.permits.actions import ApplicationInput, file_group_application
from yalu.permits.models import TravelApplication


def test_filed_application_starts_filed_with_its_letter(permits) -> None:
    letter = permits.letter()
    application = permits.application(letter=letter)
    assert application.status == "filed"
    assert application.transitions.get().to_status == "filed"
    assert list(letter.applications.all()) == [application]


def test_application_for_a_person_recorded_as_dead_is_refused(permits) -> None:
    person = permits.base.longjing_person
    append_events(
        acting_user=permits.base.clerk_longjing,
        events=[
            EventInput(
                person_id=person.pk,
                event_type="died",
                occurred_on=datetime.date(1961, 2, 1),
                occurred_precision="day",
                area_id=Area.objects.get(code="222405").pk,
            )
        ],
    )
    with pytest.raises(ValidationError) as error:
        permits.application(person=person)
    assert "recorded as dead" in error.value.message_dict["person"][0]
    assert not TravelApplication.objects.exists()


def test_office_outside_the_jurisdiction_is_refused(permits) -> None:
    with pytest.raises(ValidationError) as error:
        permits.application(office=Area.objects.get(code="222401"))
    assert "outside your jurisdiction" in error.value.message_dict["office"][0]


def test_unknown_purpose_is_refused(permits) -> None:
    with pytest.raises(ValidationError) as error:
        permits.application(purpose="tourism")
    assert "purpose" in error.value.message_dict


def test_family_group_shares_a_reference_and_fails_whole(permits) -> None:
    office = Area.objects.get(code="222405")
    person = permits.base.longjing_person
    rows = file_group_application(
        acting_user=permits.base.clerk_longjing,
        applications=[
            ApplicationInput(office=office, person=person, filed_on=datetime.date(1961, 5, 1), purpose="settlement"),
            ApplicationInput(office=office, person=person, filed_on=datetime.date(1961, 5, 1), purpose="settlement"),
        ],
    )
    assert len({row.group_ref for row in rows}) == 1 and rows[0].group_ref
    with pytest.raises(ValidationError):
        file_group_application(
            acting_user=permits.base.clerk_longjing,
            applications=[
                ApplicationInput(office=office, person=person, filed_on=datetime.date(1961, 5, 1), purpose="visit"),
                ApplicationInput(office=office, person=person, filed_on=datetime.date(1961, 5, 1), purpose="bad"),
            ],
        )
    assert TravelApplication.objects.count() == 2
