"""`manage.py report` serves every subject: `permits` here, and the ledger's `crossings` the same way."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yalu.ledger.queries import INDICATORS as CROSSING_INDICATORS
from yalu.permits.queries import INDICATORS as PERMITS_INDICATORS


def run(*arguments: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("report", *arguments, stdout=out)
    figures: dict[str, object] = json.loads(out.getvalue())
    return figures


def test_both_subjects_answer_one_object_keyed_by_indicator(db) -> None:
    assert list(run("permits", "--area", "222400", "--period", "1961-Q3", "--format", "json")) == list(
        PERMITS_INDICATORS
    )
    assert set(run("crossings", "--area", "CN-JL", "--period", "1962-01")) == set(CROSSING_INDICATORS)


def test_report_date_before_the_period_end_is_refused(db) -> None:
    with pytest.raises(CommandError, match="before the end of the period"):
        run("permits", "--area", "222400", "--period", "1961", "--as-of", "1961-06-30")
