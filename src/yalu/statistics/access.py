"""access_<thing>: the record, or the same not-found error whether it is missing or outside the jurisdiction."""

from __future__ import annotations

import uuid
from typing import Any

from yalu.core.access import not_found
from yalu.statistics.models import AggregateSubmission, Snapshot
from yalu.statistics.queries import snapshots_in_scope, submissions_in_scope


def access_submission(user: Any, submission_id: int) -> AggregateSubmission:
    submission = submissions_in_scope(user).filter(pk=submission_id).first()
    if submission is None:
        exists = AggregateSubmission.objects.filter(pk=submission_id).exists()
        raise not_found(user, object_type="statistics.aggregatesubmission", object_id=submission_id, exists=exists)
    return submission


def access_snapshot(user: Any, snapshot_id: uuid.UUID) -> Snapshot:
    snapshot = snapshots_in_scope(user).filter(pk=snapshot_id).first()
    if snapshot is None:
        exists = Snapshot.objects.filter(pk=snapshot_id).exists()
        raise not_found(user, object_type="statistics.snapshot", object_id=snapshot_id, exists=exists)
    return snapshot
