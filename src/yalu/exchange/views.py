"""Pages: the imports, upload with a preview (dry run), progress while it runs, and the quarantine."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yalu.core.access import acting_user, requires
from yalu.core.forms import apply_validation_error
from yalu.exchange import actions
from yalu.exchange.access import access_import, access_quarantined_row
from yalu.exchange.forms import QuarantinedRowForm, UploadForm
from yalu.exchange.kinds import get_kind
from yalu.exchange.models import RUNNING_STATUSES, ImportBatch, QuarantineStatus
from yalu.exchange.queries import imports_for, open_quarantine, senders_for
from yalu.exchange.tasks import run_import_task


def enqueue(batch: ImportBatch, request: HttpRequest) -> None:
    user_id = acting_user(request).pk
    transaction.on_commit(lambda: run_import_task.enqueue(str(batch.pk), user_id))


@requires("exchange.view_importbatch")
def import_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(imports_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "exchange/import_list.html", {"page": page})


@requires("exchange.add_importbatch")
def import_create(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, senders=senders_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            batch = actions.receive_import(
                acting_user=acting_user(request),
                kind=data["kind"],
                sender=data["sender"],
                filename=upload.name or "upload",
                chunks=upload.chunks(),
                mode=data["mode"],
                dry_run="preview" in request.POST,
                encoding=data["encoding"],
            )
        except ValidationError as error:
            apply_validation_error(form, error, default_field="file")
        else:
            enqueue(batch, request)
            return redirect("exchange:detail", batch_id=batch.pk)
    return render(request, "exchange/import_form.html", {"form": form})


def _detail_context(request: HttpRequest, batch: ImportBatch) -> dict[str, object]:
    return {
        "batch": batch,
        "running": batch.status in RUNNING_STATUSES,
        "summary": [
            (key, batch.summary.get(key, 0))
            for key in ("created", "corrected", "unchanged", "quarantined", "rejected", "total")
        ],
        "quarantine": open_quarantine(batch),
        "can_import": request.user.has_perm("exchange.add_importbatch"),
    }


@requires("exchange.view_importbatch")
def import_detail(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    batch = access_import(request.user, batch_id)
    return render(request, "exchange/import_detail.html", _detail_context(request, batch))


@requires("exchange.view_importbatch")
def import_progress(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    """The progress bar's fragment, polled every second by htmx; once the import ends the page reloads."""
    batch = access_import(request.user, batch_id)
    response = render(request, "exchange/_progress.html", _detail_context(request, batch))
    if batch.status not in RUNNING_STATUSES:
        response["HX-Refresh"] = "true"
    return response


@requires("exchange.add_importbatch")
@require_POST
def import_confirm(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    preview = access_import(request.user, batch_id)
    try:
        batch = actions.import_previewed(acting_user=acting_user(request), preview=preview)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("exchange:detail", batch_id=preview.pk)
    enqueue(batch, request)
    return redirect("exchange:detail", batch_id=batch.pk)


@requires("exchange.add_importbatch")
def quarantined_row(request: HttpRequest, batch_id: uuid.UUID, row_id: int) -> HttpResponse:
    row = access_quarantined_row(request.user, batch_id, row_id)
    kind = get_kind(row.batch.kind)
    assert kind is not None  # noqa: S101
    form = QuarantinedRowForm(request.POST or None, kind=kind, initial=row.values)
    result = None
    if request.method == "POST" and row.status == QuarantineStatus.OPEN:
        if "discard" in request.POST:
            actions.discard_quarantined_row(acting_user=acting_user(request), row=row)
            messages.success(request, _("The row was discarded."))
            return redirect("exchange:detail", batch_id=row.batch_id)
        if form.is_valid():
            try:
                result = actions.resubmit_quarantined_row(
                    acting_user=acting_user(request), row=row, values=form.values()
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                if result.status == "accepted":
                    messages.success(request, _("The corrected row was imported."))
                    return redirect("exchange:detail", batch_id=row.batch_id)
                row.refresh_from_db()
                for row_error in result.errors:
                    column = row_error["column"] if row_error["column"] in form.fields else None
                    form.add_error(column, row_error["message"])
    return render(request, "exchange/quarantined_row.html", {"row": row, "form": form, "result": result})
