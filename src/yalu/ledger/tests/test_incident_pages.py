"""A clerk records a crossing incident with several persons (some only described), then its outcomes."""

from __future__ import annotations

from yalu.areas.models import Area
from yalu.ledger.models import MovementEvent
from yalu.ledger.queries import person_status
from yalu.people.models import Person


def test_clerk_records_an_incident_and_then_its_outcomes(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    sector = Area.objects.get(code="T-222405")
    # when the clerk records a group crossing: one registered person and two described
    response = client.post(
        "/ledger/incidents/new/",
        {
            "occurred": "1961-07-14",
            "area": sector.pk,
            "unit": "post 3",
            "person_ids": str(personas.longjing_person.pk),
            "described": "unknown man, about 30\nunknown woman with a child",
        },
    )
    # then three crossings share the incident's group, the described persons are registered to be identified
    assert response.status_code == 302
    crossings = list(MovementEvent.objects.filter(event_type="crossing_detected").order_by("sequence"))
    assert len(crossings) == 3 and len({c.group_ref for c in crossings}) == 1
    assert all(c.sector == sector and c.area.code == "222405" for c in crossings)
    described = Person.objects.filter(description="unknown man, about 30").get()
    assert described.home_area.code == "222405" and not described.names.exists()
    group = crossings[0].group_ref
    assert response["Location"] == f"/ledger/incidents/{group}/"
    # when the outcomes are recorded on the incident page: one persuaded back, one still open
    page = client.get(f"/ledger/incidents/{group}/")
    assert page.status_code == 200 and "unknown man, about 30" in page.content.decode()
    response = client.post(
        f"/ledger/incidents/{group}/",
        {
            f"{crossings[0].pk}-outcome": "persuaded_to_return",
            f"{crossings[0].pk}-occurred": "1961-07-14",
            f"{crossings[1].pk}-outcome": "reported_abroad",
            f"{crossings[1].pk}-occurred": "1961-08",
            f"{crossings[2].pk}-outcome": "",
        },
    )
    assert response.status_code == 302
    assert person_status(personas.longjing_person) == "returned"
    assert person_status(described) == "abroad"
    outcome = MovementEvent.objects.get(event_type="persuaded_to_return")
    assert outcome.related_event == crossings[0] and outcome.group_ref == group


def test_bad_input_keeps_everything_and_says_where(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    area = Area.objects.get(code="222405")
    response = client.post("/ledger/incidents/new/", {"occurred": "1961-13", "area": area.pk, "described": "x"})
    assert response.status_code == 200 and "occurred" in response.context["form"].errors
    response = client.post(
        "/ledger/incidents/new/", {"occurred": "1961-07", "area": area.pk, "person_ids": str(personas.yanji_person.pk)}
    )
    assert "person_ids" in response.context["form"].errors
    assert MovementEvent.objects.count() == 0 and not Person.objects.filter(description="x").exists()


def test_an_outcome_before_the_crossing_is_refused_on_the_page(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    area = Area.objects.get(code="222405")
    client.post("/ledger/incidents/new/", {"occurred": "1961-07-14", "area": area.pk, "described": "unknown man"})
    crossing = MovementEvent.objects.get()
    response = client.post(
        f"/ledger/incidents/{crossing.group_ref}/",
        {f"{crossing.pk}-outcome": "died", f"{crossing.pk}-occurred": "1961-06-30"},
        follow=True,
    )
    assert "结果的日期早于其越境" in response.content.decode()  # the page speaks the default language
    assert MovementEvent.objects.count() == 1


def test_another_countys_incident_is_not_found(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    area = Area.objects.get(code="222405")
    client.post("/ledger/incidents/new/", {"occurred": "1961-07-14", "area": area.pk, "described": "unknown man"})
    group = MovementEvent.objects.get().group_ref
    assert personas.client(personas.clerk_yanji).get(f"/ledger/incidents/{group}/").status_code == 404


def test_an_imported_group_with_a_slash_in_its_reference_still_links(personas) -> None:
    from yalu.ledger.tests.conftest import event, write

    write(event(personas.longjing_person, "crossing_detected", "1961-07-14", group_ref="T-222405/61/07"))
    client = personas.client(personas.clerk_longjing)
    assert client.get(f"/people/{personas.longjing_person.pk}/").status_code == 200
    assert client.get("/ledger/incidents/T-222405/61/07/").status_code == 200
