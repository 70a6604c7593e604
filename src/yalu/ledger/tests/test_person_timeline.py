"""The person's record shows their status and timeline, corrections included; withdrawing from there."""

from __future__ import annotations

from yalu.ledger.actions import correct_event
from yalu.ledger.models import MovementEvent
from yalu.ledger.tests.conftest import event, write


def test_record_page_shows_status_and_timeline(personas) -> None:
    person = personas.longjing_person
    (crossing,) = write(event(person, "crossing_detected", "1961-07-14", unit="post 3"))
    (wrong,) = write(event(person, "died", "1961-07-20", related_event_id=crossing.pk))
    correct_event(
        acting_user=personas.clerk_longjing,
        event=wrong,
        replacement=event(person, "reported_abroad", "1961-08", related_event_id=crossing.pk),
        reason="seen alive in Hoeryong",
    )
    response = personas.client(personas.analyst_jilin).get(f"/people/{person.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "status-abroad" in page
    assert "seen alive in Hoeryong" in page and "post 3" in page
    assert page.index("1961-07-14") < page.index("1961-08")


def test_clerk_withdraws_an_event_with_a_reason(personas) -> None:
    person = personas.longjing_person
    (crossing,) = write(event(person, "crossing_detected", "1961-07-14"))
    client = personas.client(personas.clerk_longjing)
    assert client.post(f"/ledger/events/{crossing.pk}/withdraw/", {"reason": ""}).status_code == 200
    response = client.post(f"/ledger/events/{crossing.pk}/withdraw/", {"reason": "entered twice"})
    assert response.status_code == 302
    assert MovementEvent.objects.get(supersedes=crossing).void
    assert personas.client(personas.clerk_yanji).get(f"/ledger/events/{crossing.pk}/withdraw/").status_code == 404
