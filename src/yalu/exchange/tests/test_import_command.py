"""manage.py import: all or nothing by default, partial with a quarantine, dry run, idempotent re-import."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from yalu.exchange.models import ImportBatch, ImportedRow, QuarantinedRow, SenderPersonRef
from yalu.exchange.tests.files import movement, movements, write_csv
from yalu.ledger.models import MovementEvent
from yalu.people.models import Person


def run(*args: str) -> tuple[int, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=StringIO())
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def forty_with_six_bad() -> list[dict[str, str]]:
    rows = movements(40)
    rows[3]["occurred_on"] = "1961-13-01"  # row 5
    rows[9]["area"] = "999999"  # row 11
    rows[14]["sex"] = "X"  # row 16
    rows[20]["event"] = "escaped"  # row 22
    rows[29]["sector"] = "222405"  # row 31: a county, not a sector
    rows[37]["occurred_on"] = "2999"  # row 39: in the future
    return rows


BAD = {5: "occurred_on", 11: "area", 16: "sex", 22: "event", 31: "sector", 39: "occurred_on"}


def test_a_good_file_is_imported_and_a_second_import_changes_nothing(db, tmp_path) -> None:
    path = write_csv(tmp_path / "crossings.csv", movements(12))
    code, out = run("movements", str(path), "--sender", "yanbian-psb")
    assert code == 0, out
    assert "created: 12" in out and "total: 12" in out
    assert MovementEvent.objects.count() == 12
    assert Person.objects.count() == 12
    assert SenderPersonRef.objects.count() == 12
    code, out = run("movements", str(path), "--sender", "yanbian-psb")
    assert code == 0
    assert "unchanged: 12" in out and "created: 0" in out
    assert MovementEvent.objects.count() == 12 and Person.objects.count() == 12
    batch = ImportBatch.objects.order_by("received_at").first()
    assert batch is not None and batch.sha256 and batch.sender.code == "yanbian-psb"


def test_six_bad_rows_refuse_the_whole_file_and_each_is_named(db, tmp_path) -> None:
    path = write_csv(tmp_path / "forty.csv", forty_with_six_bad())
    code, out = run("movements", str(path), "--sender", "yanbian-psb")
    assert code != 0
    for row, column in BAD.items():
        assert f"row {row}: {column}: " in out
    assert out.count("\nrow ") == 6
    assert "rejected: 40" in out and "total: 40" in out
    assert MovementEvent.objects.count() == 0 and Person.objects.count() == 0
    batch = ImportBatch.objects.get()
    assert batch.status == "refused" and len(batch.errors) == 6


def test_partial_mode_quarantines_the_six_and_writes_the_rest(db, tmp_path) -> None:
    path = write_csv(tmp_path / "forty.csv", forty_with_six_bad())
    code, out = run("movements", str(path), "--sender", "yanbian-psb", "--partial")
    assert code == 0, out
    assert "created: 34" in out and "quarantined: 6" in out and "total: 40" in out
    assert MovementEvent.objects.count() == 34
    assert sorted(QuarantinedRow.objects.values_list("row_number", flat=True)) == sorted(BAD)
    quarantined = QuarantinedRow.objects.get(row_number=11)
    assert quarantined.values["area"] == "999999" and quarantined.errors[0]["column"] == "area"


def test_dry_run_checks_and_writes_nothing(db, tmp_path) -> None:
    path = write_csv(tmp_path / "crossings.csv", movements(5))
    code, out = run("movements", str(path), "--sender", "yanbian-psb", "--dry-run")
    assert code == 0, out
    assert "dry_run" in out and "created: 5" in out
    assert MovementEvent.objects.count() == 0 and Person.objects.count() == 0 and not ImportedRow.objects.exists()
    assert ImportBatch.objects.get().status == "dry_run"


def test_a_changed_row_is_a_correction_that_supersedes(db, tmp_path) -> None:
    rows = movements(3)
    run("movements", str(write_csv(tmp_path / "a.csv", rows)), "--sender", "yanbian-psb")
    rows[1]["occurred_on"] = "1961-08-01"
    code, out = run("movements", str(write_csv(tmp_path / "b.csv", rows)), "--sender", "yanbian-psb")
    assert code == 0, out
    assert "corrected: 1" in out and "unchanged: 2" in out
    versions = ImportedRow.objects.filter(ref="M-2").order_by("version")
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].superseded_by_id == versions[1].pk and not versions[0].is_current
    new_event = MovementEvent.objects.get(pk=versions[1].targets["event"])
    assert new_event.supersedes_id == versions[0].targets["event"]
    assert MovementEvent.objects.count() == 4  # the first version is kept


def test_outcome_names_its_crossing_in_the_file_or_in_yalu(db, tmp_path) -> None:
    crossing = movement("C-1", person_ref="P-1", family_name="박", given_name="성철", occurred_on="1961-07-14")
    run("movements", str(write_csv(tmp_path / "a.csv", [crossing])), "--sender", "yanbian-psb")
    outcome = movement(
        "O-1", event="persuaded_to_return", related_ref="C-1", person_ref="P-1", occurred_on="1961-07-20"
    )
    early = movement("O-2", event="persuaded_to_return", related_ref="C-1", person_ref="P-1", occurred_on="1961-07-01")
    missing = movement("O-3", event="handed_back", related_ref="C-404", person_ref="P-1", occurred_on="1961-08-01")
    code, out = run(
        "movements", str(write_csv(tmp_path / "b.csv", [outcome, early, missing])), "--sender", "yanbian-psb"
    )
    assert code != 0
    assert "row 3: occurred_on: " in out and "row 4: related_ref: " in out and "row 2:" not in out
    code, out = run("movements", str(write_csv(tmp_path / "c.csv", [outcome])), "--sender", "yanbian-psb")
    assert code == 0, out
    event = MovementEvent.objects.get(source_ref="O-1")
    assert event.related_event_id == MovementEvent.objects.get(source_ref="C-1").pk
    assert event.person_id == MovementEvent.objects.get(source_ref="C-1").person_id


def test_unknown_and_missing_columns_refuse_the_file(db, tmp_path) -> None:
    rows = movements(2)
    path = write_csv(tmp_path / "typo.csv", rows, ["ref", "event", "occured_on", "area", "full_name"])
    code, out = run("movements", str(path), "--sender", "yanbian-psb", "--partial")
    assert code != 0
    assert "row 1: occured_on: " in out and "row 1: occurred_on: " in out


@pytest.mark.parametrize("sender", ["nobody"])
def test_unknown_sender_is_an_error(db, tmp_path, sender) -> None:
    path = write_csv(tmp_path / "a.csv", movements(1))
    with pytest.raises(CommandError):
        call_command("import", "movements", str(path), "--sender", sender)
