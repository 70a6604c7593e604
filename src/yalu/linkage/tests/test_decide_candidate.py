"""Accept, reject, revert: an accepted pair is linked, never merged, and a revert keeps the history."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from yalu.core.errors import InvalidTransition
from yalu.core.models import AuditEvent
from yalu.linkage.actions import accept_candidate, reject_candidate, revert_candidate
from yalu.linkage.models import CandidateStatus, LinkCandidate, PersonLink
from yalu.people.models import Person


@pytest.fixture
def park(duplicates) -> LinkCandidate:
    call_command("link", "--dedupe", stdout=StringIO())
    return LinkCandidate.objects.get(left=duplicates.personas.longjing_person)


def test_accept_links_the_two_records_and_shows_it_on_the_person_page(duplicates, park) -> None:
    client = duplicates.personas.client(duplicates.officer)
    response = client.post(f"/linkage/candidates/{park.pk}/decide/", {"decision": "accepted", "reason": ""})
    assert response.status_code == 302
    park.refresh_from_db()
    assert park.status == CandidateStatus.ACCEPTED and park.decided_by == duplicates.officer
    link = PersonLink.objects.get()
    assert (link.left_id, link.right_id, link.reverted) == (park.left_id, park.right_id, False)
    assert Person.objects.count() == 5, "nothing is merged"
    page = client.get(f"/people/{park.left_id}/").content.decode()
    assert "Linked records" in page and f'href="/people/{park.right_id}/"' in page
    assert AuditEvent.objects.filter(object_type="linkage.linkcandidate", object_id=str(park.pk)).exists()


def test_revert_needs_a_reason_and_keeps_the_link_marked_reverted(duplicates, park) -> None:
    accept_candidate(acting_user=duplicates.officer, candidate=park)
    with pytest.raises(ValidationError):
        revert_candidate(acting_user=duplicates.officer, candidate=park, reason=" ")
    revert_candidate(acting_user=duplicates.officer, candidate=park, reason="different fathers")
    park.refresh_from_db()
    link = PersonLink.objects.get()
    assert park.status == CandidateStatus.REVERTED and park.reason == "different fathers"
    assert link.reverted and link.reverted_by == duplicates.officer
    page = duplicates.personas.client(duplicates.officer).get(f"/people/{park.left_id}/").content.decode()
    assert "Linked records" not in page


def test_wrong_moves_are_invalid_transitions(duplicates, park) -> None:
    with pytest.raises(InvalidTransition):
        revert_candidate(acting_user=duplicates.officer, candidate=park, reason="x")
    reject_candidate(acting_user=duplicates.officer, candidate=park, reason="not him")
    with pytest.raises(InvalidTransition):
        accept_candidate(acting_user=duplicates.officer, candidate=park)
    assert not PersonLink.objects.exists()


def test_reject_without_reason_is_shown_on_the_form_and_changes_nothing(duplicates, park) -> None:
    client = duplicates.personas.client(duplicates.officer)
    response = client.post(f"/linkage/candidates/{park.pk}/decide/", {"decision": "rejected", "reason": ""})
    assert response.status_code == 200 and "Say why." in response.content.decode()
    park.refresh_from_db()
    assert park.status == CandidateStatus.PENDING


def test_an_analyst_may_read_but_not_decide(duplicates, park) -> None:
    client = duplicates.personas.client(duplicates.personas.analyst_jilin)
    assert client.get(f"/linkage/candidates/{park.pk}/").status_code == 200
    assert client.post(f"/linkage/candidates/{park.pk}/decide/", {"decision": "accepted"}).status_code == 403
    with pytest.raises(PermissionDenied):
        accept_candidate(acting_user=duplicates.personas.analyst_jilin, candidate=park)
