"""Application pages: file (alone or as a group), decide, record the departure; overdue list and ageing."""

from __future__ import annotations

import datetime

from yalu.permits.models import TravelApplication


def test_clerk_files_a_family_group_from_the_form(permits) -> None:
    letter = permits.letter()
    person = permits.base.longjing_person
    client = permits.client(permits.base.clerk_longjing)
    response = client.post(
        "/permits/applications/new/",
        {
            "office": str(letter.received_by_id),
            "person_ids": f"{person.pk}, {person.pk}",
            "filed_on": "1961-04-02",
            "purpose": "family_reunification",
            "letter_number": letter.number,
        },
    )
    assert response.status_code == 302
    rows = list(TravelApplication.objects.all())
    assert len(rows) == 2 and rows[0].group_ref == rows[1].group_ref and rows[0].letter == letter


def test_form_errors_are_shown_and_nothing_is_saved(permits) -> None:
    client = permits.client(permits.base.clerk_longjing)
    response = client.post(
        "/permits/applications/new/",
        {
            "office": str(permits.base.longjing_person.home_area_id),
            "person_ids": str(permits.base.longjing_person.pk),
            "filed_on": "1961-04-02",
            "purpose": "visit",
            "letter_number": "NO-SUCH-LETTER",
        },
    )
    assert response.status_code == 200
    assert "No letter with this number" in response.content.decode()
    assert not TravelApplication.objects.exists()


def test_approver_decides_and_the_clerk_records_the_departure(permits) -> None:
    application = permits.application()
    approver = permits.client(permits.approver_yanbian)
    response = approver.post(
        f"/permits/applications/{application.pk}/decide/",
        {"decision": "denied", "decided_on": "1961-04-01", "reason": "not_eligible"},
    )
    assert response.status_code == 200
    assert "before the filing" in response.content.decode()
    response = approver.post(
        f"/permits/applications/{application.pk}/decide/", {"decision": "approved", "decided_on": "1961-04-20"}
    )
    assert response.status_code == 302
    clerk = permits.client(permits.base.clerk_longjing)
    response = clerk.post(
        f"/permits/applications/{application.pk}/step/", {"to_status": "departed", "on": "1961-05-01"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.departed_on) == ("departed", datetime.date(1961, 5, 1))
    page = clerk.get(f"/permits/applications/{application.pk}/").content.decode()
    assert "1961-05-01" in page


def test_clerk_cannot_decide(permits) -> None:
    application = permits.application()
    client = permits.client(permits.base.clerk_longjing)
    response = client.post(
        f"/permits/applications/{application.pk}/decide/", {"decision": "approved", "decided_on": "1961-04-20"}
    )
    assert response.status_code == 403


def test_application_of_another_county_is_not_found(permits) -> None:
    application = permits.application()
    client = permits.client(permits.base.clerk_yanji)
    assert client.get(f"/permits/applications/{application.pk}/").status_code == 404


def test_overdue_list_and_ageing(permits) -> None:
    old = permits.application(filed_on=datetime.date(1961, 1, 2))
    client = permits.client(permits.base.clerk_longjing)
    response = client.get("/permits/applications/")
    assert response.status_code == 200
    assert [row.pk for row in response.context["overdue"]] == [old.pk]
    assert dict(response.context["ageing"])[">90"] == 1
    at_filing = client.get("/permits/applications/", {"on": "1961-01-20"})
    assert at_filing.context["overdue"] == [] and dict(at_filing.context["ageing"])["0–30"] == 1
