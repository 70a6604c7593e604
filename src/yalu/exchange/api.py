import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from yalu.core.api import api_requires
from yalu.core.models import Agency
from yalu.exchange import actions
from yalu.exchange.access import access_import
from yalu.exchange.models import ImportBatch, ImportMode
from yalu.exchange.tasks import run_import_task

router = Router(tags=["imports"])


class RowErrorOut(Schema):
    row: int
    column: str
    code: str
    message: str


class ImportOut(Schema):
    id: uuid.UUID
    kind: str
    sender: str
    filename: str
    sha256: str
    format: str
    encoding: str
    mode: str
    dry_run: bool
    status: str
    progress: int
    summary: dict[str, int]
    errors: list[RowErrorOut]


def import_out(batch: ImportBatch) -> ImportOut:
    return ImportOut(
        id=batch.pk,
        kind=batch.kind,
        sender=batch.sender.code,
        filename=batch.filename,
        sha256=batch.sha256,
        format=batch.format,
        encoding=batch.encoding,
        mode=batch.mode,
        dry_run=batch.dry_run,
        status=batch.status,
        progress=batch.job.percent if batch.job is not None else 0,
        summary=batch.summary,
        errors=[RowErrorOut(**error) for error in batch.errors],
    )


@router.post(
    "/", response={202: ImportOut}, summary="Upload a file in an exchange format; it is imported in the background"
)
@api_requires("exchange.add_importbatch")
def create_import(
    request: HttpRequest,
    file: File[UploadedFile],
    kind: Form[str],
    sender: Form[str],
    mode: Form[str] = ImportMode.ALL_OR_NOTHING,
    dry_run: Form[bool] = False,
    encoding: Form[str] = "",
) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    agency = Agency.objects.filter(code=sender.strip()).first()
    if agency is None:
        raise ValidationError({"sender": f"Unknown sender: {sender}."})
    batch = actions.receive_import(
        acting_user=user,
        kind=kind,
        sender=agency,
        filename=file.name or "upload",
        chunks=file.chunks(),
        mode=mode,
        dry_run=dry_run,
        encoding=encoding,
    )
    transaction.on_commit(lambda: run_import_task.enqueue(str(batch.pk), user.pk))
    batch.refresh_from_db()
    return Status(202, import_out(access_import(user, batch.pk)))


@router.get("/{batch_id}", response=ImportOut, summary="An import's status, progress, summary and bad rows")
@api_requires("exchange.view_importbatch")
def get_import(request: HttpRequest, batch_id: uuid.UUID) -> ImportOut:
    return import_out(access_import(request.auth, batch_id))  # type: ignore[attr-defined]
