"""Logins, failed logins and logouts go to the audit log (auth only tells us through its signals)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from yalu.core.audit import record_audit


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_audit(actor=user, action="login", request=request)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_audit(actor=user, action="logout", request=request)


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    record_audit(actor=None, action="login_failed", request=request, username=username)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="yalu-audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="yalu-audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="yalu-audit-login-failed")
