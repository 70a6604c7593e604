"""New persons scored against the registry on import: probable duplicates go to the review queue.

An import (or anything else that creates persons in bulk) calls `score_new_persons_task.enqueue(...)`
after it committed. The persons are read back as registry records, scored with
`pipeline.score_against_registry` against the persons sharing a stored key with them, and every
predicted pair not yet proposed or linked is written as a pending candidate of one dedupe run, whose
note says where the persons came from.
"""

from __future__ import annotations

import time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from yalu.core.audit import record_audit
from yalu.linkage import splink_model
from yalu.linkage.models import LinkageRun, LinkCandidate, PersonLink, RunKind, RunStatus
from yalu.linkage.pipeline import QUERY_CHUNK, latest_model, score_against_registry
from yalu.linkage.registry import registry_records
from yalu.people.models import Person

NOTE_LENGTH = 200


def _known_pairs(person_ids: set[int]) -> set[tuple[int, int]]:
    """(smaller id, larger id) of the person pairs touching `person_ids` already proposed or linked."""
    ordered = sorted(person_ids)
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(ordered), QUERY_CHUNK):
        chunk = ordered[start : start + QUERY_CHUNK]
        touching = Q(left_id__in=chunk) | Q(right_id__in=chunk)
        rows = [
            *LinkCandidate.objects.filter(touching, right__isnull=False).values_list("left_id", "right_id"),
            *PersonLink.objects.filter(touching).values_list("left_id", "right_id"),
        ]
        pairs.update((min(left, right), max(left, right)) for left, right in rows if right is not None)
    return pairs


def score_new_persons(person_ids: list[int], *, source: str = "") -> int:
    """Score these persons against the rest of the registry; returns the number of candidates written.

    A person is never paired with itself; a pair already in the review queue (whatever was decided)
    or already linked is not proposed again, so scoring the same persons twice writes nothing new.
    Persons without a name are skipped. The run is recorded even when it finds nothing, and when
    scoring fails (marked failed, with the error; the error is raised again).
    """
    started = time.perf_counter()
    wanted = sorted({int(person_id) for person_id in person_ids})
    records = [
        record
        for start in range(0, len(wanted), QUERY_CHUNK)
        for record in registry_records(Person.objects.filter(pk__in=wanted[start : start + QUERY_CHUNK]))
    ]
    model = latest_model()
    try:
        predictions = score_against_registry(records)
    except Exception as error:  # shown on the runs page, then raised so the task is marked failed too
        LinkageRun.objects.create(
            kind=RunKind.DEDUPE,
            engine="duckdb",
            status=RunStatus.FAILED,
            note=source.strip()[:NOTE_LENGTH],
            record_count=len(records),
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    scored_at = time.perf_counter()
    with transaction.atomic():
        run = LinkageRun.objects.create(
            kind=RunKind.DEDUPE,
            engine="duckdb",  # what score_against_registry runs on
            status=RunStatus.RUNNING,
            threshold=splink_model.DEFAULT_THRESHOLD,
            note=source.strip()[:NOTE_LENGTH],
        )
        seen = _known_pairs({record.record_id for record in records})
        rows = []
        for prediction in predictions:
            pair = (min(prediction.left_id, prediction.right_id), max(prediction.left_id, prediction.right_id))
            if pair[0] == pair[1] or pair in seen:
                continue
            seen.add(pair)
            rows.append(
                LinkCandidate(
                    run=run,
                    left_id=pair[0],
                    right_id=pair[1],
                    match_probability=prediction.match_probability,
                    match_weight=prediction.match_weight,
                    reasons=prediction.reasons,
                )
            )
        LinkCandidate.objects.bulk_create(rows, batch_size=2000)
        LinkageRun.objects.filter(pk=run.pk).update(
            status=RunStatus.SUCCEEDED,
            parameters=model or {},
            training="stored" if model else "defaults",
            record_count=len(records),
            candidate_count=len(rows),
            timings={
                "score_s": round(scored_at - started, 3),
                "total_s": round(time.perf_counter() - started, 3),
            },
            finished_at=timezone.now(),
        )
        record_audit(
            actor=None,
            action="create",
            target=run,
            detail={"kind": RunKind.DEDUPE, "source": run.note, "persons": len(wanted), "candidates": len(rows)},
        )
    return len(rows)
