"""The four permits kinds on the exchange machinery: letters → applications → decisions give exact figures;
bad rows are refused whole (or quarantined), a second import changes nothing, a changed row is a correction."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.exchange.actions import import_file
from yalu.permits.management.commands.report import Command as ReportCommand
from yalu.permits.models import AuthorizationLetter, ReunificationItem, TravelApplication

LETTERS = [
    "ref",
    "issued_on",
    "issued_by",
    "valid_until",
    "received_on",
    "received_by",
    "full_name",
    "birth_date",
    "inviter_name",
    "inviter_relation",
]
APPLICATIONS = [
    "ref",
    "filed_on",
    "area",
    "letter_ref",
    "purpose",
    "group_ref",
    "full_name",
    "sex",
    "birth_date",
    "home_area",
]
DECISIONS = ["ref", "application_ref", "decided_on", "decision", "reason", "decided_by"]


def write(path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def load(tmp_path, kind, columns, rows, sender="yanbian-psb", name=None, **options):
    path = write(tmp_path / (name or f"{kind}.csv"), columns, rows)
    return import_file(acting_user=None, kind=kind, sender=Agency.objects.get(code=sender), path=path, **options)


@pytest.fixture
def imported(permits, tmp_path):
    letters = load(
        tmp_path,
        "letters",
        LETTERS,
        [
            [
                "KP-61-001",
                "1961-01-05",
                "조선 외무성",
                "1961-12-31",
                "1961-01-20",
                "222405",
                "박성철",
                "1931",
                "박영남",
                "brother",
            ],
            [
                "KP-61-002",
                "1961-02-01",
                "조선 외무성",
                "1961-06-30",
                "1961-02-10",
                "222401",
                "김영숙",
                "1935",
                "김철",
                "father",
            ],
            ["KP-61-003", "1961-11-01", "조선 외무성", "", "1962-01-03", "222405", "리순희", "1940", "", ""],
        ],
        sender="kp-mfa",
    )
    assert letters.status == "accepted", letters.errors
    applications = load(
        tmp_path,
        "applications",
        APPLICATIONS,
        [
            ["A-1", "1961-02-01", "222405", "KP-61-001", "family_reunification", "", "박성철", "M", "1931", "222405"],
            [
                "A-2",
                "1961-03-01",
                "222401",
                "KP-61-002",
                "family_reunification",
                "",
                "김영숙",
                "F",
                "1935-04",
                "222401",
            ],
            ["A-3", "1960-12-01", "222405", "", "visit", "", "최광수", "M", "1920", "222405"],
            ["A-4", "1961-11-15", "222405", "", "settlement", "G1", "정미자", "F", "1945", "222405"],
            ["A-5", "1961-12-20", "222405", "", "settlement", "G1", "정철호", "M", "1943", "222405"],
        ],
    )
    assert applications.status == "accepted", applications.errors
    decisions = load(
        tmp_path,
        "decisions",
        DECISIONS,
        [
            ["D-1", "A-1", "1961-02-11", "approved", "", "officer Kim"],
            ["D-2", "A-2", "1961-04-10", "denied", "public_security", ""],
            ["D-3", "A-3", "1961-01-04", "approved", "", ""],
        ],
    )
    assert decisions.status == "accepted", decisions.errors
    return permits


def report(*arguments: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command(ReportCommand(), "permits", *arguments, stdout=out)
    figures: dict[str, Any] = json.loads(out.getvalue())
    return figures


def test_files_give_exact_figures(imported) -> None:
    assert TravelApplication.objects.get(source_ref="A-1").person == imported.base.longjing_person
    assert AuthorizationLetter.objects.get(number="KP-61-001").invitee == imported.base.longjing_person
    year = report("--area", "222400", "--period", "1961")
    assert {key: year[key] for key in list(year)[:7]} == {
        "letter.received": 2,
        "application.filed": 4,
        "application.approved": 2,
        "application.denied": 1,
        "application.withdrawn": 0,
        "application.pending": 2,
        "application.overdue": 1,
    }
    assert year["application.days_to_decision"] == {"median": 34, "p90": 40}
    county = report("--area", "222405", "--period", "1961-01")
    assert (county["application.approved"], county["application.filed"]) == (1, 0)
    assert county["application.days_to_decision"] == {"median": 34, "p90": 34}
    assert report("--area", "222401", "--period", "1962-01")["letter.received"] == 0
    assert report("--area", "222405", "--period", "1962-01")["letter.received"] == 1


def test_second_import_changes_nothing_and_a_changed_row_is_a_correction(imported, tmp_path) -> None:
    again = load(
        tmp_path, "decisions", DECISIONS, [["D-1", "A-1", "1961-02-11", "approved", "", "officer Kim"]], name="d2.csv"
    )
    assert again.summary["unchanged"] == 1
    corrected = load(
        tmp_path, "decisions", DECISIONS, [["D-1", "A-1", "1961-02-21", "approved", "", "officer Kim"]], name="d3.csv"
    )
    assert corrected.summary["corrected"] == 1, corrected.errors
    assert TravelApplication.objects.get(source_ref="A-1").decided_on == datetime.date(1961, 2, 21)


BAD_DECISIONS = [
    ["D-9", "A-4", "1961-11-01", "approved", "", ""],  # before the filing
    ["D-10", "A-5", "1961-12-22", "denied", "bad_luck", ""],  # reason not in the list
    ["D-11", "A-404", "1961-12-22", "approved", "", ""],  # no such application
]


def test_bad_decisions_are_refused_whole_with_clear_errors(imported, tmp_path) -> None:
    batch = load(
        tmp_path,
        "decisions",
        DECISIONS,
        [*BAD_DECISIONS, ["D-12", "A-5", "1961-12-28", "approved", "", ""]],
        name="bad.csv",
    )
    assert batch.status == "refused"
    by_row = {(error["row"], error["column"]) for error in batch.errors}
    assert by_row == {(2, "decided_on"), (3, "reason"), (4, "application_ref")}
    assert TravelApplication.objects.get(source_ref="A-5").decision == ""


def test_partial_import_writes_the_good_rows(imported, tmp_path) -> None:
    batch = load(
        tmp_path,
        "decisions",
        DECISIONS,
        [*BAD_DECISIONS, ["D-12", "A-5", "1961-12-28", "approved", "", ""]],
        name="p.csv",
        mode="partial",
    )
    assert (batch.summary["created"], batch.summary["quarantined"]) == (1, 3), batch.errors
    assert TravelApplication.objects.get(source_ref="A-5").decision == "approved"


def test_approval_by_someone_outside_the_jurisdiction_is_refused(imported, tmp_path) -> None:
    batch = load(
        tmp_path,
        "decisions",
        DECISIONS,
        [["D-20", "A-4", "1961-12-01", "approved", "", "approver.dandong"]],
        name="j.csv",
    )
    assert batch.status == "refused"
    assert "no jurisdiction" in batch.errors[0]["message"]


def test_letter_for_an_unknown_area_and_application_for_the_dead(imported, tmp_path) -> None:
    batch = load(
        tmp_path,
        "letters",
        LETTERS,
        [["KP-61-099", "1961-01-05", "조선 외무성", "", "1961-01-20", "999999", "박성철", "1931", "", ""]],
        sender="kp-mfa",
        name="l.csv",
    )
    assert batch.status == "refused" and batch.errors[0]["column"] == "received_by"
    from yalu.ledger.actions import EventInput, append_events

    append_events(
        acting_user=None,
        events=[
            EventInput(
                person_id=imported.base.yanji_person.pk,
                event_type="died",
                occurred_on=datetime.date(1961, 5, 1),
                occurred_precision="day",
                area_id=Area.objects.get(code="222401").pk,
            )
        ],
    )
    batch = load(
        tmp_path,
        "applications",
        APPLICATIONS,
        [["A-30", "1961-06-01", "222401", "", "visit", "", "김영숙", "F", "1935-04", "222401"]],
        name="dead.csv",
    )
    assert batch.status == "refused"
    assert "recorded as dead" in batch.errors[0]["message"], batch.errors


def test_reunification_requests_are_grouped_by_request(permits, tmp_path) -> None:
    batch = load(
        tmp_path,
        "reunification_requests",
        [
            "ref",
            "request_ref",
            "requested_on",
            "requested_by",
            "relative_abroad",
            "relation",
            "name_hangul",
            "birth_date",
        ],
        [
            ["R-1", "KP-MFA-17", "1961-03-01", "영사국", "박영남", "son", "박성철", "1931"],
            ["R-2", "KP-MFA-17", "1961-03-01", "영사국", "리철", "daughter", "리순희", "1940"],
            ["R-3", "KP-MFA-23", "1961-08-01", "영사국", "김철", "wife", "김영숙", "1935"],
        ],
        sender="kp-mfa",
    )
    assert batch.status == "accepted", batch.errors
    assert ReunificationItem.objects.filter(request__request_ref="KP-MFA-17").count() == 2
    assert ReunificationItem.objects.get(ref="R-1").person == permits.base.longjing_person


def test_dry_run_writes_nothing_and_a_corrected_application_moves_the_figures(imported, tmp_path) -> None:
    row = ["A-6", "1961-12-01", "222405", "", "visit", "", "한명수", "M", "1930", "222405"]
    dry = load(tmp_path, "applications", APPLICATIONS, [row], name="dry.csv", dry_run=True)
    assert dry.status == "dry_run" and not TravelApplication.objects.filter(source_ref="A-6").exists()
    moved = ["A-4", "1962-01-05", "222405", "", "settlement", "G1", "정미자", "F", "1945", "222405"]
    batch = load(tmp_path, "applications", APPLICATIONS, [moved], name="moved.csv")
    assert batch.summary["corrected"] == 1, batch.errors
    figures = report("--area", "222400", "--period", "1961")
    assert (figures["application.filed"], figures["application.pending"]) == (3, 1)
