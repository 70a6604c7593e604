"""The statistics pages: definitions, values, violations, submissions with approval, reporting, snapshots."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

from yalu.areas.models import Area
from yalu.conftest import Personas
from yalu.core.models import Agency, User
from yalu.statistics.demo import load_demo_statistics
from yalu.statistics.models import AggregateSubmission, ReportingObligation, Snapshot


def _english(personas: Personas, user: User) -> Client:
    client = personas.client(user)
    client.cookies["django_language"] = "en"
    return client


def test_definitions_show_every_code_in_the_chosen_language(personas: Personas) -> None:
    client = _english(personas, personas.analyst_jilin)
    english = client.get(reverse("statistics:definitions")).content.decode()
    assert "crossing.unaccounted" in english and "ration.outflow_rate" in english
    client.cookies["django_language"] = "zh-hans"
    assert "越境人数" in client.get(reverse("statistics:definitions")).content.decode()
    client.cookies["django_language"] = "ko"
    assert "월경자 수" in client.get(reverse("statistics:definitions")).content.decode()


def test_values_page_shows_reported_figures_with_qualifier(personas: Personas, admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    client = _english(personas, personas.analyst_jilin)
    page = client.get(reverse("statistics:values"), {"area": "222400", "period": "1961"}).content.decode()
    assert "1,778" in page and "about" in page and "Yanbian" in page


def test_values_page_out_of_scope_area_is_not_offered(personas: Personas) -> None:
    client = _english(personas, personas.analyst_jilin)
    response = client.get(reverse("statistics:values"), {"area": "CN-LN", "period": "1961"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_violations_page_lists_the_seed_violations(personas: Personas, admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    client = _english(personas, personas.analyst_jilin)
    page = client.get(reverse("statistics:violations"), {"area": "CN-JL", "period": "1961"}).content.decode()
    assert 'data-rule="unaccounted-share"' in page and 'data-rule="decisions-within-applications"' in page
    assert "3,166" in page


def test_a_figure_is_entered_approved_and_returned_through_the_pages(personas: Personas) -> None:
    client = _english(personas, personas.analyst_jilin)
    jilin = Area.objects.get(code="CN-JL")
    response = client.post(
        reverse("statistics:submission_create"),
        {
            "indicator": "crossing.persons",
            "area": jilin.pk,
            "period": "1961",
            "value": "28028",
            "qualifier": "exact",
            "source": "Jilin PSD",
        },
    )
    submission = AggregateSubmission.objects.get()
    assert response.status_code == 302
    detail = client.get(reverse("statistics:submission", args=[submission.pk])).content.decode()
    assert 'value="approved"' in detail
    client.post(reverse("statistics:submission_transition", args=[submission.pk]), {"to_status": "approved"})
    submission.refresh_from_db()
    assert submission.status == "approved"
    listing = client.get(reverse("statistics:submissions"), {"status": "approved"}).content.decode()
    assert 'data-status="approved"' in listing


def test_a_bad_period_in_the_form_is_shown_and_nothing_saved(personas: Personas) -> None:
    client = _english(personas, personas.analyst_jilin)
    response = client.post(
        reverse("statistics:submission_create"),
        {
            "indicator": "crossing.persons",
            "area": Area.objects.get(code="CN-JL").pk,
            "period": "1961-Q5",
            "value": "1",
            "qualifier": "exact",
            "source": "x",
        },
    )
    assert response.status_code == 200 and "1961-Q5" in response.content.decode()
    assert not AggregateSubmission.objects.exists()


def test_a_submission_outside_the_jurisdiction_is_not_found(personas: Personas, admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    liaoning = AggregateSubmission.objects.filter(area__code="CN-LN").first()
    assert liaoning is not None
    client = _english(personas, personas.analyst_jilin)
    assert client.get(reverse("statistics:submission", args=[liaoning.pk])).status_code == 404


def test_reporting_shows_completeness_and_timeliness(personas: Personas, admin_user: User) -> None:
    # given the demo: Jilin owed 7 figures for 1961 and gave 6 (no deaths); Yanbian owed 6 and gave 4
    load_demo_statistics(acting_user=admin_user)
    jilin_psd = Agency.objects.get(code="jilin-psd")
    ReportingObligation.objects.filter(sender=jilin_psd, indicator="crossing.persons").update(
        due_on=datetime.date(2999, 1, 1)
    )
    page = _english(personas, personas.analyst_jilin).get(reverse("statistics:reporting"), {"period": "1961"})
    rows = {row.split('"', 1)[0]: row for row in page.content.decode().split('data-unit="')[1:]}
    # then completeness is received ÷ expected, timeliness on time ÷ received, and the missing are named
    assert "86 %" in rows["jilin-psd"] and "17 %" in rows["jilin-psd"] and "death.crossing" in rows["jilin-psd"]
    assert "67 %" in rows["yanbian-psb"] and "application.withdrawn" in rows["yanbian-psb"]


def test_a_snapshot_is_taken_from_the_values_page(personas: Personas, admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    client = _english(personas, personas.analyst_jilin)
    response = client.post(reverse("statistics:snapshot_create") + "?area=CN-JL&period=1961", {"title": "Jilin 1961"})
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302 and snapshot.figures["crossing.persons"]["reported"][0]["value"] == 28028
    detail = client.get(reverse("statistics:snapshot", args=[snapshot.pk])).content.decode()
    assert "Nothing has changed" in detail
    assert "Jilin 1961" in client.get(reverse("statistics:snapshots")).content.decode()


def test_pages_need_their_permission(personas: Personas) -> None:
    client = _english(personas, personas.outsider)
    for name in ("values", "definitions", "violations", "submissions", "reporting", "snapshots"):
        assert client.get(reverse(f"statistics:{name}")).status_code == 403, name


def test_dashboard_shows_key_figures_violations_and_work_waiting(
    personas: Personas, admin_user: User, **_: Any
) -> None:
    load_demo_statistics(acting_user=admin_user)
    page = _english(personas, personas.analyst_jilin).get(reverse("dashboard"), {"period": "1961"}).content.decode()
    assert 'data-figure="crossing.persons"' in page and "28,028" in page
    assert 'data-rule="unaccounted-share"' in page
    awaiting = page.split('data-figure="awaiting"', 1)[1]
    assert '<span class="value">14</span>' in awaiting.split("</a>", 1)[0]  # Jilin's 10 and Yanbian's 4
    listed = _english(personas, personas.analyst_jilin).get(reverse("statistics:submissions"), {"awaiting": "1"})
    assert listed.content.decode().count('data-status="submitted"') == 14
