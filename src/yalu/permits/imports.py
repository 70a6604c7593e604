"""What the four permits kinds of the exchange formats share: writing row by row through the actions, so that a
row the domain refuses is named with its reason and the others are written (or none, in all-or-nothing mode)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.core.errors import InvalidTransition
from yalu.exchange.kinds import RowsRefused, Written
from yalu.exchange.scratch import StagedRow

Row = TypeVar("Row", bound=StagedRow)


def domain_errors(error: Exception) -> dict[str, list[str]]:
    """A refusal of the domain as errors by field."""
    if isinstance(error, ValidationError):
        return error.message_dict if hasattr(error, "error_dict") else {"__all__": list(error.messages)}
    if isinstance(error, InvalidTransition):
        return {"decision": [str(error)]}
    return {"__all__": [str(error) or _("You may not do this.")]}


def write_each(rows: Sequence[Row], write_one: Callable[[Row], Written]) -> list[Written]:
    """Write every row; if the domain refuses some, raise RowsRefused naming them (the chunk is rolled back)."""
    refused: dict[int, dict[str, list[str]]] = {}
    written: list[Written] = []
    for position, row in enumerate(rows):
        try:
            with transaction.atomic():
                written.append(write_one(row))
        except (ValidationError, InvalidTransition, PermissionDenied) as error:
            refused[position] = domain_errors(error)
    if refused:
        raise RowsRefused(refused)
    return written


def in_domain(call: Callable[[], Any]) -> Any:
    """Run a correction, turning the domain's refusals into a ValidationError the machinery reports."""
    try:
        return call()
    except (InvalidTransition, PermissionDenied) as error:
        raise ValidationError(domain_errors(error)) from error
