"""access_candidate / access_run: the record, or the same not-found error whether missing or out of scope."""

from __future__ import annotations

from typing import Any

from yalu.core.access import not_found
from yalu.linkage.models import LinkageRun, LinkCandidate
from yalu.linkage.queries import candidates_in_scope, lists_to_link, runs


def access_candidate(user: Any, candidate_id: int) -> LinkCandidate:
    candidate = candidates_in_scope(user, status=None).filter(pk=candidate_id).first()
    if candidate is None:
        raise not_found(
            user,
            object_type="linkage.linkcandidate",
            object_id=candidate_id,
            exists=LinkCandidate.objects.filter(pk=candidate_id).exists(),
        )
    return candidate


def access_run(user: Any, run_id: int) -> LinkageRun:
    run = runs(user).filter(pk=run_id).first()
    if run is None:
        raise not_found(user, object_type="linkage.linkagerun", object_id=run_id, exists=False)
    return run


def access_list_to_link(user: Any, list_id: int) -> Any:
    """A handback list received in the user's jurisdiction, or the not-found error."""
    lists = lists_to_link(user)
    found = lists.filter(pk=list_id).first() if lists is not None else None
    if found is None:
        raise not_found(
            user,
            object_type="ledger.handbacklist",
            object_id=list_id,
            exists=lists is not None and lists.model.objects.filter(pk=list_id).exists(),
        )
    return found
