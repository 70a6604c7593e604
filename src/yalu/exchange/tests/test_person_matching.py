"""Who a movements row names: the sender's person_ref, a certain registry match, or a new person to review."""

from __future__ import annotations

from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from yalu.core.models import Agency
from yalu.exchange.actions import import_file
from yalu.exchange.tests.files import movement, write_csv
from yalu.ledger.models import MovementEvent
from yalu.linkage.models import LinkCandidate
from yalu.people.models import Person


def load(tmp_path, rows, name="m.csv", sender="yanbian-psb", user=None):
    return import_file(
        acting_user=user,
        kind="movements",
        sender=Agency.objects.get(code=sender),
        path=write_csv(tmp_path / name, rows),
    )


def test_rows_with_one_person_ref_are_one_person(db, tmp_path) -> None:
    rows = [
        movement("A", person_ref="P-9", full_name="박성철"),
        movement("B", person_ref="P-9", event="persuaded_to_return", related_ref="A", occurred_on="1961-07-20"),
    ]
    assert load(tmp_path, rows).status == "accepted"
    assert MovementEvent.objects.values("person_id").distinct().count() == 1
    later = movement("C", person_ref="P-9", event="legal_departure", occurred_on="1961-11-01", full_name="")
    assert load(tmp_path, [later], "later.csv").status == "accepted"
    assert MovementEvent.objects.values("person_id").distinct().count() == 1
    # the same person_ref from another sender is someone else
    other = movement("A", person_ref="P-9", full_name="최동일", birth_date="1940", area="222401", sector="")
    assert load(tmp_path, [other], "other.csv", sender="yanji-psb").status == "accepted"
    assert MovementEvent.objects.values("person_id").distinct().count() == 2


def test_a_certain_registry_match_is_linked_and_a_likely_one_queued(personas, tmp_path, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # 박성철, born 1931, male, is in the registry (personas): a row in Latin letters with those facts is him
    certain = movement("R-1", full_name="Pak Song Chol", birth_date="1931", sex="M")
    # the same name and year with the sex unknown is not certain: a new person, scored by the linkage model
    likely = movement("R-2", full_name="박성철", birth_date="1931", sex="U")
    assert load(tmp_path, [certain, likely]).status == "accepted"
    assert MovementEvent.objects.get(source_ref="R-1").person_id == personas.longjing_person.pk
    new_person = MovementEvent.objects.get(source_ref="R-2").person_id
    assert new_person != personas.longjing_person.pk
    assert Person.objects.count() == 3
    candidate = LinkCandidate.objects.get(
        Q(left_id=new_person, right_id=personas.longjing_person.pk)
        | Q(left_id=personas.longjing_person.pk, right_id=new_person)
    )
    assert candidate.status == "pending"
    assert "movements" in candidate.run.note


def test_an_import_queues_the_scoring_of_the_persons_it_created(db, tmp_path) -> None:
    rows = [
        movement("S-1", person_ref="P-1", full_name="박성철"),
        movement("S-2", person_ref="P-2", full_name="김영숙"),
    ]
    batch = load(tmp_path, rows)
    assert batch.status == "accepted"
    queued = DBTaskResult.objects.filter(task_path__endswith="score_new_persons_task")
    assert queued.count() == 1
    created = set(MovementEvent.objects.filter(import_batch_id=batch.pk).values_list("person_id", flat=True))
    assert set(queued.get().args_kwargs["kwargs"]["person_ids"]) == created


def test_a_dry_run_queues_no_scoring(db, tmp_path) -> None:
    batch = import_file(
        acting_user=None,
        kind="movements",
        sender=Agency.objects.get(code="yanbian-psb"),
        path=write_csv(tmp_path / "m.csv", [movement("S-1", person_ref="P-1", full_name="박성철")]),
        dry_run=True,
    )
    assert batch.status == "dry_run"
    assert not DBTaskResult.objects.filter(task_path__endswith="score_new_persons_task").exists()


def test_an_area_outside_the_users_jurisdiction_is_a_row_error(personas, tmp_path) -> None:
    rows = [movement("J-1", full_name="리순옥"), movement("J-2", full_name="김광수", area="222401", sector="")]
    batch = load(tmp_path, rows, user=personas.clerk_longjing)
    assert batch.status == "refused"
    assert [(e["row"], e["column"], e["code"]) for e in batch.errors] == [(3, "area", "out_of_jurisdiction")]


def test_an_event_after_the_death_is_refused(db, tmp_path) -> None:
    rows = [
        movement("D-1", person_ref="P-1", full_name="박성철", event="died", occurred_on="1961-03"),
        movement("D-2", person_ref="P-1", occurred_on="1961-06-01"),
        movement("D-3", person_ref="P-2", full_name="김영숙", birth_date="1962", occurred_on="1961-06-01"),
    ]
    batch = load(tmp_path, rows)
    assert {(e["row"], e["code"]) for e in batch.errors} == {(3, "after_death"), (4, "before_birth")}


def test_an_import_that_writes_queues_the_dashboards_and_one_that_changes_nothing_does_not(db, tmp_path) -> None:
    rows = [movement("W-1", person_ref="P-1", full_name="박성철")]
    assert load(tmp_path, rows).status == "accepted"
    warm = DBTaskResult.objects.filter(task_path__regex=r"warm_(dashboards|reports)$")
    assert sorted(task.task_path.rsplit(".", 1)[1] for task in warm) == ["warm_dashboards", "warm_reports"]
    assert load(tmp_path, rows, "again.csv").summary["unchanged"] == 1
    assert warm.count() == 2


def test_statistics_are_refreshed_inside_a_large_imports_transaction(db, tmp_path, monkeypatch) -> None:
    # an import past the first threshold analyzes the growing tables within its transaction, and goes on
    monkeypatch.setattr("yalu.exchange.importing.FIRST_ANALYZE", 1)
    rows = [movement(f"A-{n}", person_ref=f"P-{n}", full_name="박성철") for n in range(3)]
    batch = load(tmp_path, rows)
    assert batch.status == "accepted" and batch.summary["created"] == 3
