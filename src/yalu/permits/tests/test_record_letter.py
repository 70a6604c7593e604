"""Recording an authorization letter: the invitee is matched to the registry; bad letters are refused whole."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yalu.permits.models import AuthorizationLetter


def test_letter_is_matched_to_the_registry_across_scripts(permits) -> None:
    letter = permits.letter(invitee_name="朴成哲")
    assert letter.invitee == permits.base.longjing_person
    assert letter.invitee_match == "certain"


def test_same_name_other_birth_year_is_only_likely(permits) -> None:
    letter = permits.letter(invitee_name="박성철", invitee_birth_year=1940)
    assert letter.invitee is None
    assert (letter.invitee_match, letter.invitee_candidate) == ("likely", permits.base.longjing_person)


def test_letter_for_an_unknown_area_is_refused(permits) -> None:
    with pytest.raises(ValidationError) as error:
        permits.letter(received_by=None)
    assert "received_by" in error.value.message_dict
    assert not AuthorizationLetter.objects.exists()


def test_letter_received_before_issue_is_refused(permits) -> None:
    with pytest.raises(ValidationError) as error:
        permits.letter(received_on=datetime.date(1961, 2, 1))
    assert "received_on" in error.value.message_dict


def test_letter_numbers_are_unique(permits) -> None:
    permits.letter()
    with pytest.raises(ValidationError) as error:
        permits.letter()
    assert "number" in error.value.message_dict
    assert AuthorizationLetter.objects.count() == 1


def test_a_clerk_cannot_register_letters(permits) -> None:
    from yalu.permits.actions import LetterInput, record_letter

    with pytest.raises(PermissionDenied):
        record_letter(
            acting_user=permits.base.clerk_longjing,
            letter=LetterInput(
                number="X",
                issued_on=datetime.date(1961, 1, 1),
                issued_by="x",
                received_on=datetime.date(1961, 1, 2),
                received_by=None,
                invitee_name="x",
            ),
        )
