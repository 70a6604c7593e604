"""`manage.py warm_dashboards` computes the home page's figures ahead of visits, once per data version."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command

from yalu.conftest import Personas
from yalu.ledger.actions import EventInput, append_events
from yalu.statistics.models import DashboardFigures


def _warm() -> str:
    out = io.StringIO()
    call_command("warm_dashboards", stdout=out)
    return out.getvalue().strip()


def test_warming_keeps_the_figures_of_each_jurisdiction_until_the_data_change(personas: Personas) -> None:
    # given a crossing in Longjing in 1961 (seen by the analyst of Jilin and the auditor of China)
    person = personas.longjing_person
    event = EventInput(person.pk, "crossing_detected", datetime.date(1961, 5, 1), "day", person.home_area_id)
    append_events(acting_user=None, events=[event])
    # when the dashboards are warmed
    computed = _warm()
    # then Jilin's figures for 1961 are kept, among those of every jurisdiction, and a second run has nothing to do
    kept = DashboardFigures.objects.get(area__code="CN-JL", period="1961")
    assert computed == f"computed: {DashboardFigures.objects.count()}"
    assert any(item["code"] == "crossing.persons" and item["computed"] == 1 for item in kept.figures["now"])
    assert _warm() == "computed: 0"
    # and after another crossing, the next run computes again
    later = EventInput(person.pk, "crossing_detected", datetime.date(1961, 9, 1), "day", person.home_area_id)
    append_events(acting_user=None, events=[later])
    assert _warm() == computed
