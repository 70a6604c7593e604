"""The errors every app raises; views and the API translate them the same way."""

from __future__ import annotations

from django.http import Http404


class NotFoundOrNotInScope(Http404):
    """The same error whether a record is missing or outside the caller's jurisdiction."""


class InvalidTransition(Exception):
    """A state machine was asked for a move its table does not allow (not a permission error)."""

    def __init__(self, *, current: str, requested: str) -> None:
        super().__init__(f"cannot go from {current} to {requested}")
        self.current = current
        self.requested = requested
