"""manage.py link --dedupe: the registry's records of one person, written in other scripts, go to review."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yalu.core.models import JobStatus
from yalu.linkage.models import CandidateStatus, LinkageRun, LinkCandidate, RunStatus


def test_dedupe_finds_duplicates_written_in_other_scripts(duplicates) -> None:
    # when the registry is deduplicated
    out = StringIO()
    call_command("link", "--dedupe", stdout=out)
    # then both duplicate pairs are pending review, with their reasons, and nothing else
    run = LinkageRun.objects.get()
    assert run.status == RunStatus.SUCCEEDED and run.engine == "duckdb"
    assert run.training == "defaults" and run.record_count == 5
    assert run.parameters["comparisons"], "the model's parameters are stored with the run"
    pairs = {(c.left_id, c.right_id): c for c in LinkCandidate.objects.all()}
    park = (duplicates.personas.longjing_person.pk, duplicates.park_mr.pk)
    kim = (duplicates.personas.yanji_person.pk, duplicates.kim_hanzi.pk)
    assert set(pairs) == {park, kim}
    assert pairs[park].status == CandidateStatus.PENDING
    assert pairs[park].reasons == {"name": "name_primary", "birth": "birth_year", "sex": "sex", "area": "area"}
    assert pairs[kim].reasons["birth"] == "birth_month"
    assert run.candidate_count == 2
    assert "2 candidates for review" in out.getvalue() and "[100%]" in out.getvalue()
    assert run.job is not None and run.job.status == JobStatus.SUCCEEDED and run.job.percent == 100


def test_a_second_run_does_not_propose_decided_pairs_again(duplicates) -> None:
    call_command("link", "--dedupe", stdout=StringIO())
    call_command("link", "--dedupe", stdout=StringIO())
    assert LinkCandidate.objects.count() == 2
    assert LinkageRun.objects.order_by("-id")[0].candidate_count == 0


def test_unknown_list_is_a_clear_error(duplicates) -> None:
    with pytest.raises(CommandError, match="no ledger.HandbackList with this id"):
        call_command("link", "--list", "999999", stdout=StringIO())


def test_a_failing_engine_marks_the_run_failed(duplicates, monkeypatch) -> None:
    monkeypatch.setenv("YALU_LINKAGE_ENGINE", "nonsense")
    with pytest.raises(CommandError, match="YALU_LINKAGE_ENGINE"):
        call_command("link", "--dedupe", stdout=StringIO())
    assert not LinkCandidate.objects.exists()


def test_spark_without_pyspark_fails_the_run_with_the_reason(duplicates, monkeypatch) -> None:
    import importlib.util

    if importlib.util.find_spec("pyspark") is not None:
        pytest.skip("pyspark is installed here: tests/test_spark_engine.py runs the real thing")
    monkeypatch.setenv("YALU_LINKAGE_ENGINE", "spark")
    with pytest.raises(CommandError, match="pyspark is not installed"):
        call_command("link", "--dedupe", stdout=StringIO())
    run = LinkageRun.objects.get()
    assert run.engine == "spark" and run.status == RunStatus.FAILED and "pyspark" in run.error
    assert run.job is not None and run.job.status == JobStatus.FAILED
