"""A linkage run from start to end: export the records, run Splink, write the candidates for review.

The same code runs in the background task (with a progress bar) and in `manage.py link`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from yalu.core.models import Job, JobStatus
from yalu.linkage import splink_model
from yalu.linkage.engines import open_engine
from yalu.linkage.models import LinkageRun, LinkCandidate, RunKind, RunStatus
from yalu.linkage.records import LinkageRecord, linkage_row
from yalu.linkage.registry import record_of_item, registry_records
from yalu.people.models import NameKey, Person

Say = Callable[[str], None]
QUERY_CHUNK = 500


def latest_model() -> dict[str, Any] | None:
    """The parameters of the latest trained dedupe run, or None when no model was trained yet."""
    run = (
        LinkageRun.objects.filter(kind=RunKind.DEDUPE, status=RunStatus.SUCCEEDED, training="trained")
        .order_by("-finished_at", "-id")
        .first()
    )
    return run.parameters if run is not None and run.parameters else None


def _progress(run: LinkageRun, say: Say | None) -> Callable[[str, int], None]:
    def report(message: str, percent: int) -> None:
        if run.job_id:
            Job.objects.filter(pk=run.job_id).update(message=message, done=percent, total=100)
        if say is not None:
            say(f"[{percent:3d}%] {message}")

    return report


def _source_items(run: LinkageRun) -> list[Any]:
    source = run.source
    items = getattr(source, "items", None)
    if items is None:
        raise ValueError(f"linkage run {run.pk}: its source has no items to link")
    # an item already matched (by its own app, or by an earlier accepted candidate) needs no proposal
    return [
        item
        for item in items.select_related("home_area__parent").order_by("pk")
        if getattr(item, "matched_person_id", None) is None
    ]


def _existing_pairs(run: LinkageRun, foreign_type: ContentType | None) -> set[tuple[int, int]]:
    """Pairs already proposed by an earlier run, whatever was decided: they are not proposed again."""
    earlier = LinkCandidate.objects.exclude(run=run)
    if foreign_type is None:
        return set(earlier.filter(right__isnull=False).values_list("left_id", "right_id"))
    return {
        (person_id, foreign_id)
        for person_id, foreign_id in earlier.filter(foreign_type=foreign_type).values_list("left_id", "foreign_id")
        if foreign_id is not None
    }


def area_of_item(item: Any) -> Any:
    """The area an incoming item lies in, for scoping: its home area, else where its list was received."""
    home = getattr(item, "home_area", None)
    if home is not None:
        return home
    container = getattr(item, "handback_list", None)
    return getattr(container, "area", None) if container is not None else None


def _write_candidates(
    run: LinkageRun,
    predictions: Sequence[splink_model.Prediction],
    foreign_type: ContentType | None,
    areas: dict[int, Any] | None = None,
) -> int:
    seen = _existing_pairs(run, foreign_type)
    rows = []
    for prediction in predictions:
        if foreign_type is None:
            left, right = sorted((prediction.left_id, prediction.right_id))
            pair, right_id, foreign_id = (left, right), right, None
        else:
            left, foreign_id = prediction.right_id, prediction.left_id
            pair, right_id = (left, foreign_id), None
        if pair in seen or left == right_id:
            continue
        seen.add(pair)
        rows.append(
            LinkCandidate(
                run=run,
                left_id=left,
                right_id=right_id,
                foreign_type=foreign_type,
                foreign_id=foreign_id,
                foreign_area=(areas or {}).get(foreign_id) if foreign_id is not None else None,
                match_probability=prediction.match_probability,
                match_weight=prediction.match_weight,
                reasons=prediction.reasons,
            )
        )
    LinkCandidate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def execute_run(run_id: int, *, say: Say | None = None) -> LinkageRun:
    """Run a queued linkage run to its end; a failure is recorded on the run and its job, not raised."""
    run = LinkageRun.objects.select_related("job").get(pk=run_id)
    report = _progress(run, say)
    LinkageRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    if run.job_id:
        Job.objects.filter(pk=run.job_id).update(status=JobStatus.RUNNING, started_at=timezone.now())
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        report("reading the registry", 5)
        registry = [linkage_row(record) for record in registry_records(Person.objects.all())]
        timings["export_s"] = round(time.perf_counter() - started, 3)
        engine = open_engine(run.engine)
        foreign_type = None
        areas: dict[int, Any] = {}
        try:
            if run.kind == RunKind.DEDUPE:
                result = splink_model.dedupe(engine, registry, threshold=run.threshold, progress=report)
                record_count = len(registry)
            else:
                items = _source_items(run)
                areas = {item.pk: area_of_item(item) for item in items}
                incoming = [row for item in items if (row := record_of_item(item)) is not None]
                foreign_type = ContentType.objects.get_for_model(items[0]) if items else None
                if not incoming:
                    foreign_type = None
                record_count = len(incoming)
                result = splink_model.link(
                    engine,
                    [linkage_row(record) for record in incoming],
                    registry,
                    model=latest_model(),
                    threshold=run.threshold,
                    progress=report,
                )
        finally:
            engine.close()
        timings["splink_s"] = round(time.perf_counter() - started - timings["export_s"], 3)
        report("writing the candidates for review", 90)
        with transaction.atomic():
            if run.kind == RunKind.LIST and foreign_type is None:
                count = 0
            else:
                count = _write_candidates(run, result.predictions, foreign_type, areas)
        timings["total_s"] = round(time.perf_counter() - started, 3)
        LinkageRun.objects.filter(pk=run.pk).update(
            status=RunStatus.SUCCEEDED,
            parameters=result.model,
            training=result.training,
            record_count=record_count,
            candidate_count=count,
            timings=timings,
            finished_at=timezone.now(),
        )
        if run.job_id:
            Job.objects.filter(pk=run.job_id).update(
                status=JobStatus.SUCCEEDED,
                done=100,
                total=100,
                message="",
                result={"run": run.pk, "candidates": count},
                finished_at=timezone.now(),
            )
        report(f"done: {record_count} records, {count} candidates for review", 100)
    except Exception as error:
        LinkageRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now()
        )
        if run.job_id:
            Job.objects.filter(pk=run.job_id).update(
                status=JobStatus.FAILED, message=f"{type(error).__name__}: {error}", finished_at=timezone.now()
            )
        if say is not None:
            say(f"failed: {type(error).__name__}: {error}")
    run.refresh_from_db()
    return run


def score_against_registry(
    records: Sequence[LinkageRecord], *, threshold: float = splink_model.DEFAULT_THRESHOLD
) -> list[splink_model.Prediction]:
    """Score new records (e.g. rows of an import) against the registry: (record id, person id) pairs.

    Only persons sharing a stored key with a record are read; they are scored with the latest trained
    model, or with the default parameters when none was trained yet. Nothing is written.
    """
    if not records:
        return []
    keys = sorted({key for record in records for name in record.names for key in (name.key_hangul, *name.keys) if key})
    births = {record.birth_year for record in records if record.birth_year is not None}
    near = sorted(births | {year - 1 for year in births} | {year + 1 for year in births})
    person_ids: set[int] = set()
    for start in range(0, len(keys), QUERY_CHUNK):  # in chunks: SQLite limits the parameters of a query
        sharing = NameKey.objects.filter(key__in=keys[start : start + QUERY_CHUNK]).values("person_id")
        persons = Person.objects.filter(pk__in=sharing)
        if near:
            persons = persons.filter(Q(birth_year__in=near) | Q(birth_year__isnull=True))
        person_ids.update(persons.values_list("pk", flat=True))
    ordered = sorted(person_ids)
    registry = [
        linkage_row(record)
        for start in range(0, len(ordered), QUERY_CHUNK)
        for record in registry_records(Person.objects.filter(pk__in=ordered[start : start + QUERY_CHUNK]))
    ]
    if not registry:
        return []
    engine = open_engine("duckdb")
    try:
        result = splink_model.link(
            engine,
            [linkage_row(record) for record in records],
            registry,
            model=latest_model(),
            threshold=threshold,
            progress=lambda _message, _percent: None,
        )
    finally:
        engine.close()
    return sorted(result.predictions, key=lambda found: (found.left_id, -found.match_probability))
