"""The import as a background task (django-tasks): the page and the API enqueue it, the worker runs it."""

from __future__ import annotations

from django_tasks import task

from yalu.core.models import User
from yalu.exchange.importing import run_import
from yalu.exchange.models import ImportBatch, ImportStatus


@task()
def run_import_task(batch_id: str, user_id: int | None) -> str:
    batch = ImportBatch.objects.select_related("sender").get(pk=batch_id)
    if batch.status != ImportStatus.RECEIVED:
        return str(batch.status)
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None
    return str(run_import(batch=batch, acting_user=user).status)
