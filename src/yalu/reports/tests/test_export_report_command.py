"""`manage.py export_report`: the published report from the command line, audited; bad input explained."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yalu.core.models import AuditEvent


def run(*args: str) -> str:
    out = StringIO()
    call_command("export_report", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_writes_the_published_csv(crossings) -> None:
    text = run("--area", "222405", "--period", "1961", "--as-of", "1962-03-31", "--format", "csv", "--lang", "en")

    line = next(row for row in text.splitlines() if row.startswith("crossings,222405") and "crossing.persons" in row)
    assert ",<5," in line
    assert AuditEvent.objects.filter(action="export", actor_username="manage.py").exists()


def test_the_command_writes_the_api_json_and_files(crossings, tmp_path) -> None:
    body = json.loads(run("--area", "222400", "--period", "1961", "--format", "json"))
    target = tmp_path / "report.pdf"
    run("--area", "222400", "--period", "1961-Q1", "--format", "pdf", "--lang", "ko", "--output", str(target))

    assert body["as_of"] == "1961-12-31" and body["area"] == "222400"
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "XX", "--period", "1961"], "unknown area code"),
        (["--area", "CN", "--period", "1961-Q7"], "is not one of"),
        (["--area", "CN", "--period", "1961", "--as-of", "1961-05-01"], "before the end of the period"),
        (["--area", "CN", "--period", "1961", "--as-of", "May 1962"], "is not a date"),
    ],
)
def test_bad_input_is_explained(db, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
