"""Letter pages: record from the form, and the list of letters that expired unused."""

from __future__ import annotations

import datetime

from yalu.areas.models import Area
from yalu.permits.models import AuthorizationLetter


def test_officer_records_a_letter(permits) -> None:
    client = permits.client(permits.fao)
    response = client.post(
        "/permits/letters/new/",
        {
            "number": "KP-1961-0001",
            "issued_by": "조선 외무성",
            "issued_on": "1961-02-01",
            "valid_until": "1961-08-01",
            "received_on": "1961-02-15",
            "received_by": str(Area.objects.get(code="222405").pk),
            "invitee_name": "Pak Song Chol",
            "invitee_birth_year": "1931",
        },
    )
    assert response.status_code == 302
    letter = AuthorizationLetter.objects.get(number="KP-1961-0001")
    assert letter.invitee == permits.base.longjing_person
    assert "KP-1961-0001" in client.get(f"/permits/letters/{letter.pk}/").content.decode()


def test_letters_expired_unused_are_listed(permits) -> None:
    unused = permits.letter("L-unused")
    used = permits.letter("L-used", invitee_name="김영숙")
    permits.application(letter=used, filed_on=datetime.date(1961, 4, 1))
    permits.letter("L-open", valid_until=None)
    response = permits.client(permits.fao).get("/permits/letters/", {"expired": "1"})
    assert [letter.number for letter in response.context["page"]] == [unused.number]


def test_clerk_may_not_record_letters(permits) -> None:
    assert permits.client(permits.base.clerk_longjing).get("/permits/letters/new/").status_code == 403
