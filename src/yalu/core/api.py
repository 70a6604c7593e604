"""The API's authentication (session or bearer token) and its permission declaration."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from yalu.core.access import check_permission
from yalu.core.models import APIToken, User

Handler = TypeVar("Handler", bound=Callable[..., Any])


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(*, user: User, name: str) -> str:
    """Create a token and return it; only its digest is kept, so it is shown once."""
    token = f"yalu_{secrets.token_urlsafe(32)}"
    APIToken.objects.create(user=user, name=name, digest=token_digest(token))
    return token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        row = APIToken.objects.select_related("user").filter(digest=token_digest(token)).first()
        if row is None or not row.user.is_active:
            return None
        APIToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [ActiveSessionAuth(), TokenAuth()]


def api_requires(permission: str) -> Callable[[Handler], Handler]:
    """Declare and check an endpoint's permission (the API twin of core.access.requires)."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            check_permission(request.auth, permission)  # type: ignore[attr-defined]
            return handler(request, *args, **kwargs)

        wrapped.yalu_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate
