"""Entering a unit's figures for one area and period together: the owed indicators, all or nothing."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from yalu.conftest import Personas
from yalu.core.models import User
from yalu.statistics.demo import load_demo_obligations
from yalu.statistics.models import AggregateSubmission


def _client(personas: Personas) -> Client:
    client = personas.client(personas.analyst_jilin)
    client.cookies["django_language"] = "en"
    return client


def test_the_form_offers_what_the_unit_owes_and_records_the_figures(personas: Personas, admin_user: User) -> None:
    # given Jilin's obligations for 1961
    load_demo_obligations(acting_user=admin_user)
    client = _client(personas)
    page = client.get(reverse("statistics:submission_period"), {"area": "CN-JL", "period": "1961"}).content.decode()
    assert page.count("<tr data-code=") == 7 and 'data-code="death.crossing"' in page
    # when the analyst enters two of them
    response = client.post(
        reverse("statistics:submission_period"),
        {
            "area": "CN-JL",
            "period": "1961",
            "source": "Jilin PSD",
            "value_crossing__persons": "28028",
            "qualifier_crossing__persons": "exact",
            "value_death__crossing": "12",
            "qualifier_death__crossing": "minimum",
        },
    )
    # then both are recorded, each with its qualifier
    assert response.status_code == 302
    recorded = dict(AggregateSubmission.objects.values_list("indicator", "qualifier"))
    assert recorded == {"crossing.persons": "exact", "death.crossing": "minimum"}


def test_one_bad_figure_records_none(personas: Personas) -> None:
    client = _client(personas)
    response = client.post(
        reverse("statistics:submission_period"),
        {
            "area": "CN-JL",
            "period": "1961",
            "source": "Jilin PSD",
            "value_crossing__persons": "28028",
            "qualifier_crossing__persons": "exact",
            "value_return__persuaded": "12.5",
            "qualifier_return__persuaded": "exact",
        },
    )
    assert response.status_code == 200 and "whole number" in response.content.decode()
    assert not AggregateSubmission.objects.exists()
