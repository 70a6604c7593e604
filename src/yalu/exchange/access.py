"""One import or quarantined row, or the same not-found error whether it is missing or out of scope."""

from __future__ import annotations

import uuid
from typing import Any

from yalu.core.access import not_found
from yalu.exchange.models import ImportBatch, QuarantinedRow
from yalu.exchange.queries import import_scope_q, imports_for


def access_import(user: Any, batch_id: uuid.UUID | str) -> ImportBatch:
    batch = imports_for(user).filter(pk=batch_id).first()
    if batch is None:
        raise not_found(
            user,
            object_type="exchange.importbatch",
            object_id=batch_id,
            exists=ImportBatch.objects.filter(pk=batch_id).exists(),
        )
    return batch


def access_quarantined_row(user: Any, batch_id: uuid.UUID, row_id: int) -> QuarantinedRow:
    row = (
        QuarantinedRow.objects.filter(import_scope_q(user, "batch__"), pk=row_id, batch_id=batch_id)
        .select_related("batch", "batch__sender")
        .first()
    )
    if row is None:
        raise not_found(
            user,
            object_type="exchange.quarantinedrow",
            object_id=row_id,
            exists=QuarantinedRow.objects.filter(pk=row_id).exists(),
        )
    return row
