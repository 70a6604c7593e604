"""The page: upload, preview with errors by row, progress while it runs, the quarantine corrected and re-submitted."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yalu.exchange.models import ImportBatch, QuarantinedRow
from yalu.exchange.tests.files import movements, write_csv
from yalu.ledger.models import MovementEvent


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(client, path, **extra):
    data: dict[str, object] = {"kind": "movements", "sender": "longjing-psb", "encoding": "utf-8"}
    data.update({"mode": "all_or_nothing", **extra})
    data["file"] = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post("/imports/new/", data)


def longjing_rows(count):
    rows = movements(count)
    for row in rows:
        row["area"], row["sector"] = "222405", "T-222405"
    return rows


def test_preview_lists_bad_rows_and_writes_nothing_then_import(
    personas, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client = personas.client(personas.clerk_longjing)
    rows = longjing_rows(4)
    path = write_csv(tmp_path / "four.csv", rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, path, preview="1")
    assert response.status_code == 302
    preview = ImportBatch.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200 and preview.status == "dry_run"
    assert not MovementEvent.objects.exists()
    assert b'data-key="created">4<' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/{preview.pk}/import/")
    assert response.status_code == 302
    assert MovementEvent.objects.count() == 4
    real = ImportBatch.objects.exclude(pk=preview.pk).get()
    assert real.status == "accepted" and real.sha256 == preview.sha256


def test_bad_rows_are_shown_by_row_and_quarantined_rows_can_be_corrected(
    personas, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client = personas.client(personas.clerk_longjing)
    rows = longjing_rows(5)
    rows[2]["occurred_on"] = "1961-02-30"
    path = write_csv(tmp_path / "five.csv", rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, path, mode="partial")
    batch = ImportBatch.objects.get()
    assert batch.status == "partially_accepted"
    page = client.get(response["Location"]).content.decode()
    assert "1961-02-30" in page or "no such date" in page.lower() or "occurred_on" in page
    row = QuarantinedRow.objects.get()
    assert row.row_number == 4
    form_page = client.get(f"/imports/{batch.pk}/quarantine/{row.pk}/")
    assert form_page.status_code == 200
    values = dict(row.values)
    values["occurred_on"] = "1961-02-28"
    values["resubmit"] = "1"
    response = client.post(f"/imports/{batch.pk}/quarantine/{row.pk}/", values)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "resubmitted"
    assert MovementEvent.objects.count() == 5


def test_progress_fragment_polls_while_running_and_reloads_when_done(personas, tmp_path) -> None:
    client = personas.client(personas.clerk_longjing)
    path = write_csv(tmp_path / "one.csv", longjing_rows(1))
    upload(client, path)  # the task is not run: on_commit callbacks are not executed in this test
    batch = ImportBatch.objects.get()
    fragment = client.get(f"/imports/{batch.pk}/progress/")
    assert b'hx-trigger="every 1s"' in fragment.content and b"<progress" in fragment.content
    from yalu.exchange.tasks import run_import_task

    run_import_task.call(str(batch.pk), personas.clerk_longjing.pk)
    fragment = client.get(f"/imports/{batch.pk}/progress/")
    assert fragment["HX-Refresh"] == "true" and b"every 1s" not in fragment.content


def test_imports_of_others_are_not_found_and_permissions_hold(
    personas, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client = personas.client(personas.clerk_longjing)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, write_csv(tmp_path / "one.csv", longjing_rows(1)))
    batch = ImportBatch.objects.get()
    yanji = personas.client(personas.clerk_yanji)
    assert yanji.get(f"/imports/{batch.pk}/").status_code == 404
    assert personas.client(personas.analyst_jilin).get(f"/imports/{batch.pk}/").status_code == 200
    assert personas.client(personas.analyst_jilin).get("/imports/new/").status_code == 403
    assert personas.client(personas.outsider).get("/imports/").status_code == 403


def test_a_kind_the_user_may_not_record_is_refused_before_reading(personas, tmp_path) -> None:
    # border clerks record movements; the other state's handback lists are for foreign affairs
    client = personas.client(personas.clerk_longjing)
    path = tmp_path / "list.csv"
    path.write_text("ref,list_ref,handed_over_on,full_name\nH-1,L-1,1961-09-02,박성철\n", encoding="utf-8")
    response = upload(client, path, kind="handback_lists", sender="kp-mfa")
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_the_check_speaks_the_uploaders_language(personas, tmp_path, django_capture_on_commit_callbacks) -> None:
    client = personas.client(personas.clerk_longjing)
    rows = longjing_rows(2)
    rows[1]["sex"] = "X"
    path = write_csv(tmp_path / "two.csv", rows)
    for language, expected in (("en", "Sex must be M, F or U."), ("ko", "성별은 M, F 또는 U 여야 합니다.")):
        client.cookies["django_language"] = language
        with django_capture_on_commit_callbacks(execute=True):
            upload(client, path)
        batch = ImportBatch.objects.order_by("-received_at").first()
        assert batch is not None and batch.errors[0]["message"] == expected
