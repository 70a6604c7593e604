"""Running an import: check the whole file, then write it in one transaction (or refuse it whole).

Phases: received → checking → writing → accepted / partially_accepted / refused / dry_run, or failed.
The write phase is one transaction serialised per (sender, kind) by a locked ImportLock row, so a
killed process leaves no row of its file, and two imports of one file at once write it once.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yalu.core.audit import record_audit
from yalu.core.bulk import insert_rows, reserve_ids
from yalu.core.models import Job, JobStatus, User
from yalu.exchange.checking import check_file
from yalu.exchange.kinds import CheckContext, Kind, RowsRefused, WriteContext, Written, get_kind
from yalu.exchange.models import (
    RUNNING_STATUSES,
    ImportBatch,
    ImportedRow,
    ImportLock,
    ImportMode,
    ImportStatus,
    QuarantinedRow,
)
from yalu.exchange.reading import codec_of, count_rows
from yalu.exchange.rows import FileRefused, RowError
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import AreaTable

CHUNK = 5000
logger = logging.getLogger(__name__)
SUMMARY_KEYS = ("created", "corrected", "unchanged", "quarantined", "rejected", "total")


def original_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / sha256


def empty_summary(total: int = 0) -> dict[str, int]:
    return {**dict.fromkeys(SUMMARY_KEYS, 0), "total": total}


class _Rollback(Exception):
    """Leaves the write transaction without keeping anything (dry run, or a refused all-or-nothing file)."""

    def __init__(self, summary: dict[str, int], errors: list[RowError], status: str) -> None:
        super().__init__(status)
        self.summary, self.errors, self.status = summary, errors, status


class Progress:
    """The job's progress bar: twice the rows (checking, then writing).

    During the write transaction, PostgreSQL gets the numbers through a second connection so that the
    page sees them; SQLite allows one writer, so there the bar moves at the end of the write.
    """

    def __init__(self, job: Job | None, rows: int) -> None:
        self.job_id = job.pk if job is not None else None
        self.rows = max(rows, 1)
        self._side: Any = None

    def checked(self, done: int) -> None:
        if self.job_id is not None:
            self.rows = max(self.rows, done)
            Job.objects.filter(pk=self.job_id).update(done=done, total=2 * self.rows)

    def written(self, done: int) -> None:
        if self.job_id is None or connection.vendor != "postgresql":
            return
        if self._side is None:
            self._side = connections.create_connection("default")
        with self._side.cursor() as cursor:
            cursor.execute(
                "UPDATE core_job SET done = %s, total = %s WHERE id = %s",
                [self.rows + min(done, self.rows), 2 * self.rows, self.job_id],
            )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_stale_imports() -> int:
    """Mark as failed the imports left running by a process of this host that no longer exists."""
    host = socket.gethostname()
    stale = [
        batch
        for batch in ImportBatch.objects.filter(status__in=RUNNING_STATUSES, worker_host=host).exclude(worker_pid=None)
        if batch.worker_pid is not None and batch.worker_pid != os.getpid() and not _process_alive(batch.worker_pid)
    ]
    for batch in stale:
        _finish(
            batch,
            ImportStatus.FAILED,
            batch.summary or empty_summary(),
            batch.errors,
            _("The import process stopped before it finished; nothing of the file was written."),
        )
    return len(stale)


def _finish(batch: ImportBatch, status: str, summary: dict[str, int], errors: list[Any], message: str = "") -> None:
    batch.status = status
    batch.summary = summary
    batch.errors = errors
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "summary", "errors", "finished_at"])
    if batch.job_id is not None:
        succeeded = status not in (ImportStatus.FAILED,)
        Job.objects.filter(pk=batch.job_id).update(
            status=JobStatus.SUCCEEDED if succeeded else JobStatus.FAILED,
            finished_at=timezone.now(),
            message=message or str(ImportStatus(status).label),
            result={"batch": str(batch.pk), "status": status, "summary": summary},
            **({"done": 1, "total": 1} if succeeded else {}),
        )


def run_import(*, batch: ImportBatch, acting_user: User | None) -> ImportBatch:
    """Check and write one received batch; returns it with its status, summary and errors."""
    with translation.override(batch.language or None), _fewer_collections():
        return _run_import(batch, acting_user)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cycle collector, left as it is, walks the whole heap again and again while an import
    allocates its millions of short-lived objects: about a third of the import's time. During the import
    the objects that existed before it are set aside (gc.freeze) and collections run less often."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], 50_000), max(thresholds[1], 20), max(thresholds[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _run_import(batch: ImportBatch, acting_user: User | None) -> ImportBatch:
    kind = get_kind(batch.kind)
    if kind is None:
        _finish(batch, ImportStatus.REFUSED, empty_summary(), [RowError(0, "", "kind", "unknown kind").as_dict()])
        return batch
    fail_stale_imports()
    batch.status = ImportStatus.CHECKING
    batch.worker_host, batch.worker_pid = socket.gethostname(), os.getpid()
    batch.save(update_fields=["status", "worker_host", "worker_pid"])
    if batch.job_id is not None:
        Job.objects.filter(pk=batch.job_id).update(status=JobStatus.RUNNING, started_at=timezone.now())
    path = original_path(batch.sha256)
    progress = Progress(batch.job, count_rows(path, batch.format))
    areas = AreaTable(acting_user)
    source = f"{batch.sender.code} {batch.kind} {batch.filename}"
    check_context = CheckContext(sender=batch.sender, user=acting_user, areas=areas, source=source)
    try:
        with Scratch(kind.fact_columns) as scratch:
            try:
                codec = codec_of(batch.encoding)
                errors = check_file(
                    path=path,
                    file_format=batch.format,
                    codec=codec,
                    kind=kind,
                    context=check_context,
                    scratch=scratch,
                    on_progress=progress.checked,
                )
            except FileRefused as refused:
                total = max(scratch.count(), progress.rows if progress.rows > 1 else scratch.count())
                summary = {**empty_summary(total), "rejected": total}
                _finish(batch, ImportStatus.REFUSED, summary, [e.as_dict() for e in refused.errors])
                _audit(acting_user, batch)
                return batch
            total = scratch.count()
            bad_rows = {error.row for error in errors}
            if bad_rows and batch.mode == ImportMode.ALL_OR_NOTHING:
                status = ImportStatus.DRY_RUN if batch.dry_run else ImportStatus.REFUSED
                _finish(batch, status, {**empty_summary(total), "rejected": total}, [e.as_dict() for e in errors])
                _audit(acting_user, batch)
                return batch
            batch.status = ImportStatus.WRITING
            batch.save(update_fields=["status"])
            write_context = WriteContext(
                sender=batch.sender,
                user=acting_user,
                batch_id=batch.pk,
                areas=areas,
                source=source,
                on_created=scratch.add_created,
            )
            try:
                summary, errors = _write(batch, kind, scratch, errors, write_context, progress)
            except _Rollback as rollback:
                _finish(batch, rollback.status, rollback.summary, [e.as_dict() for e in rollback.errors])
                _audit(acting_user, batch)
                return batch
            _score_new_persons(scratch, source)
            if summary["created"] or summary["corrected"]:
                _warm_dashboards(source)
    except BaseException as error:
        _fail(batch, error)
        raise
    finally:
        progress.close()
    status = ImportStatus.PARTIALLY_ACCEPTED if summary["quarantined"] else ImportStatus.ACCEPTED
    _finish(batch, status, summary, [e.as_dict() for e in errors])
    return batch


SCORE_CHUNK = 5000
logger = logging.getLogger(__name__)


def _score_new_persons(scratch: Scratch, source: str) -> None:
    """Have the persons this import created scored against the registry by the linkage model (on the worker);
    likely matches reach the linkage review queue. The import is committed: a failure here only warns."""
    from yalu.linkage.tasks import score_new_persons_task

    try:
        for person_ids in scratch.created(SCORE_CHUNK):
            score_new_persons_task.enqueue(person_ids=person_ids, source=source)
    except Exception:
        logger.exception("could not queue the scoring of the persons created by %s", source)


def _warm_dashboards(source: str) -> None:
    """Have the home pages' and the reports' figures computed again on the worker now that the data changed,
    so that the next visit reads them instead of waiting for them. The import is committed: a failure only
    warns."""
    from yalu.reports.tasks import warm_reports
    from yalu.statistics.tasks import warm_dashboards

    for task in (warm_dashboards, warm_reports):
        try:
            task.enqueue()
        except Exception:
            logger.exception("could not queue %s after %s", task.name, source)


def _fail(batch: ImportBatch, error: BaseException) -> None:
    """Record the failure; after a lost database connection, on a fresh one."""
    message = _("The import failed: %(error)s") % {"error": str(error)[:500] or type(error).__name__}
    for _attempt in range(2):
        try:
            _finish(batch, ImportStatus.FAILED, batch.summary or empty_summary(), batch.errors or [], message)
            return
        except DatabaseError:
            connection.close()
            time.sleep(0.5)


def _audit(user: User | None, batch: ImportBatch) -> None:
    record_audit(
        actor=user,
        action="import",
        object_type="exchange.importbatch",
        object_id=str(batch.pk),
        detail={"kind": batch.kind, "sender": batch.sender.code, "status": batch.status, "summary": batch.summary},
    )


def _chunks(rows: Iterator[StagedRow], group_column: str) -> Iterator[list[StagedRow]]:
    chunk: list[StagedRow] = []
    for row in rows:
        if len(chunk) >= CHUNK and (
            not group_column or row.clean.get(group_column) != chunk[-1].clean.get(group_column)
        ):
            yield chunk
            chunk = []
        chunk.append(row)
    if chunk:
        yield chunk


def _groups(rows: list[StagedRow], group_column: str) -> list[list[StagedRow]]:
    if not group_column:
        return [[row] for row in rows]
    groups: dict[Any, list[StagedRow]] = {}
    for row in rows:
        groups.setdefault(row.clean.get(group_column), []).append(row)
    return list(groups.values())


def _errors_of(row: int, error: ValidationError, kind: Kind) -> list[RowError]:
    if hasattr(error, "error_dict"):
        return [
            RowError(row, "" if field == "__all__" else kind.column_of(field), "rejected", message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError(row, "", "rejected", message) for message in error.messages]


def _write_new(
    kind: Kind, rows: list[StagedRow], context: WriteContext
) -> tuple[list[tuple[StagedRow, Written]], list[RowError]]:
    """Write the chunk in one go. Rows the domain refuses are named (by position when it says which,
    otherwise by writing group by group) and the rest written."""
    errors: list[RowError] = []
    while rows:
        try:
            with transaction.atomic():
                return list(zip(rows, kind.write_new(rows, context), strict=True)), errors
        except RowsRefused as refused:
            for position, fields in sorted(refused.by_position.items()):
                errors += _errors_of(rows[position].row, ValidationError(fields), kind)
            rows = [row for position, row in enumerate(rows) if position not in refused.by_position]
        except ValidationError:
            break
    written: list[tuple[StagedRow, Written]] = []
    for group in _groups(rows, kind.group_column):
        try:
            with transaction.atomic():
                written += zip(group, kind.write_new(group, context), strict=True)
        except ValidationError as error:
            errors += [e for row in group for e in _errors_of(row.row, error, kind)]
    return written, errors


def _write(
    batch: ImportBatch, kind: Kind, scratch: Scratch, errors: list[RowError], context: WriteContext, progress: Progress
) -> tuple[dict[str, int], list[RowError]]:
    ImportLock.objects.get_or_create(sender=batch.sender, kind=batch.kind)
    pause = float(os.environ.get("YALU_IMPORT_PAUSE_AFTER_CHUNK", "0") or 0)
    summary = empty_summary(scratch.count())
    write_errors: list[RowError] = []
    with transaction.atomic():
        ImportLock.objects.select_for_update().get(sender=batch.sender, kind=batch.kind)
        done, next_analyze = 0, FIRST_ANALYZE
        for chunk in _chunks(scratch.staged(ok=True, order_by=kind.write_order), kind.group_column):
            current = {
                row.ref: row
                for row in ImportedRow.objects.filter(
                    sender=batch.sender, kind=batch.kind, is_current=True, ref__in=[r.ref for r in chunk]
                )
            }
            new = [row for row in chunk if row.ref not in current]
            summary["unchanged"] += sum(
                1 for row in chunk if row.ref in current and current[row.ref].content_hash == row.content_hash
            )
            written, failed = _write_new(kind, new, context)
            write_errors += failed
            _record_rows(batch, written)
            summary["created"] += len(written)
            for row in chunk:
                previous = current.get(row.ref)
                if previous is None or previous.content_hash == row.content_hash:
                    continue
                try:
                    with transaction.atomic():
                        _correct(batch, kind, row, previous, context)
                    summary["corrected"] += 1
                except ValidationError as error:
                    write_errors += _errors_of(row.row, error, kind)
            done += len(chunk)
            progress.written(done)
            if done >= next_analyze:
                _analyze_growing_tables()
                next_analyze *= 4
            if pause:
                _pause_for_tests(pause)
                pause = 0
        errors = sorted(errors + write_errors, key=lambda error: (error.row, error.column))
        bad_rows = sorted({error.row for error in errors})
        if bad_rows and batch.mode == ImportMode.ALL_OR_NOTHING:
            status = ImportStatus.DRY_RUN if batch.dry_run else ImportStatus.REFUSED
            raise _Rollback({**empty_summary(summary["total"]), "rejected": summary["total"]}, errors, status)
        summary["quarantined"] = len(bad_rows)
        _quarantine(batch, scratch, errors)
        batch.summary = summary
        if batch.dry_run:
            raise _Rollback(summary, errors, ImportStatus.DRY_RUN)
        batch.status = ImportStatus.PARTIALLY_ACCEPTED if bad_rows else ImportStatus.ACCEPTED
        _audit(context.user, batch)
    return summary, errors


IMPORTED_ROW_FIELDS = (
    "id", "sender", "kind", "ref", "content_hash", "batch", "row_number", "version", "is_current",
    "targets", "facts", "created_at",
)  # fmt: skip


def _record_rows(batch: ImportBatch, written: list[tuple[StagedRow, Written]]) -> None:
    """What each written row became, for re-imports (unchanged or corrected) and for the batch's page."""
    now = timezone.now()
    ids = reserve_ids(ImportedRow, len(written))
    insert_rows(
        ImportedRow,
        IMPORTED_ROW_FIELDS,
        (
            (pk, batch.sender_id, batch.kind, row.ref, row.content_hash, batch.pk, row.row, 1, True,
             result.targets, result.facts, now)  # fmt: skip
            for pk, (row, result) in zip(ids, written, strict=True)
        ),
    )


FIRST_ANALYZE = 20_000  # rows written; then after 4 times as many, and so on


def _analyze_growing_tables() -> None:
    """Refresh PostgreSQL's statistics of the tables a large import grows, inside its transaction (ANALYZE
    counts the transaction's own rows). Without it, an import into a young database is planned as if the
    registry were still empty, and reading it by key turns into scans of the whole table."""
    if connection.vendor != "postgresql":
        return
    from yalu.ledger.models import MovementEvent
    from yalu.people.models import NameKey, Person, PersonName

    tables = [model._meta.db_table for model in (Person, PersonName, NameKey, MovementEvent, ImportedRow)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(table) for table in tables)}")


def _pause_for_tests(seconds: float) -> None:
    """The kill test's hook: say the first chunk is written (inside the open transaction), then wait."""
    marker = os.environ.get("YALU_IMPORT_MARKER")
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(seconds)


def _correct(batch: ImportBatch, kind: Kind, row: StagedRow, previous: ImportedRow, context: WriteContext) -> None:
    result = kind.write_correction(row, previous.targets, context)
    ImportedRow.objects.filter(pk=previous.pk).update(is_current=False)
    replacement = ImportedRow.objects.create(
        sender=batch.sender,
        kind=batch.kind,
        ref=row.ref,
        content_hash=row.content_hash,
        batch=batch,
        row_number=row.row,
        version=previous.version + 1,
        targets=result.targets,
        facts=result.facts,
    )
    ImportedRow.objects.filter(pk=previous.pk).update(superseded_by=replacement)


def _quarantine(batch: ImportBatch, scratch: Scratch, errors: list[RowError]) -> None:
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(error.as_dict())
    if not by_row:
        return
    wanted = sorted(by_row)
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" * len(part))
        rows = scratch.query(f"SELECT row, ref, raw FROM rows WHERE row IN ({marks})", part)  # noqa: S608
        QuarantinedRow.objects.bulk_create(
            [
                QuarantinedRow(batch=batch, row_number=row, ref=ref, values=json.loads(raw), errors=by_row[row])
                for row, ref, raw in rows
            ]
        )
