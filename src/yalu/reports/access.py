"""access_snapshot: a snapshot whose area is in the caller's jurisdiction, or the one not-found error."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from yalu.core.access import area_in_scope, not_found


def access_snapshot(user: Any, snapshot_id: Any) -> Any:
    snapshots = apps.get_model("statistics", "Snapshot")._default_manager
    snapshot = snapshots.select_related("area", "author").filter(pk=snapshot_id).first()
    if snapshot is None or not area_in_scope(user, snapshot.area):
        raise not_found(user, object_type="statistics.snapshot", object_id=snapshot_id, exists=snapshot is not None)
    return snapshot
