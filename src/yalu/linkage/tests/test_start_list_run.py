"""The linkage runs page starts a list linkage: choose a handback list received in the jurisdiction."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.linkage.models import LinkageRun, RunKind

ledger_models = pytest.importorskip("yalu.ledger.models")


@pytest.fixture
def longjing_list(personas: Any) -> Any:
    # given a DPRK handback list received in Longjing
    return ledger_models.HandbackList.objects.create(
        sender=Agency.objects.get(code="kp-mps"),
        list_ref="KP-1962-017",
        handed_over_on=datetime.date(1962, 5, 3),
        area=Area.objects.get(code="222405"),
    )


def test_an_officer_starts_a_list_linkage_from_the_runs_page(personas, longjing_list) -> None:
    client = personas.client(personas.clerk_longjing)
    # the runs page offers the list
    page = client.get("/linkage/runs/").content.decode()
    assert 'id="start-list-run"' in page and f'<option value="{longjing_list.pk}">KP-1962-017' in page
    # when the officer links it
    response = client.post("/linkage/runs/start-list/", {"handback_list": longjing_list.pk, "threshold": "0.8"})
    # then a list run is queued for that list and the officer is taken to its progress
    run = LinkageRun.objects.get()
    assert (run.kind, run.source, run.threshold, run.status) == (RunKind.LIST, longjing_list, 0.8, "queued")
    assert run.created_by == personas.clerk_longjing and run.job is not None
    assert response.status_code == 302 and response["Location"] == f"/linkage/runs/{run.pk}/"


def test_the_run_links_the_list_in_the_background(
    personas, longjing_list, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        personas.client(personas.clerk_longjing).post(
            "/linkage/runs/start-list/", {"handback_list": longjing_list.pk, "threshold": "0.9"}
        )
    assert LinkageRun.objects.get().status == "succeeded"


def test_a_list_received_elsewhere_is_not_found(personas, longjing_list) -> None:
    # a Yanji officer may start runs, but the Longjing list is outside the jurisdiction
    client = personas.client(personas.clerk_yanji)
    assert f'value="{longjing_list.pk}"' not in client.get("/linkage/runs/").content.decode()
    response = client.post("/linkage/runs/start-list/", {"handback_list": longjing_list.pk, "threshold": "0.9"})
    assert response.status_code == 404
    missing = client.post("/linkage/runs/start-list/", {"handback_list": 999_999, "threshold": "0.9"})
    assert missing.status_code == 404
    assert not LinkageRun.objects.exists()


def test_starting_needs_the_permission(personas, longjing_list) -> None:
    response = personas.client(personas.auditor).post(
        "/linkage/runs/start-list/", {"handback_list": longjing_list.pk, "threshold": "0.9"}
    )
    assert response.status_code == 403
    assert not LinkageRun.objects.exists()


def test_bad_input_is_shown_on_the_form(personas, longjing_list) -> None:
    client = personas.client(personas.clerk_longjing)
    response = client.post("/linkage/runs/start-list/", {"handback_list": "", "threshold": "2"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page and "less than or equal to 0.999" in page
    assert not LinkageRun.objects.exists()


def test_the_api_starts_a_list_linkage_in_scope_only(personas, longjing_list) -> None:
    longjing = personas.client(personas.clerk_longjing)
    response = longjing.post(
        "/api/v1/linkage/runs", {"handback_list": longjing_list.pk}, content_type="application/json"
    )
    assert response.status_code == 202
    body = response.json()
    assert body["kind"] == RunKind.LIST and body["status"] == "queued"
    assert LinkageRun.objects.get(pk=body["id"]).source == longjing_list
    # a list received elsewhere answers not found, and nothing is queued
    yanji = personas.client(personas.clerk_yanji)
    missing = yanji.post("/api/v1/linkage/runs", {"handback_list": longjing_list.pk}, content_type="application/json")
    assert missing.status_code == 404
    assert LinkageRun.objects.count() == 1
