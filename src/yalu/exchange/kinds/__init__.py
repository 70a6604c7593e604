"""The registry of kinds: each kind of the exchange formats is one module with a `Kind` subclass.

A kind says which columns it takes, checks one row, checks rows against each other (on the scratch
table), and writes new rows and corrections through its domain's actions. The machinery in
`yalu.exchange.importing` does the rest: reading, encodings, numbering, idempotence, quarantine, summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise

from yalu.core.models import Agency, User
from yalu.exchange.rows import RowError
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import AreaTable


@dataclass
class CheckContext:
    sender: Agency
    user: User | None
    areas: AreaTable
    source: str


@dataclass
class WriteContext:
    sender: Agency
    user: User | None
    batch_id: Any
    areas: AreaTable
    source: str
    # per import: what the writer wants to keep between chunks (small, bounded data only)
    memo: dict[str, Any] = field(default_factory=dict)
    # told the ids of the persons a write creates, so they are scored against the registry once committed
    on_created: Callable[[Sequence[int]], None] | None = None


@dataclass
class Written:
    """What a row became: the ids of what was written (kept on ImportedRow) and facts for later checks."""

    targets: dict[str, Any]
    facts: dict[str, Any] = field(default_factory=dict)


class RowsRefused(ValidationError):
    """The domain refused some rows of a chunk: their errors (field → messages) by position in the chunk."""

    def __init__(self, by_position: dict[int, dict[str, list[str]]]) -> None:
        super().__init__({"__all__": ["Some rows were refused."]})
        self.by_position = by_position


class Kind:
    name: str = ""
    label: Promise | str = ""
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    fact_columns: tuple[str, ...] = ()
    # rows are written in this order (SQL over the scratch table), and never split across chunks by group_column
    # the permission the domain's writing action asks of the importing user (checked before the file is read)
    permission: str = ""
    write_order: str = "row"
    group_column: str = ""

    @property
    def columns(self) -> frozenset[str]:
        return self.required | self.optional | {"ref"}

    def column_of(self, field: str) -> str:
        """The file's column for a field name in the domain's errors."""
        return field

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        """(clean values, facts for the scratch columns), or RowProblems."""
        raise NotImplementedError

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        return []

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        raise NotImplementedError

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        raise NotImplementedError


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> Kind | None:
    _load()
    return KINDS.get(name)


def kind_choices() -> list[tuple[str, str]]:
    _load()
    return [(name, str(kind.label)) for name, kind in sorted(KINDS.items())]


def _load() -> None:
    from yalu.exchange.kinds import aggregates, handback_lists, movements  # noqa: F401

    from . import applications, decisions, letters, reunification_requests  # noqa: F401 (permits)
