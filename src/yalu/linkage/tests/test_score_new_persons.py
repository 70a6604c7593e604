"""score_new_persons: persons just imported are scored against the registry into the review queue."""

from __future__ import annotations

from typing import Any

import pytest

from yalu.areas.models import Area
from yalu.linkage.actions import reject_candidate
from yalu.linkage.imported import score_new_persons
from yalu.linkage.models import CandidateStatus, LinkageRun, LinkCandidate, RunKind
from yalu.linkage.tasks import score_new_persons_task
from yalu.people.actions import NameInput, create_person
from yalu.people.models import Person


@pytest.fixture
def registry_and_import(db: Any) -> tuple[Person, Person, Person]:
    # given a registry person written only in Chinese characters (金哲男, Longjing, 1940)
    longjing = Area.objects.get(code="222405")
    registered = create_person(
        acting_user=None,
        home_area=longjing,
        names=[NameInput(system="hanzi", family="金", given="哲男")],
        sex="M",
        birth_year=1940,
    )
    # and two persons just imported: the same man written in Hangul, and a stranger
    imported = create_person(
        acting_user=None,
        home_area=longjing,
        names=[NameInput(system="hangul", family="김", given="철남")],
        sex="M",
        birth_year=1940,
    )
    stranger = create_person(
        acting_user=None,
        home_area=longjing,
        names=[NameInput(system="hangul", family="황", given="보배")],
        sex="F",
        birth_year=1920,
    )
    return registered, imported, stranger


def test_an_imported_hangul_name_is_queued_against_the_chinese_character_record(registry_and_import) -> None:
    registered, imported, stranger = registry_and_import
    # when the imported persons are scored
    written = score_new_persons([imported.pk, stranger.pk], source="import 12: people.csv")
    # then the one pair is a pending candidate of a dedupe run saying where the persons came from
    assert written == 1
    candidate = LinkCandidate.objects.get()
    assert (candidate.left_id, candidate.right_id) == (registered.pk, imported.pk)
    assert candidate.status == CandidateStatus.PENDING and candidate.foreign_id is None
    assert candidate.match_probability >= 0.9 and candidate.reasons["name"] == "name_primary"
    run = candidate.run
    assert (run.kind, run.status, run.note) == (RunKind.DEDUPE, "succeeded", "import 12: people.csv")
    assert (run.record_count, run.candidate_count, run.training) == (2, 1, "defaults")


def test_scoring_twice_writes_nothing_new(registry_and_import) -> None:
    _registered, imported, stranger = registry_and_import
    score_new_persons([imported.pk, stranger.pk], source="import 12")
    # when the same persons are scored again
    assert score_new_persons([imported.pk, stranger.pk], source="import 12 again") == 0
    # then the queue holds the one candidate; the second run is recorded with none
    assert LinkCandidate.objects.count() == 1
    assert list(LinkageRun.objects.order_by("id").values_list("candidate_count", flat=True)) == [1, 0]


def test_a_rejected_pair_is_not_proposed_again(registry_and_import, personas) -> None:
    _registered, imported, _stranger = registry_and_import
    score_new_persons([imported.pk])
    officer = personas.clerk_longjing
    officer.is_superuser = True
    officer.save()
    reject_candidate(acting_user=officer, candidate=LinkCandidate.objects.get(), reason="brothers")
    # when the person is imported again and scored
    assert score_new_persons([imported.pk]) == 0
    # then the decision stands
    assert LinkCandidate.objects.get().status == CandidateStatus.REJECTED


def test_unknown_and_unnamed_persons_write_nothing(db: Any) -> None:
    nameless = create_person(
        acting_user=None, home_area=Area.objects.get(code="222405"), names=[], description="unknown man, about 30"
    )
    assert score_new_persons([nameless.pk, 999_999]) == 0
    assert LinkageRun.objects.get().record_count == 0


def test_the_task_scores_in_the_background(registry_and_import, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _registered, imported, _stranger = registry_and_import
    # when the importer enqueues the task after its import committed
    result = score_new_persons_task.enqueue(person_ids=[imported.pk], source="import 13")
    # then it ran and wrote the candidate
    assert result.return_value == 1
    assert LinkCandidate.objects.get().run.note == "import 13"


def test_a_failure_is_recorded_on_a_failed_run_and_raised(registry_and_import, monkeypatch) -> None:
    _registered, imported, _stranger = registry_and_import

    def broken(records):
        raise RuntimeError("engine down")

    monkeypatch.setattr("yalu.linkage.imported.score_against_registry", broken)
    with pytest.raises(RuntimeError):
        score_new_persons([imported.pk], source="import 14")
    run = LinkageRun.objects.get()
    assert (run.status, run.note, run.error) == ("failed", "import 14", "RuntimeError: engine down")
    assert not LinkCandidate.objects.exists()
