"""POST /api/v1/imports/ and GET /api/v1/imports/{id}: the same import, with the summary and every bad row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yalu.core.api import issue_token
from yalu.exchange.tests.files import movements, write_csv
from yalu.ledger.models import MovementEvent


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def post(client, token, path, **fields):
    data = {
        "kind": "movements",
        "sender": "longjing-psb",
        **fields,
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
    }
    return client.post("/api/v1/imports/", data, headers={"Authorization": f"Bearer {token}"})


def test_upload_by_api_then_read_its_result(personas, client, tmp_path, django_capture_on_commit_callbacks) -> None:
    token = issue_token(user=personas.clerk_longjing, name="test")
    rows = movements(6)
    rows[4]["sex"] = "Q"
    path = write_csv(tmp_path / "six.csv", rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, token, path)
    assert response.status_code == 202, response.content
    batch_id = response.json()["id"]
    result = client.get(f"/api/v1/imports/{batch_id}", headers={"Authorization": f"Bearer {token}"}).json()
    assert result["status"] == "refused"
    assert result["summary"]["total"] == 6 and result["summary"]["rejected"] == 6
    assert result["errors"] == [
        {"row": 6, "column": "sex", "code": "invalid_choice", "message": result["errors"][0]["message"]}
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, token, path, mode="partial")
    result = client.get(f"/api/v1/imports/{response.json()['id']}", headers={"Authorization": f"Bearer {token}"}).json()
    assert result["status"] == "partially_accepted" and result["summary"]["created"] == 5
    assert MovementEvent.objects.count() == 5


def test_api_needs_the_permission_and_hides_others_imports(personas, client, tmp_path) -> None:
    token = issue_token(user=personas.analyst_jilin, name="test")
    path = write_csv(tmp_path / "one.csv", movements(1))
    assert post(client, token, path).status_code == 403
    other = issue_token(user=personas.clerk_yanji, name="t")
    clerk = issue_token(user=personas.clerk_longjing, name="t")
    response = post(client, clerk, path)
    batch_id = response.json()["id"]
    assert client.get(f"/api/v1/imports/{batch_id}", headers={"Authorization": f"Bearer {other}"}).status_code == 404
