"""Writes of the exchange app: receive a file (always kept), run its import, correct or discard quarantined rows."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from yalu.core.access import check_permission
from yalu.core.audit import record_audit
from yalu.core.models import Agency, Job, User
from yalu.exchange.importing import original_path, run_import
from yalu.exchange.kinds import get_kind
from yalu.exchange.models import ImportBatch, ImportMode, QuarantinedRow, QuarantineStatus
from yalu.exchange.reading import format_of
from yalu.exchange.rows import FileRefused

IMPORT_PERMISSION = "exchange.add_importbatch"


def store_original(chunks: Iterable[bytes]) -> tuple[str, int]:
    """Write the bytes to MEDIA_ROOT/imports/<sha256> (streamed, atomically); returns (sha256, size)."""
    digest = hashlib.sha256()
    size = 0
    folder = original_path("x").parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                stream.write(chunk)
        final = original_path(digest.hexdigest())
        if final.exists():
            os.unlink(temporary)
        else:
            os.replace(temporary, final)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return digest.hexdigest(), size


def receive_import(
    *,
    acting_user: User | None,
    kind: str,
    sender: Agency,
    filename: str,
    chunks: Iterable[bytes],
    mode: str = ImportMode.ALL_OR_NOTHING,
    dry_run: bool = False,
    encoding: str = "",
) -> ImportBatch:
    """Keep the original with its hash, sender, kind and uploader, whether or not it will be accepted."""
    if acting_user is not None:
        check_permission(acting_user, IMPORT_PERMISSION)
    errors = {}
    found = get_kind(kind)
    if found is None:
        errors["kind"] = _("Unknown kind: %(kind)s.") % {"kind": kind}
    elif acting_user is not None and found.permission:
        check_permission(acting_user, found.permission)
    if mode not in ImportMode.values:
        errors["mode"] = _("Unknown mode: %(mode)s.") % {"mode": mode}
    try:
        file_format = format_of(filename)
    except FileRefused as refused:
        errors["file"] = refused.errors[0].message
    if errors:
        raise ValidationError(errors)
    sha256, size = store_original(chunks)
    with transaction.atomic():
        job = Job.objects.create(kind=f"import:{kind}", created_by=acting_user)
        batch = ImportBatch.objects.create(
            kind=kind,
            sender=sender,
            uploaded_by=acting_user,
            filename=Path(filename).name[:255],
            sha256=sha256,
            size=size,
            format=file_format,
            encoding=encoding.strip().lower(),
            mode=mode,
            dry_run=dry_run,
            job=job,
            language=get_language() or "",
        )
        record_audit(
            actor=acting_user,
            action="import",
            target=batch,
            detail={"received": batch.filename, "sha256": sha256, "kind": kind, "sender": sender.code},
        )
    return batch


def import_file(
    *,
    acting_user: User | None,
    kind: str,
    sender: Agency,
    path: Path,
    mode: str = ImportMode.ALL_OR_NOTHING,
    dry_run: bool = False,
    encoding: str = "",
) -> ImportBatch:
    """Receive a file from disk and import it now (the command's way)."""

    def chunks() -> Iterable[bytes]:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                yield chunk

    batch = receive_import(
        acting_user=acting_user,
        kind=kind,
        sender=sender,
        filename=path.name,
        chunks=chunks(),
        mode=mode,
        dry_run=dry_run,
        encoding=encoding,
    )
    return run_import(batch=batch, acting_user=acting_user)


def resubmit_quarantined_row(*, acting_user: User, row: QuarantinedRow, values: dict[str, str]) -> ImportBatch:
    """Import a corrected quarantined row as a one-row file of its own (kept like any original)."""
    check_permission(acting_user, IMPORT_PERMISSION)
    if row.status != QuarantineStatus.OPEN:
        raise ValidationError({"status": _("This row was already resubmitted or discarded.")})
    kind = get_kind(row.batch.kind)
    columns = sorted(kind.columns) if kind is not None else sorted(values)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerow([values.get(column, "").strip() for column in columns])
    batch = receive_import(
        acting_user=acting_user,
        kind=row.batch.kind,
        sender=row.batch.sender,
        filename=f"{Path(row.batch.filename).stem}-row-{row.row_number}.csv",
        chunks=[text.getvalue().encode("utf-8")],
    )
    ImportBatch.objects.filter(pk=batch.pk).update(resubmits=row)
    batch = run_import(batch=batch, acting_user=acting_user)
    if batch.status == "accepted":
        QuarantinedRow.objects.filter(pk=row.pk).update(status=QuarantineStatus.RESUBMITTED, values=values)
    else:
        QuarantinedRow.objects.filter(pk=row.pk).update(values=values, errors=batch.errors)
    return batch


@transaction.atomic
def discard_quarantined_row(*, acting_user: User, row: QuarantinedRow) -> QuarantinedRow:
    check_permission(acting_user, IMPORT_PERMISSION)
    if row.status != QuarantineStatus.OPEN:
        raise ValidationError({"status": _("This row was already resubmitted or discarded.")})
    row.status = QuarantineStatus.DISCARDED
    row.save(update_fields=["status", "updated_at"])
    record_audit(actor=acting_user, action="update", target=row, detail={"discarded": row.row_number})
    return row


def import_previewed(*, acting_user: User, preview: ImportBatch) -> ImportBatch:
    """After a dry run: the same stored original, received again as a real import (run by the caller's task)."""
    check_permission(acting_user, IMPORT_PERMISSION)
    if not preview.dry_run:
        raise ValidationError({"batch": _("Only a preview (dry run) can be imported from here.")})
    path = original_path(preview.sha256)

    def chunks() -> Iterable[bytes]:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                yield chunk

    return receive_import(
        acting_user=acting_user,
        kind=preview.kind,
        sender=preview.sender,
        filename=preview.filename,
        chunks=chunks(),
        mode=preview.mode,
        encoding=preview.encoding,
    )
