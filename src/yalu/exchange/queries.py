"""Reads of imports, scoped: a user sees the imports they uploaded and those of senders within their jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from yalu.core.access import jurisdiction_path
from yalu.core.models import Agency
from yalu.exchange.models import ImportBatch, QuarantinedRow


def import_scope_q(user: Any, prefix: str = "") -> Q:
    path = jurisdiction_path(user)
    if path is None:
        return Q(**{f"{prefix}uploaded_by": user}) if user.is_authenticated else Q(pk__in=[])
    if path == "/":
        return Q()
    return Q(**{f"{prefix}uploaded_by": user}) | Q(**{f"{prefix}sender__area__path__startswith": path})


def imports_for(user: Any) -> QuerySet[ImportBatch]:
    return (
        ImportBatch.objects.filter(import_scope_q(user))
        .select_related("sender", "uploaded_by", "job")
        .order_by("-received_at")
    )


def open_quarantine(batch: ImportBatch) -> QuerySet[QuarantinedRow]:
    return batch.quarantine.order_by("row_number")


def senders_for(user: Any) -> QuerySet[Agency]:
    """Every agency may send files; a user imports on behalf of any of them, within their own jurisdiction."""
    return Agency.objects.order_by("state", "code")
