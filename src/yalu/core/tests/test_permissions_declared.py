"""Deny by default: every page and every API endpoint declares its permission, or this test fails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from yalu.config.api import api


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name in ("admin", "api-v1") or pattern.namespace in ("admin", "api-v1"):
                continue
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_page_declares_its_permission() -> None:
    undeclared = [route for route, view in walk(get_resolver().url_patterns) if not hasattr(view, "yalu_permission")]
    assert undeclared == []


def test_every_api_operation_declares_its_permission() -> None:
    undeclared = []
    count = 0
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                count += 1
                if not hasattr(operation.view_func, "yalu_permission"):
                    undeclared.append(f"{operation.methods} {path}")
    assert count >= 3
    assert undeclared == []
