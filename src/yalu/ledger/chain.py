"""The hash chain of the ledger: each event's hash covers its content and the hash of the event before it."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The fields a hash covers, in this order. Changing the list breaks every existing chain: do not.
HASHED_FIELDS = (
    "sequence",
    "person_id",
    "event_type",
    "occurred_on",
    "occurred_precision",
    "ordered_on",
    "area_id",
    "sector_id",
    "unit",
    "related_event_id",
    "group_ref",
    "note",
    "sender_id",
    "source_ref",
    "import_batch_id",
    "recorded_by_id",
    "recorded_at",
    "supersedes_id",
    "correction_reason",
    "void",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


_PLAIN = frozenset({str, int, bool, type(None)})
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def event_hash(prev_hash: str, values: dict[str, Any]) -> str:
    """sha256 over the previous hash and a canonical JSON of the hashed fields."""
    payload = _ENCODE(
        [value if type(value) in _PLAIN else _canonical(value) for value in map(values.__getitem__, HASHED_FIELDS)]
    )
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    first_broken: int | None  # the sequence number of the first event that does not fit the chain
    problem: str


def check_chain(rows: Iterator[dict[str, Any]], *, head_sequence: int | None, head_hash: str | None) -> ChainCheck:
    """Walk rows in sequence order: numbers without gaps, each prev_hash the hash before, each hash recomputed."""
    expected_sequence, prev_hash, checked = 1, "", 0
    for row in rows:
        sequence = row["sequence"]
        if sequence != expected_sequence:
            return ChainCheck(checked, expected_sequence, f"event {expected_sequence} is missing")
        if row["prev_hash"] != prev_hash:
            return ChainCheck(checked, sequence, "its previous hash does not match the event before it")
        if event_hash(prev_hash, row) != row["hash"]:
            return ChainCheck(checked, sequence, "its content does not match its hash")
        prev_hash = row["hash"]
        expected_sequence += 1
        checked += 1
    last = expected_sequence - 1
    if head_sequence is not None and head_sequence != last:
        return ChainCheck(checked, last + 1, f"the chain head says {head_sequence} events, the table holds {last}")
    if head_hash is not None and head_sequence and head_hash != prev_hash:
        return ChainCheck(checked, last, "the chain head's hash does not match the last event")
    return ChainCheck(checked, None, "")
