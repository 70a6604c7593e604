"""Reads of linkage, through the caller's jurisdiction: a candidate is seen only when its records are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from yalu.core.access import jurisdiction_path, scope_q
from yalu.linkage.models import CandidateStatus, LinkageRun, LinkCandidate, PersonLink
from yalu.people.models import Person
from yalu.people.queries import people_in_scope


def candidates_in_scope(user: Any, *, status: str | None = CandidateStatus.PENDING) -> QuerySet[LinkCandidate]:
    """Candidates whose records — both persons, or the person and the incoming record — lie in the jurisdiction."""
    visible = people_in_scope(user).values("pk")
    incoming_visible = Q(right__isnull=True)
    if jurisdiction_path(user) != "/":  # (an empty Q would swallow the OR below)
        incoming_visible &= Q(foreign_area__isnull=True) | scope_q(user, "foreign_area")
    candidates = LinkCandidate.objects.filter(left__in=visible).filter(Q(right__in=visible) | incoming_visible)
    if status:
        candidates = candidates.filter(status=status)
    return candidates.select_related("run", "left__home_area", "right__home_area", "decided_by", "foreign_type")


def lists_to_link(user: Any) -> QuerySet[Any] | None:
    """The handback lists received in the user's jurisdiction, latest first; None when the ledger is absent."""
    try:
        from yalu.ledger.queries import handback_lists_in_scope
    except ImportError:
        return None
    return handback_lists_in_scope(user).order_by("-handed_over_on", "-id")


def runs(user: Any) -> QuerySet[LinkageRun]:
    """Runs are registry-wide jobs; what they found is read through candidates_in_scope."""
    return LinkageRun.objects.select_related("job", "created_by")


@dataclass(frozen=True)
class LinkedRecord:
    person: Person
    link: PersonLink


def links_of(person: Person, user: Any) -> list[LinkedRecord]:
    """The active links of `person` to other persons the user may see."""
    visible = people_in_scope(user)
    found: list[LinkedRecord] = []
    active = PersonLink.objects.filter(reverted=False)
    for link in active.filter(left=person, right__in=visible).select_related("right"):
        found.append(LinkedRecord(link.right, link))
    for link in active.filter(right=person, left__in=visible).select_related("left"):
        found.append(LinkedRecord(link.left, link))
    return found


def matched_records_of(person: Person, user: Any) -> QuerySet[LinkCandidate]:
    """Accepted candidates tying incoming records (handback list items and the like) to `person`."""
    return candidates_in_scope(user, status=CandidateStatus.ACCEPTED).filter(left=person, right__isnull=True)
