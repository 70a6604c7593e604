"""The dashboard keeps its figures until the data change: a second visit reads them, a new event is seen next visit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from yalu.areas.models import Area
from yalu.conftest import Personas, make_user
from yalu.ledger.actions import EventInput, append_events
from yalu.people.actions import NameInput, create_person, update_person
from yalu.people.models import Person
from yalu.statistics import dashboard
from yalu.statistics.models import DashboardFigures, ValidationThreshold


def _english(personas: Personas) -> Client:
    client = personas.client(personas.analyst_jilin)
    client.cookies["django_language"] = "en"
    return client


def _crossing(person: Person, day: datetime.date) -> None:
    append_events(
        acting_user=None,
        events=[EventInput(person.pk, "crossing_detected", day, "day", person.home_area_id)],
    )


def _persons_crossing(page: str) -> str:
    figure = page.split('data-figure="crossing.persons"', 1)[1]
    return figure.split('class="value"', 1)[1].split(">", 1)[1].split("<", 1)[0]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every computation of the dashboard's figures, by area code."""
    calls: list[str] = []
    compute = dashboard.compute_period_figures

    def counting(user: Any, area: Area, period: str) -> dashboard.PeriodFigures:
        calls.append(area.code)
        return compute(user, area, period)

    monkeypatch.setattr(dashboard, "compute_period_figures", counting)
    return calls


def test_a_second_visit_reads_the_kept_figures(
    personas: Personas, counted: list[str], django_assert_max_num_queries: Any
) -> None:
    # given a crossing in Jilin in 1961 and a first visit that computed the figures
    _crossing(personas.longjing_person, datetime.date(1961, 5, 1))
    client = _english(personas)
    first = client.get(reverse("dashboard"), {"period": "1961"}).content.decode()
    assert counted == ["CN-JL"] and _persons_crossing(first) == "1"
    # when the analyst visits again with nothing changed
    with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("dashboard"), {"period": "1961"}).content.decode()
    # then nothing is recomputed, the registry is not counted again, and the page shows the same figures
    assert counted == ["CN-JL"]
    assert not [query for query in queries if 'COUNT("people_person"."id")' in query["sql"]]
    assert _persons_crossing(second) == "1"
    assert DashboardFigures.objects.get(area__code="CN-JL", period="1961").seconds > 0


def test_a_new_event_changes_the_figure_on_the_next_visit(personas: Personas, counted: list[str]) -> None:
    # given figures kept after a visit
    _crossing(personas.longjing_person, datetime.date(1961, 5, 1))
    client = _english(personas)
    assert _persons_crossing(client.get(reverse("dashboard"), {"period": "1961"}).content.decode()) == "1"
    # when another person's crossing is recorded
    _crossing(personas.yanji_person, datetime.date(1961, 6, 1))
    # then the next visit recomputes and shows it
    page = client.get(reverse("dashboard"), {"period": "1961"}).content.decode()
    assert _persons_crossing(page) == "2"
    assert counted == ["CN-JL", "CN-JL"]


def test_a_changed_threshold_or_a_new_day_is_a_new_version(personas: Personas, monkeypatch: Any) -> None:
    # given the data version now
    before = dashboard.data_version()
    assert dashboard.data_version() == before
    # when a threshold changes, then the version does
    ValidationThreshold.objects.update_or_create(rule="unaccounted-share", defaults={"threshold": 0.5})
    changed = dashboard.data_version()
    assert changed != before
    # and when the day changes (figures are as of today), so does it
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2999, 1, 1))
    assert dashboard.data_version() != changed


def test_warming_computes_once_until_the_data_change(personas: Personas, counted: list[str]) -> None:
    # given a crossing in Jilin
    _crossing(personas.longjing_person, datetime.date(1961, 5, 1))
    jilin = Area.objects.get(code="CN-JL")
    # when the figures are warmed twice, then they are computed once
    assert dashboard.warm(area=jilin, period="1961") > 0
    assert dashboard.warm(area=jilin, period="1961") == 0
    assert counted == ["CN-JL"]
    # and a visit reads the warmed figures
    page = _english(personas).get(reverse("dashboard"), {"period": "1961"}).content.decode()
    assert _persons_crossing(page) == "1" and counted == ["CN-JL"]


def _persons_registered(page: str) -> str:
    return page.split('data-figure="persons">', 1)[1].split("<", 1)[0]


def test_the_registry_counts_are_kept_until_a_person_is_added_or_moved(personas: Personas) -> None:
    # given a visit that counted Jilin's two persons
    client = _english(personas)
    assert _persons_registered(client.get(reverse("dashboard")).content.decode()) == "2"
    # when a person is added in Yanji, then the next visit counts three
    create_person(
        acting_user=personas.clerk_yanji,
        home_area=Area.objects.get(code="222401"),
        names=[NameInput(system="hangul", family="이", given="순자")],
    )
    page = client.get(reverse("dashboard")).content.decode()
    assert _persons_registered(page) == "3" and "222401</span>" in page
    # and when Longjing's person moves to Yanji, Longjing's row goes on the next visit
    clerk = make_user("clerk.yanbian", ["clerk"], "222400", "yanbian-psb")
    update_person(acting_user=clerk, person=personas.longjing_person, home_area=Area.objects.get(code="222401"))
    page = client.get(reverse("dashboard")).content.decode()
    assert _persons_registered(page) == "3" and "222405</span>" not in page


def test_kept_figures_older_than_the_maximum_age_are_computed_again(
    personas: Personas, counted: list[str], settings: Any
) -> None:
    # given figures kept after a visit
    _crossing(personas.longjing_person, datetime.date(1961, 5, 1))
    client = _english(personas)
    client.get(reverse("dashboard"), {"period": "1961"})
    # when they are older than the maximum age, with no change to the data
    settings.YALU_DASHBOARD_MAX_AGE = 60
    DashboardFigures.objects.update(computed_at=timezone.now() - datetime.timedelta(minutes=2))
    client.get(reverse("dashboard"), {"period": "1961"})
    # then the visit computed them again
    assert counted == ["CN-JL", "CN-JL"]
