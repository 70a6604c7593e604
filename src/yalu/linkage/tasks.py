"""The background task of a linkage run (django-tasks); its progress shows on the run's page."""

from __future__ import annotations

from django_tasks import task

from yalu.linkage.pipeline import execute_run


@task()
def run_linkage(run_id: int) -> int:
    run = execute_run(run_id)
    return run.candidate_count


@task()
def score_new_persons_task(person_ids: list[int], source: str = "") -> int:
    """Score persons just imported against the registry (see imported.py); returns the candidates written."""
    from yalu.linkage.imported import score_new_persons

    return score_new_persons(person_ids, source=source)
