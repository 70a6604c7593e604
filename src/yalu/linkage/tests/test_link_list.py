"""manage.py link --list ID: a handback list written in Hangul links to Chinese-character records via review."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.linkage.actions import accept_candidate, revert_candidate
from yalu.linkage.models import CandidateStatus, LinkageRun, LinkCandidate, RunKind
from yalu.linkage.pipeline import score_against_registry
from yalu.linkage.registry import incoming_record
from yalu.people.actions import NameInput, create_person

ledger_models = pytest.importorskip("yalu.ledger.models")


@pytest.fixture
def handback(duplicates):
    # given a registry record written only in Chinese characters, and a DPRK list written in Hangul
    longjing = Area.objects.get(code="222405")
    kim = create_person(
        acting_user=None,
        home_area=longjing,
        names=[NameInput(system="hanzi", family="金", given="哲男")],
        sex="M",
        birth_year=1940,
    )
    handback_list = ledger_models.HandbackList.objects.create(
        sender=Agency.objects.get(code="kp-mps"),
        list_ref="KP-1962-017",
        handed_over_on=datetime.date(1962, 5, 3),
        area=longjing,
    )
    item = ledger_models.HandbackItem.objects.create(
        handback_list=handback_list,
        ref="3",
        names=[{"system": "hangul", "family": "김", "given": "철남", "full": "김철남"}],
        display_name="김철남",
        sex="M",
        birth_year=1940,
        home_area=longjing,
    )
    stranger = ledger_models.HandbackItem.objects.create(
        handback_list=handback_list,
        ref="4",
        names=[{"system": "hangul", "family": "황", "given": "보배", "full": "황보배"}],
        display_name="황보배",
        sex="F",
        birth_year=1920,
        home_area=longjing,
    )
    return handback_list, item, stranger, kim


def test_list_items_go_to_review_against_the_registry(duplicates, handback) -> None:
    handback_list, item, stranger, kim = handback
    # when the list is linked
    out = StringIO()
    call_command("link", "--list", str(handback_list.pk), stdout=out)
    # then the Hangul item is proposed against the Chinese-character record, the stranger against no one
    run = LinkageRun.objects.get(kind=RunKind.LIST)
    assert run.record_count == 2 and run.training == "defaults"
    candidate = LinkCandidate.objects.get()
    assert (candidate.left_id, candidate.right_id, candidate.foreign_id) == (kim.pk, None, item.pk)
    assert candidate.foreign_record == item and candidate.foreign_area == item.home_area
    assert candidate.reasons["name"] == "name_primary"
    # and the officer sees both side by side in the queue
    page = duplicates.personas.client(duplicates.officer).get("/linkage/").content.decode()
    assert "金哲男" in page and "김철남" in page and "KP-1962-017" in page


def test_accepting_matches_the_item_through_the_ledger_and_revert_takes_it_back(duplicates, handback) -> None:
    handback_list, item, _stranger, kim = handback
    call_command("link", "--list", str(handback_list.pk), stdout=StringIO())
    candidate = LinkCandidate.objects.get()
    accept_candidate(acting_user=duplicates.officer, candidate=candidate)
    item.refresh_from_db()
    assert item.matched_person_id == kim.pk and item.status == "matched"
    page = duplicates.personas.client(duplicates.officer).get(f"/people/{kim.pk}/").content.decode()
    assert "matched incoming record" in page
    revert_candidate(acting_user=duplicates.officer, candidate=candidate, reason="wrong village")
    item.refresh_from_db()
    candidate.refresh_from_db()
    assert item.matched_person_id is None and candidate.status == CandidateStatus.REVERTED


def test_score_against_registry_for_an_import(duplicates, handback) -> None:
    _list, _item, _stranger, kim = handback
    records = [
        incoming_record(1, names=[{"system": "hangul", "full": "김철남"}], sex="M", birth_year=1940, area="222405"),
        incoming_record(
            2, names=[{"system": "pinyin", "full": "Piao Chengzhe"}], sex="M", birth_year=1931, area="222405"
        ),
        incoming_record(3, names=[{"system": "hangul", "full": "황보배"}], sex="F", birth_year=1920),
    ]
    found = score_against_registry([record for record in records if record is not None])
    pairs = {(match.left_id, match.right_id) for match in found}
    assert (1, kim.pk) in pairs
    assert (2, duplicates.personas.longjing_person.pk) in pairs
    assert not any(match.left_id == 3 for match in found)
    assert incoming_record(4, names=[{"system": "hangul", "full": "ㅂㅅ"}]) is None


def test_score_against_registry_reads_the_registry_in_chunks(duplicates, handback, monkeypatch) -> None:
    from yalu.linkage import pipeline

    monkeypatch.setattr(pipeline, "QUERY_CHUNK", 2)
    _list, _item, _stranger, kim = handback
    record = incoming_record(1, names=[{"system": "hangul", "full": "김철남"}], sex="M", birth_year=1940, area="222405")
    assert record is not None
    assert [(found.left_id, found.right_id) for found in score_against_registry([record])] == [(1, kim.pk)]


def test_a_pair_with_an_incoming_record_elsewhere_is_hidden(duplicates, handback) -> None:
    from django.contrib.contenttypes.models import ContentType

    from yalu.linkage.queries import candidates_in_scope

    _list, item, _stranger, _kim = handback
    run = LinkageRun.objects.create(kind=RunKind.LIST)
    candidate = LinkCandidate.objects.create(
        run=run,
        left=duplicates.personas.yanji_person,
        foreign_type=ContentType.objects.get_for_model(item),
        foreign_id=item.pk,
        foreign_area=Area.objects.get(code="222405"),
        match_probability=0.95,
    )
    assert list(candidates_in_scope(duplicates.personas.clerk_yanji)) == []
    assert list(candidates_in_scope(duplicates.personas.analyst_jilin)) == [candidate]
