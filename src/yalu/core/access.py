"""Deny by default: every view declares the permission it needs, and records are scoped by jurisdiction."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

from yalu.areas.models import Area
from yalu.core.audit import record_audit
from yalu.core.errors import NotFoundOrNotInScope
from yalu.core.models import User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])
PUBLIC = "public"


def requires(permission: str) -> Callable[[ViewFunc], ViewFunc]:
    """Declare and check the permission a view needs; the request's user must hold it."""

    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check_permission(request.user, permission)
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        wrapped.yalu_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def public(view: ViewFunc) -> ViewFunc:
    """Declare a view open to anyone (login page, language switch)."""
    view = login_not_required(view)
    view.yalu_permission = PUBLIC  # type: ignore[attr-defined]
    return view


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a request that passed `requires` (pages are never served to anonymous users)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def check_permission(user: Any, permission: str) -> None:
    if not user.is_authenticated or not user.has_perm(permission):
        raise PermissionDenied(permission)


def jurisdiction_path(user: Any) -> str | None:
    """The path prefix the user may see; None means nothing. Superusers see everything."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return "/"
    area = getattr(user, "jurisdiction", None)
    return area.path if area is not None else None


def scope_q(user: Any, area_field: str) -> Q:
    """A filter keeping rows whose area (`area_field`, a FK to Area) lies in the user's subtree."""
    path = jurisdiction_path(user)
    if path is None:
        return Q(pk__in=[])
    if path == "/":
        return Q()
    return Q(**{f"{area_field}__path__startswith": path})


def area_in_scope(user: Any, area: Area | None) -> bool:
    path = jurisdiction_path(user)
    if path is None or area is None:
        return path == "/"
    return area.path.startswith(path)


def not_found(user: Any, *, object_type: str, object_id: Any, exists: bool) -> NotFoundOrNotInScope:
    """The one error for missing and out-of-scope; an attempt on an existing record is audited as denied."""
    if exists:
        record_audit(
            actor=user,
            action="denied",
            object_type=object_type,
            object_id=str(object_id),
            detail={"reason": "out_of_scope"},
        )
    return NotFoundOrNotInScope(f"{object_type} {object_id} not found")


SIGNED_IN = "signed-in"


def signed_in(view: ViewFunc) -> ViewFunc:
    """Declare a view open to every signed-in user (what it shows is scoped by jurisdiction)."""
    view.yalu_permission = SIGNED_IN  # type: ignore[attr-defined]
    return view
