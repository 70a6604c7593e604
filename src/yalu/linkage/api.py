from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from yalu.core.api import api_requires
from yalu.core.errors import InvalidTransition
from yalu.linkage import actions
from yalu.linkage.access import access_candidate, access_list_to_link, access_run
from yalu.linkage.models import CandidateStatus, LinkageRun, LinkCandidate, RunKind
from yalu.linkage.queries import candidates_in_scope

router = Router(tags=["linkage"])


class CandidateOut(Schema):
    id: int
    run: int
    status: str
    match_probability: float
    match_weight: float
    reasons: dict[str, str]
    left_person: int
    right_person: int | None
    foreign_type: str | None
    foreign_id: int | None
    reason: str


class CandidatesOut(Schema):
    count: int
    items: list[CandidateOut]


class CandidatesQuery(Schema):
    status: str = CandidateStatus.PENDING
    limit: int = 50
    offset: int = 0


class DecisionIn(Schema):
    decision: str
    reason: str = ""


class RunIn(Schema):
    threshold: float = 0.9
    handback_list: int | None = None  # link this list (received in the jurisdiction) instead of deduplicating


class RunOut(Schema):
    id: int
    kind: str
    note: str
    engine: str
    status: str
    progress: int
    message: str
    record_count: int
    candidate_count: int
    training: str
    timings: dict[str, float]
    error: str


def candidate_out(candidate: LinkCandidate) -> CandidateOut:
    return CandidateOut(
        id=candidate.pk,
        run=candidate.run_id,
        status=candidate.status,
        match_probability=candidate.match_probability,
        match_weight=candidate.match_weight,
        reasons={str(key): str(value) for key, value in candidate.reasons.items()},
        left_person=candidate.left_id,
        right_person=candidate.right_id,
        foreign_type=candidate.foreign_type.model if candidate.foreign_type else None,
        foreign_id=candidate.foreign_id,
        reason=candidate.reason,
    )


def run_out(run: LinkageRun) -> RunOut:
    return RunOut(
        id=run.pk,
        kind=run.kind,
        note=run.note,
        engine=run.engine,
        status=run.status,
        progress=run.job.percent if run.job else 0,
        message=run.job.message if run.job else "",
        record_count=run.record_count,
        candidate_count=run.candidate_count,
        training=run.training,
        timings=run.timings,
        error=run.error,
    )


@router.get("/candidates", response=CandidatesOut, summary="Link candidates in the caller's jurisdiction")
@api_requires("linkage.view_linkcandidate")
def list_candidates(request: HttpRequest, filters: Query[CandidatesQuery]) -> CandidatesOut:
    user = request.auth  # type: ignore[attr-defined]
    status = filters.status if filters.status in CandidateStatus.values else None
    candidates = candidates_in_scope(user, status=status)
    limit, offset = max(1, min(filters.limit, 500)), max(0, filters.offset)
    return CandidatesOut(
        count=candidates.count(), items=[candidate_out(c) for c in candidates[offset : offset + limit]]
    )


@router.post(
    "/candidates/{candidate_id}/decision",
    response={200: CandidateOut, 409: dict[str, str]},
    summary="Accept, reject, revert or reopen a candidate (a reason is required to reject or revert)",
)
@api_requires("linkage.change_linkcandidate")
def decide_candidate(request: HttpRequest, candidate_id: int, body: DecisionIn) -> Status[Any]:
    user = request.auth  # type: ignore[attr-defined]
    candidate = access_candidate(user, candidate_id)
    try:
        decided = actions.transition_candidate(
            acting_user=user, candidate=candidate, to=body.decision, reason=body.reason
        )
    except InvalidTransition as error:
        return Status(409, {"detail": f"The candidate is {error.current}: it cannot become {error.requested}."})
    return Status(200, candidate_out(decided))


@router.post(
    "/runs",
    response={202: RunOut},
    summary="Queue a run deduplicating the registry, or linking a handback list (`handback_list`) to it",
)
@api_requires("linkage.add_linkagerun")
def start_run(request: HttpRequest, body: RunIn) -> Status[Any]:
    user = request.auth  # type: ignore[attr-defined]
    if body.handback_list is None:
        run = actions.start_linkage_run(acting_user=user, kind=RunKind.DEDUPE, threshold=body.threshold)
    else:
        handback_list = access_list_to_link(user, body.handback_list)
        run = actions.start_linkage_run(
            acting_user=user, kind=RunKind.LIST, source=handback_list, threshold=body.threshold
        )
    return Status(202, run_out(run))


@router.get("/runs/{run_id}", response=RunOut, summary="A linkage run and its progress")
@api_requires("linkage.view_linkagerun")
def get_run(request: HttpRequest, run_id: int) -> RunOut:
    return run_out(access_run(request.auth, run_id))  # type: ignore[attr-defined]
