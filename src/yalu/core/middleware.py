"""Every denied request (401, 403) goes to the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from yalu.core.audit import record_audit


class AuditDeniedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in (401, 403):
            user = getattr(request, "user", None)
            record_audit(
                actor=user,
                action="denied",
                request=request,
                detail={"status": response.status_code, "method": request.method},
            )
        return response


class LoginRequiredExceptAPIMiddleware(LoginRequiredMiddleware):
    """Pages need a session; the API authenticates itself (session or token) and answers 401, not a redirect."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
