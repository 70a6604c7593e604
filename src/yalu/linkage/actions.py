"""Writes of linkage: start a run, and decide a candidate (accept, reject, revert, reopen).

Accepting never merges two records: it creates a PersonLink, or matches an incoming record through
its own app's action; reverting marks the link reverted and deletes nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.core.access import check_permission
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition
from yalu.core.models import Job, User
from yalu.linkage.engines import ENGINES, EngineUnavailable, configured_engine_name
from yalu.linkage.models import (
    CANDIDATE_TRANSITIONS,
    CandidateStatus,
    LinkageRun,
    LinkCandidate,
    PersonLink,
    RunKind,
)
from yalu.linkage.splink_model import DEFAULT_THRESHOLD
from yalu.people.models import PersonChange


@transaction.atomic
def start_linkage_run(
    *,
    acting_user: User | None,
    kind: str,
    source: Any = None,
    engine: str = "",
    threshold: float = DEFAULT_THRESHOLD,
    enqueue: bool = True,
) -> LinkageRun:
    """Queue a run (dedupe the registry, or link the items of `source`); the task starts after commit."""
    if acting_user is not None:
        check_permission(acting_user, "linkage.add_linkagerun")
    if kind not in RunKind.values:
        raise ValidationError({"kind": _("Unknown kind of linkage run: %(kind)s.") % {"kind": kind}})
    if kind == RunKind.LIST and (source is None or not hasattr(source, "items")):
        raise ValidationError({"source": _("Choose the list whose records are to be linked.")})
    try:
        engine = engine or configured_engine_name()
    except EngineUnavailable as error:
        raise ValidationError(
            {"engine": _("YALU_LINKAGE_ENGINE names no linkage engine: choose duckdb or spark.")}
        ) from error
    if engine not in ENGINES:
        raise ValidationError({"engine": _("Unknown linkage engine: %(engine)s.") % {"engine": engine}})
    if not 0 < threshold < 1:
        raise ValidationError({"threshold": _("The threshold is a probability between 0 and 1.")})
    job = Job.objects.create(kind=f"linkage.{kind}", created_by=acting_user, total=100)
    run = LinkageRun.objects.create(
        kind=kind, engine=engine, job=job, source=source, threshold=threshold, created_by=acting_user
    )
    record_audit(actor=acting_user, action="create", target=run, detail={"kind": kind, "engine": engine})
    if enqueue:
        from yalu.linkage.tasks import run_linkage

        transaction.on_commit(lambda: run_linkage.enqueue(run.pk))
    return run


def _ledger_match(acting_user: User, item: Any, person: Any) -> None:
    """Match an incoming item through its own app's action, when that app has one."""
    for module_name in ("yalu.ledger.actions", "yalu.ledger.handback"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        match = getattr(module, "match_handback_item", None)
        if match is not None:
            match(acting_user=acting_user, item=item, person=person)
            return
    if hasattr(item, "matched_person_id"):
        raise ValidationError({"candidate": _("This kind of record cannot be matched here.")})


def _on_accept(acting_user: User, candidate: LinkCandidate) -> None:
    if candidate.right_id is not None:
        PersonLink.objects.create(
            left_id=candidate.left_id, right_id=candidate.right_id, candidate=candidate, created_by=acting_user
        )
        for person_id, other_id in ((candidate.left_id, candidate.right_id), (candidate.right_id, candidate.left_id)):
            PersonChange.objects.create(
                person_id=person_id, actor=acting_user, field="linkage", old="", new=f"same person as #{other_id}"
            )
    else:
        _ledger_match(acting_user, candidate.foreign_record, candidate.left)


def _on_revert(acting_user: User, candidate: LinkCandidate) -> None:
    if candidate.right_id is not None:
        now = timezone.now()
        PersonLink.objects.filter(candidate=candidate, reverted=False).update(
            reverted=True, reverted_by=acting_user, reverted_at=now
        )
        for person_id, other_id in ((candidate.left_id, candidate.right_id), (candidate.right_id, candidate.left_id)):
            PersonChange.objects.create(
                person_id=person_id, actor=acting_user, field="linkage", old=f"same person as #{other_id}", new=""
            )
    else:
        item = candidate.foreign_record
        if item is not None and getattr(item, "matched_person_id", None) == candidate.left_id:
            _ledger_match(acting_user, item, None)


@transaction.atomic
def transition_candidate(
    *, acting_user: User, candidate: LinkCandidate, to: str, reason: str = ""
) -> LinkCandidate:
    """Move a candidate along CANDIDATE_TRANSITIONS; a reason is required to reject or revert."""
    check_permission(acting_user, "linkage.change_linkcandidate")
    candidate = LinkCandidate.objects.select_for_update().get(pk=candidate.pk)
    if to not in CANDIDATE_TRANSITIONS.get(candidate.status, set()):
        raise InvalidTransition(current=candidate.status, requested=to)
    reason = reason.strip()
    if to in (CandidateStatus.REJECTED, CandidateStatus.REVERTED) and not reason:
        raise ValidationError({"reason": _("Say why.")})
    previous = candidate.status
    if to == CandidateStatus.ACCEPTED:
        _on_accept(acting_user, candidate)
    elif to == CandidateStatus.REVERTED:
        _on_revert(acting_user, candidate)
    candidate.status = to
    candidate.decided_by = acting_user
    candidate.decided_at = timezone.now()
    candidate.reason = reason[:2000]
    candidate.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    record_audit(
        actor=acting_user,
        action="update",
        target=candidate,
        detail={"from": previous, "to": to, "reason": reason[:500], "left": candidate.left_id,
                "right": candidate.right_id, "foreign": candidate.foreign_id},
    )
    return candidate


def accept_candidate(*, acting_user: User, candidate: LinkCandidate, reason: str = "") -> LinkCandidate:
    return transition_candidate(
        acting_user=acting_user, candidate=candidate, to=CandidateStatus.ACCEPTED, reason=reason
    )


def reject_candidate(*, acting_user: User, candidate: LinkCandidate, reason: str) -> LinkCandidate:
    return transition_candidate(
        acting_user=acting_user, candidate=candidate, to=CandidateStatus.REJECTED, reason=reason
    )


def revert_candidate(*, acting_user: User, candidate: LinkCandidate, reason: str) -> LinkCandidate:
    return transition_candidate(
        acting_user=acting_user, candidate=candidate, to=CandidateStatus.REVERTED, reason=reason
    )
