"""The report keeps its figures until the data change: a second view and every export read them, a new event
is seen on the next view, and a snapshot never takes its figures from what is kept."""

from __future__ import annotations

import datetime

from django.utils import timezone

from yalu.areas.models import Area
from yalu.permits.models import ServiceStandard
from yalu.reports import keeping
from yalu.reports.models import KeptReport
from yalu.reports.tests.conftest import crossing_with_outcome
from yalu.statistics.models import Snapshot

QUERY = {"area": "222401", "period": "1961", "as_of": "1962-03-31"}
SMALL = {"area": "222405", "period": "1961", "as_of": "1962-03-31"}


def persons_crossing(page: str, row: str) -> str:
    body = page.split('data-table="crossings"', 1)[1]
    return body.split(f'data-row="{row}"', 1)[1].split('<span class="computed">', 1)[1].split("<", 1)[0]


def test_a_second_view_reads_the_kept_figures(crossings, counted, django_assert_max_num_queries) -> None:
    # given a first view of Yanbian's report, which computed its figures
    client = crossings.client(crossings.analyst_jilin)
    query = {**QUERY, "area": "222400"}
    first = client.get("/reports/1962/", query).content.decode()
    computed = list(counted)
    assert computed and persons_crossing(first, "222400") == "15"
    assert KeptReport.objects.get(area__code="222400", as_of=datetime.date(1962, 3, 31)).seconds > 0

    # when it is viewed again with nothing changed
    with django_assert_max_num_queries(10):
        second = client.get("/reports/1962/", query).content.decode()

    # then nothing is evaluated again, and the page is the same
    assert counted == computed
    assert persons_crossing(second, "222400") == "15" and persons_crossing(second, "222405") == "3"
    assert second.count("<svg") == 3


def test_every_export_reads_the_kept_figures_and_publishes_them_as_before(crossings, counted) -> None:
    # given the published exports of Longjing (3 persons: small counts) computed afresh in each language
    client = crossings.client(crossings.clerk_longjing)
    fresh = {}
    for language in ("zh-hans", "ko", "en"):
        KeptReport.objects.all().delete()
        fresh[language] = client.get("/reports/1962/export.csv", {**SMALL, "lang": language}).content
    fresh_api = client.get("/api/v1/reports/1962", SMALL).json()
    computed = list(counted)

    # when each format and language is exported again, and the API asked, with nothing changed
    kept = {
        language: client.get("/reports/1962/export.csv", {**SMALL, "lang": language}).content
        for language in ("zh-hans", "ko", "en")
    }
    xlsx = client.get("/reports/1962/export.xlsx", {**SMALL, "lang": "ko"})
    pdf = client.get("/reports/1962/export.pdf", {**SMALL, "lang": "zh-hans"})
    kept_api = client.get("/api/v1/reports/1962", SMALL).json()

    # then nothing was evaluated again, and the files are those of fresh figures, small counts withheld
    assert counted == computed
    assert kept == fresh and kept_api == fresh_api
    assert b",<5," in kept["en"] and b",3," not in kept["en"].split(b"\nmonths", 1)[0]
    assert xlsx.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_new_event_changes_the_next_view(crossings, counted) -> None:
    # given figures kept after a view of Yanji's report (12 persons)
    client = crossings.client(crossings.analyst_jilin)
    assert persons_crossing(client.get("/reports/1962/", QUERY).content.decode(), "222401") == "12"
    computed = len(counted)

    # when a crossing found later is recorded
    crossing_with_outcome("222401", datetime.date(1961, 11, 5), None)

    # then the next view computes again and shows it, as does the export
    assert persons_crossing(client.get("/reports/1962/", QUERY).content.decode(), "222401") == "13"
    assert len(counted) > computed
    export = client.get("/reports/1962/export.csv", {**QUERY, "lang": "en"}).content.decode("utf-8-sig")
    line = next(row for row in export.splitlines() if row.startswith("crossings,222401") and "crossing.persons" in row)
    assert ",13," in line


def test_a_snapshot_is_frozen_from_figures_computed_now_and_keeps_them(crossings) -> None:
    # given kept figures that are wrong (as after an edit the data version cannot see)
    client = crossings.client(crossings.analyst_jilin)
    client.get("/reports/1962/", QUERY)
    row = KeptReport.objects.get(area__code="222401")
    key = next(key for key in row.figures if key.startswith("222401|1961-01-01|1961-12-31"))
    row.figures[key]["crossing.persons"]["computed"] = 999
    row.save()

    # when the report is frozen
    client.post("/reports/1962/freeze/", {**QUERY, "title": "Yanji 1961"})

    # then the snapshot has the figures of the records (12), not the kept ones
    snapshot = Snapshot._default_manager.get()
    assert snapshot.figures["crossing.persons"]["computed"] == 12

    # and after a later crossing the live report says 13 while the snapshot still shows 12
    crossing_with_outcome("222401", datetime.date(1961, 11, 5), None)
    assert persons_crossing(client.get("/reports/1962/", QUERY).content.decode(), "222401") == "13"
    page = client.get(f"/reports/snapshots/{snapshot.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    frozen = page.split("The frozen figures", 1)[1]
    assert persons_crossing(frozen, "222401") == "12"


def test_kept_figures_older_than_the_maximum_age_are_computed_again(crossings, counted, settings) -> None:
    client = crossings.client(crossings.analyst_jilin)
    client.get("/reports/1962/", QUERY)
    computed = len(counted)

    settings.YALU_DASHBOARD_MAX_AGE = 60
    KeptReport.objects.update(computed_at=timezone.now() - datetime.timedelta(minutes=2))
    client.get("/reports/1962/", QUERY)

    assert len(counted) > computed


def test_a_new_service_standard_is_a_new_version(crossings) -> None:
    # which applications are overdue depends on the offices' service standards, which the dashboard's tables omit
    before = keeping.report_version()
    ServiceStandard.objects.create(area=Area.objects.get(code="222401"), days=10)
    assert keeping.report_version() != before


def test_reports_unread_for_the_days_kept_are_no_longer_kept(crossings, settings) -> None:
    # given two reports kept, one of which was last read eight days ago
    client = crossings.client(crossings.analyst_jilin)
    client.get("/reports/1962/", QUERY)
    client.get("/reports/1962/", {**QUERY, "as_of": "1962-06-30"})
    KeptReport.objects.filter(as_of=datetime.date(1962, 6, 30)).update(
        read_at=timezone.now() - datetime.timedelta(days=8)
    )
    # when a report is computed again with the default of seven days
    crossing_with_outcome("222401", datetime.date(1961, 11, 5), None)
    client.get("/reports/1962/", QUERY)
    # then the unread one is no longer kept
    assert list(KeptReport.objects.values_list("as_of", flat=True)) == [datetime.date(1962, 3, 31)]
