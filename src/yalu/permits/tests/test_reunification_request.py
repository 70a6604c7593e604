"""Reunification requests: persons matched across scripts, tracked to an outcome, counted by status at a date."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.permits.actions import decide_application, record_departure
from yalu.permits.models import ReunificationItem
from yalu.permits.queries import permits_report
from yalu.permits.reunification import set_item_status

D = datetime.date


@pytest.fixture
def note(permits):
    client = permits.client(permits.fao)
    response = client.post(
        "/permits/requests/new/",
        {
            "sender": str(Agency.objects.get(code="kp-mfa").pk),
            "request_ref": "KP-MFA-1961-17",
            "requested_on": "1961-03-01",
            "requested_by": "Consular Bureau",
            "area": str(Area.objects.get(code="222400").pk),
            "persons": "朴成哲 | 1931 | son | 박영남\n리순희 | 1940 | daughter | 리철\n",
        },
    )
    assert response.status_code == 302, response.content.decode()
    return permits


def test_request_persons_are_matched_across_scripts(note) -> None:
    matched, unmatched = ReunificationItem.objects.order_by("id")
    assert (matched.person, matched.match, matched.status) == (note.base.longjing_person, "certain", "located")
    assert matched.area.code == "222405"
    assert (unmatched.person, unmatched.status, unmatched.area.code) == (None, "requested", "222400")


def test_items_follow_the_records_to_travelled(note) -> None:
    item = ReunificationItem.objects.get(person=note.base.longjing_person)
    application = note.application(filed_on=D(1961, 4, 1))
    decide_application(acting_user=note.fao, application=application, decision="approved", decided_on=D(1961, 5, 1))
    record_departure(acting_user=note.base.clerk_longjing, application=application, departed_on=D(1961, 6, 1))
    item.refresh_from_db()
    assert (item.status, item.status_on) == ("travelled", D(1961, 6, 1))
    other = ReunificationItem.objects.exclude(pk=item.pk).get()
    set_item_status(acting_user=note.fao, item=other, status="declined", on=D(1961, 7, 1), reason="public security")

    def figures(as_of):
        report = permits_report(
            None,
            area=Area.objects.get(code="222400"),
            period_start=D(1961, 1, 1),
            period_end=D(1961, 3, 31),
            as_of=as_of,
        )
        return [report[f"reunification.{key}"] for key in ("requested", "travelled", "pending", "declined")]

    assert figures(D(1961, 3, 31)) == [2, 0, 2, 0]
    assert figures(D(1961, 6, 30)) == [2, 1, 1, 0]
    assert figures(D(1961, 12, 31)) == [2, 1, 0, 1]


def test_decline_needs_a_reason(note) -> None:
    item = ReunificationItem.objects.order_by("id")[0]
    with pytest.raises(ValidationError) as error:
        set_item_status(acting_user=note.fao, item=item, status="declined", on=D(1961, 7, 1))
    assert "reason" in error.value.message_dict


def test_request_page_shows_each_person(note) -> None:
    client = note.client(note.fao)
    request_id = ReunificationItem.objects.order_by("id")[0].request_id
    page = client.get(f"/permits/requests/{request_id}/").content.decode()
    assert "朴成哲" in page and "리순희" in page
    assert note.client(note.base.clerk_yanji).get(f"/permits/requests/{request_id}/").status_code == 404


def test_a_legal_departure_from_the_ledger_counts_as_travelled(permits) -> None:
    from yalu.ledger.actions import EventInput, append_events
    from yalu.permits.reunification import ItemInput, record_request

    person = permits.base.longjing_person
    append_events(
        acting_user=None,
        events=[
            EventInput(
                person_id=person.pk,
                event_type="legal_departure",
                occurred_on=D(1961, 2, 1),
                occurred_precision="day",
                area_id=person.home_area_id,
            )
        ],
    )
    request = record_request(
        acting_user=permits.fao,
        sender=Agency.objects.get(code="kp-mfa"),
        request_ref="KP-9",
        requested_on=D(1961, 3, 1),
        area=Area.objects.get(code="222400"),
        items=[ItemInput(name="Pak Song Chol", birth_year=1931)],
    )
    item = request.items.get()
    assert (item.person, item.status) == (person, "travelled")
