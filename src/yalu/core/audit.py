"""Writing the audit log. Every write, view of a person, search, export, login and denial lands here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from yalu.core.models import AuditEvent, User, model_label


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def record_audit(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    username: str = "",
) -> AuditEvent:
    user = actor if isinstance(actor, User) and actor.pk else None
    if target is not None:
        object_type = model_label(target)
        object_id = str(target.pk)
    return AuditEvent.objects.create(
        actor=user,
        actor_username=user.get_username() if user else username,
        action=action,
        object_type=object_type,
        object_id=object_id,
        path=request.get_full_path()[:512] if request is not None else "",
        ip=client_ip(request),
        detail=detail or {},
    )
