"""The linkage API: candidates in scope, decisions with the same rules as the pages, runs with progress."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from yalu.linkage.models import LinkageRun, LinkCandidate, PersonLink


def test_api_lists_and_decides_candidates_in_scope(duplicates) -> None:
    call_command("link", "--dedupe", stdout=StringIO())
    park = LinkCandidate.objects.get(left=duplicates.personas.longjing_person)
    kim = LinkCandidate.objects.get(left=duplicates.personas.yanji_person)
    longjing = duplicates.personas.client(duplicates.personas.clerk_longjing)
    body = longjing.get("/api/v1/linkage/candidates").json()
    assert body["count"] == 1 and body["items"][0]["id"] == park.pk
    assert body["items"][0]["reasons"]["name"] == "name_primary"
    assert longjing.post(
        f"/api/v1/linkage/candidates/{kim.pk}/decision", {"decision": "accepted"}, content_type="application/json"
    ).status_code == 404
    response = longjing.post(
        f"/api/v1/linkage/candidates/{park.pk}/decision", {"decision": "accepted"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert PersonLink.objects.filter(candidate=park).exists()
    again = longjing.post(
        f"/api/v1/linkage/candidates/{park.pk}/decision", {"decision": "accepted"}, content_type="application/json"
    )
    assert again.status_code == 409
    missing_reason = longjing.post(
        f"/api/v1/linkage/candidates/{park.pk}/decision", {"decision": "reverted"}, content_type="application/json"
    )
    assert missing_reason.status_code == 422 and "reason" in missing_reason.json()["errors"]


def test_api_starts_a_run_and_reports_its_progress(duplicates, settings, django_capture_on_commit_callbacks) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    analyst = duplicates.personas.client(duplicates.personas.analyst_jilin)
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst.post("/api/v1/linkage/runs", {"threshold": 0.9}, content_type="application/json")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    run = LinkageRun.objects.get(pk=response.json()["id"])
    body = analyst.get(f"/api/v1/linkage/runs/{run.pk}").json()
    assert body["status"] == "succeeded" and body["progress"] == 100 and body["candidate_count"] == 2
    assert duplicates.personas.client(duplicates.personas.auditor).post(
        "/api/v1/linkage/runs", {}, content_type="application/json"
    ).status_code == 403
