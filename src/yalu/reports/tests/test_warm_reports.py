"""`manage.py warm_reports` computes the reports read lately again, ahead of views, once per data version."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from yalu.reports.models import KeptReport
from yalu.reports.tests.conftest import crossing_with_outcome

QUERY = {"area": "222401", "period": "1961", "as_of": "1962-03-31"}


def _warm() -> str:
    out = io.StringIO()
    call_command("warm_reports", stdout=out)
    return out.getvalue().strip()


def persons_crossing(figures: dict) -> int:
    return int(figures["222401|1961-01-01|1961-12-31"]["crossing.persons"]["computed"])


def test_warming_computes_again_the_reports_read_lately_whose_data_changed(crossings, counted) -> None:
    # given Yanji's report viewed (12 persons), and Longjing's viewed long ago
    client = crossings.client(crossings.analyst_jilin)
    client.get("/reports/1962/", QUERY)
    client.get("/reports/1962/", {**QUERY, "area": "222405"})
    KeptReport.objects.filter(area__code="222405").update(read_at=timezone.now() - datetime.timedelta(days=30))
    # when nothing changed, then warming has nothing to do
    assert _warm() == "computed: 0"
    # when a crossing is recorded in Yanji, then warming computes Yanji's report again, not Longjing's
    crossing_with_outcome("222401", datetime.date(1961, 11, 5), None)
    read_at = KeptReport.objects.get(area__code="222401").read_at
    assert _warm() == "computed: 1"
    warmed = KeptReport.objects.get(area__code="222401")
    assert persons_crossing(warmed.figures) == 13
    assert warmed.read_at == read_at  # warming is not reading: unread reports still go after the days kept
    # and the next view reads what was warmed, evaluating nothing
    evaluated = len(counted)
    page = client.get("/reports/1962/", QUERY).content.decode()
    assert len(counted) == evaluated
    assert '<span class="computed">13</span>' in page
    assert _warm() == "computed: 0"
