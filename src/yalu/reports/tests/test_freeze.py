"""Freezing a report: the snapshot keeps its figures when the records change, and says what changed."""

from __future__ import annotations

import csv
import datetime
import io

from yalu.reports.tests.conftest import crossing_with_outcome
from yalu.statistics.models import Snapshot

QUERY = {"area": "222401", "period": "1961", "as_of": "1962-03-31"}


def test_a_snapshot_taken_before_a_correction_keeps_the_old_figures(crossings) -> None:
    # given the analyst freezes Yanji's report (12 persons crossed)
    client = crossings.client(crossings.analyst_jilin)
    response = client.post("/reports/1962/freeze/", {**QUERY, "title": "Yanji 1961 for the telegram"})
    snapshot = Snapshot._default_manager.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/snapshots/{snapshot.pk}/"
    assert snapshot.figures["crossing.persons"]["computed"] == 12
    assert snapshot.author == crossings.analyst_jilin

    # when a crossing found later is recorded
    crossing_with_outcome("222401", datetime.date(1961, 11, 5), None)

    # then the live report says 13, the snapshot still 12, and it lists what changed
    live = client.get("/reports/1962/", QUERY).content.decode()
    assert '<span class="computed">13</span>' in live
    page = client.get(f"/reports/snapshots/{snapshot.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    frozen = page.split("The frozen figures", 1)[1]
    assert '<span class="computed">12</span>' in frozen and '<span class="computed">13</span>' not in frozen
    changes = page.split("Changed since the snapshot was taken", 1)[1].split("The frozen figures", 1)[0]
    assert "crossing.persons" in changes and "crossing.unaccounted" in changes
    # and the snapshot's export renders the frozen figures
    export = client.get(f"/reports/snapshots/{snapshot.pk}/export.csv", {"lang": "en"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    persons = [row for row in rows if row[:2] == ["crossings", "222401 (Total)"] and row[3] == "crossing.persons"]
    assert persons[0][5] == "12"


def test_freezing_needs_the_snapshot_permission(crossings) -> None:
    response = crossings.client(crossings.clerk_yanji).post("/reports/1962/freeze/", QUERY)

    assert response.status_code == 403
    assert not Snapshot._default_manager.exists()


def test_a_snapshot_outside_the_jurisdiction_is_not_found(crossings) -> None:
    crossings.client(crossings.analyst_jilin).post("/reports/1962/freeze/", QUERY)
    snapshot = Snapshot._default_manager.get()

    response = crossings.client(crossings.clerk_longjing).get(f"/reports/snapshots/{snapshot.pk}/")

    assert response.status_code == 404
