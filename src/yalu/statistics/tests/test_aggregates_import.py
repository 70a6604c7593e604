"""The `aggregates` import: the same machinery as every kind; bad rows named; corrections supersede."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from yalu.conftest import make_user
from yalu.core.models import Agency, User
from yalu.exchange.actions import import_file
from yalu.statistics.models import AggregateSubmission

HEADER = "ref,indicator,breakdown,area,period,value,qualifier,source,note\n"


def _import(tmp_path: Path, user: User, body: str, name: str = "figures.csv") -> object:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return import_file(acting_user=user, kind="aggregates", sender=Agency.objects.get(code="jilin-psd"), path=path)


def test_a_file_with_bad_rows_writes_nothing_and_names_each_row(tmp_path: Path, admin_user: User) -> None:
    batch = _import(
        tmp_path,
        admin_user,
        "a,crossing.persons,,CN-JL,1961,28028,,Jilin PSD,\n"
        "b,crossing.nobody,,CN-JL,1961,1,,Jilin PSD,\n"
        "c,crossing.persons,,XX,1961,1,,Jilin PSD,\n"
        "d,crossing.persons,,CN-JL,1961,28000,,Jilin PSD,\n"
        "e,remains.found,colour:red,CN-JL,1961-Q5,-1,roughly,,\n",
    )
    errors = {(e["row"], e["column"]) for e in batch.errors}  # type: ignore[attr-defined]
    assert {(3, "indicator"), (4, "area"), (5, "value")} <= errors
    assert {(6, "breakdown"), (6, "period"), (6, "value"), (6, "qualifier"), (6, "source")} <= errors
    assert not AggregateSubmission.objects.exists()


def test_rows_become_submissions_and_a_changed_row_is_a_correction(tmp_path: Path, admin_user: User) -> None:
    first = _import(tmp_path, admin_user, "a,application.filed,,222400,1961,1778,about,Yanbian,\n")
    assert first.summary["created"] == 1  # type: ignore[attr-defined]
    submission = AggregateSubmission.objects.get()
    assert (submission.qualifier, submission.sender.code, submission.ref) == ("about", "jilin-psd", "a")  # type: ignore[union-attr]
    again = _import(tmp_path, admin_user, "a,application.filed,,222400,1961,1778,about,Yanbian,\n", "again.csv")
    assert again.summary["unchanged"] == 1  # type: ignore[attr-defined]
    corrected = _import(tmp_path, admin_user, "a,application.filed,,222400,1961,1788,exact,Yanbian,\n", "fix.csv")
    assert corrected.summary["corrected"] == 1  # type: ignore[attr-defined]
    new = AggregateSubmission.objects.get(superseded_by__isnull=True)
    assert new.value == 1788 and new.supersedes == submission


def test_an_importer_who_may_not_submit_figures_is_refused(tmp_path: Path, db: object) -> None:
    # given a clerk who may import files but not submit aggregate figures
    clerk = make_user("importer", ["clerk"], "CN-JL")
    clerk.user_permissions.add(*Permission.objects.filter(codename="add_importbatch"))
    clerk = User.objects.get(pk=clerk.pk)
    # then an aggregates file is refused before it is read, and nothing is written
    with pytest.raises(PermissionDenied):
        _import(tmp_path, clerk, "a,crossing.persons,,CN-JL,1961,1,,x,\n")
    assert not AggregateSubmission.objects.exists()
