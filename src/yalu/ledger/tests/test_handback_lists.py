"""The other state's handback lists: kept as claims, matched by name keys and birth year, confirmed or disputed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yalu.core.errors import InvalidTransition
from yalu.core.models import Agency
from yalu.ledger.actions import (
    HandbackItemInput,
    confirm_handback_item,
    correct_handback_item,
    dispute_handback_item,
    match_handback_item,
    record_handback_list,
)
from yalu.ledger.models import HandbackItem, HandbackList, MovementEvent
from yalu.ledger.queries import crossing_report, person_status
from yalu.ledger.tests.conftest import event, write
from yalu.people.actions import NameInput


def hangul(ref: str, name: str, year: int | None) -> HandbackItemInput:
    return HandbackItemInput(ref=ref, names=(NameInput(system="hangul", full=name),), birth_year=year)


@pytest.fixture
def handback_list(personas) -> HandbackList:
    # the registry holds 박성철 (1931) of Longjing, who crossed in July 1961
    write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    return record_handback_list(
        acting_user=None,
        sender=Agency.objects.get(code="kp-mps"),
        list_ref="MPS-1961-117",
        handed_over_on=datetime.date(1961, 9, 3),
        crossing_point="T-222405",
        items=[
            hangul("1", "박성철", 1931),  # matches by name keys and birth year
            hangul("2", "리순옥", 1940),  # nobody in the registry
            hangul("3", "박성철", 1950),  # the name matches, the birth year does not
        ],
    )


def test_a_list_is_kept_as_written_and_certain_matches_are_made(personas, handback_list) -> None:
    items = {item.ref: item for item in handback_list.items.all()}
    assert handback_list.area.code == "T-222405"
    assert items["1"].status == "matched" and items["1"].matched_person == personas.longjing_person
    assert items["2"].status == "unmatched" and items["2"].display_name == "리순옥"
    assert items["3"].status == "unmatched"
    assert "이순옥" in items["2"].name_keys  # the North's 리 is keyed like the South's 이


def test_confirming_reception_writes_the_handed_back_event(personas, handback_list) -> None:
    item = handback_list.items.get(ref="1")
    confirmed = confirm_handback_item(acting_user=personas.clerk_longjing, item=item)
    assert confirmed.status == "confirmed"
    handed_back = MovementEvent.objects.get(event_type="handed_back")
    assert handed_back == confirmed.handed_back_event
    assert handed_back.related_event.event_type == "crossing_detected"  # type: ignore[union-attr]
    assert handed_back.sector.code == "T-222405" and handed_back.area.code == "222405"  # type: ignore[union-attr]
    assert person_status(personas.longjing_person) == "returned"
    figures = crossing_report(
        None,
        area=handback_list.area.county,
        period_start=datetime.date(1961, 7, 1),
        period_end=datetime.date(1961, 9, 30),
        as_of=datetime.date(1961, 9, 30),
    )
    assert figures["return.handed_back"] == 1 and figures["return.handed_back_claimed"] == 3
    with pytest.raises(InvalidTransition):
        dispute_handback_item(acting_user=personas.clerk_longjing, item=confirmed, reason="too late")


def test_unmatched_items_cannot_be_confirmed_and_disputes_need_a_reason(personas, handback_list) -> None:
    item = handback_list.items.get(ref="2")
    with pytest.raises(InvalidTransition):
        confirm_handback_item(acting_user=personas.clerk_longjing, item=item)
    with pytest.raises(ValidationError):
        dispute_handback_item(acting_user=personas.clerk_longjing, item=item, reason="")
    disputed = dispute_handback_item(acting_user=personas.clerk_longjing, item=item, reason="never received")
    assert disputed.status == "disputed" and disputed.status_changes.last().detail == "never received"  # type: ignore[union-attr]
    rematched = match_handback_item(acting_user=personas.clerk_longjing, item=disputed, person=personas.yanji_person)
    assert rematched.status == "matched" and rematched.matched_person == personas.yanji_person


def test_a_bad_list_is_refused_whole(personas, handback_list) -> None:
    sender = Agency.objects.get(code="kp-mps")
    with pytest.raises(ValidationError) as duplicate:
        record_handback_list(
            acting_user=None, sender=sender, list_ref="MPS-1961-117", handed_over_on=datetime.date(1961, 9, 3), items=[]
        )
    assert "already recorded" in duplicate.value.message_dict["list_ref"][0]
    with pytest.raises(ValidationError) as bad_name:
        record_handback_list(
            acting_user=None,
            sender=sender,
            list_ref="MPS-1961-118",
            handed_over_on=datetime.date(1961, 9, 4),
            items=[hangul("1", "김영숙", 1935), hangul("2", "ㄱㄴ", 1935)],
        )
    assert bad_name.value.message_dict["names"][0].startswith("Item 2:")
    assert not HandbackList.objects.filter(list_ref="MPS-1961-118").exists()
    assert HandbackItem.objects.count() == 3


def test_reconciliation_page_and_item_actions(personas, handback_list) -> None:
    client = personas.client(personas.clerk_longjing)
    page = client.get("/ledger/handback/", {"period": "1961-Q3"})
    assert page.status_code == 200
    assert page.context["total"] == {"claimed": 3, "matched": 1, "confirmed": 0, "unmatched": 2, "disputed": 0}
    item = handback_list.items.get(ref="1")
    response = client.post(f"/ledger/handback/{handback_list.pk}/items/{item.pk}/confirm/")
    assert response.status_code == 302
    other = handback_list.items.get(ref="3")
    client.post(f"/ledger/handback/{handback_list.pk}/items/{other.pk}/dispute/", {"reason": "born 1950, not 1931"})
    page = client.get(f"/ledger/handback/{handback_list.pk}/")
    assert page.context["summary"] == {"claimed": 3, "matched": 0, "confirmed": 1, "unmatched": 1, "disputed": 1}
    # confirming an unmatched item is refused with a message, not an error page
    unmatched = handback_list.items.get(ref="2")
    response = client.post(f"/ledger/handback/{handback_list.pk}/items/{unmatched.pk}/confirm/", follow=True)
    assert response.status_code == 200 and HandbackItem.objects.get(pk=unmatched.pk).status == "unmatched"
    # a clerk of another county does not see the list
    assert personas.client(personas.clerk_yanji).get(f"/ledger/handback/{handback_list.pk}/").status_code == 404
    assert personas.client(personas.clerk_yanji).get("/ledger/handback/").context["total"]["claimed"] == 0


def test_api_gives_the_report_timeline_and_lists(personas, handback_list) -> None:
    client = personas.client(personas.analyst_jilin)
    figures = client.get("/api/v1/ledger/reports/crossings", {"area": "222405", "period": "1961"}).json()
    assert figures["crossing.persons"] == 1 and figures["return.handed_back_claimed"] == 3
    assert client.get("/api/v1/ledger/reports/crossings", {"area": "222405", "period": "61"}).status_code == 422
    timeline = client.get(f"/api/v1/ledger/persons/{personas.longjing_person.pk}/timeline").json()
    assert timeline["status"] == "unknown" and timeline["events"][0]["event_type"] == "crossing_detected"
    lists = client.get("/api/v1/ledger/handback-lists").json()
    assert lists[0]["list_ref"] == "MPS-1961-117" and lists[0]["claimed"] == 3
    yanji = personas.client(personas.clerk_yanji)
    assert yanji.get("/api/v1/ledger/reports/crossings", {"area": "222405", "period": "1961"}).status_code == 404


def test_a_corrected_item_keeps_our_decisions_its_earlier_word_and_is_matched_again(personas, handback_list) -> None:
    disputed = dispute_handback_item(
        acting_user=personas.clerk_longjing, item=handback_list.items.get(ref="3"), reason="not him"
    )
    corrected = correct_handback_item(
        acting_user=None,
        item=disputed,
        replacement=hangul("3", "박성철", 1951),
        reason="the list was retyped",
    )
    assert corrected.status == "disputed" and corrected.dispute_reason == "not him" and corrected.version == 2
    # an unmatched item whose corrected name and year now fit one registry person is matched
    unmatched = handback_list.items.get(ref="2")
    rematched = correct_handback_item(
        acting_user=None, item=unmatched, replacement=hangul("2", "朴成哲", 1931), reason="name corrected"
    )
    assert rematched.status == "matched" and rematched.matched_person == personas.longjing_person
    assert rematched.versions.get().content["display_name"] == "리순옥"
    page = personas.client(personas.clerk_longjing).get(f"/ledger/handback/{handback_list.pk}/")
    assert "리순옥" in page.content.decode()
    # a correction needs a reason and keeps the reference; a clerk (who does not record lists) cannot make one
    with pytest.raises(ValidationError):
        correct_handback_item(acting_user=None, item=rematched, replacement=hangul("2", "박성철", 1931), reason=" ")
    with pytest.raises(ValidationError):
        correct_handback_item(acting_user=None, item=rematched, replacement=hangul("9", "박성철", 1931), reason="x")
    with pytest.raises(PermissionDenied):
        correct_handback_item(
            acting_user=personas.clerk_longjing, item=rematched, replacement=hangul("2", "박성철", 1931), reason="x"
        )
    assert HandbackItem.objects.get(pk=rematched.pk).version == 2
