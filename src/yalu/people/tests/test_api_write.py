"""Registering persons and family links through the API: field-level errors, nothing half-saved."""

from __future__ import annotations

import datetime
import json

from yalu.people.models import FamilyLink, Person


def post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_register_a_person_through_the_api(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    response = post(client, "/api/v1/people/", {
        "home_area": "222405", "sex": "F", "birth_date": "1938-02",
        "names": [{"system": "hangul", "family": "리", "given": "순희"}, {"system": "hanzi", "full": "李順姬"}]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["birth_date"] == "1938-02" and {n["full"] for n in body["names"]} == {"리순희", "李順姬"}


def test_bad_input_gets_field_errors(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    count = Person.objects.count()
    cases = [
        ({"home_area": "999999", "names": [{"system": "hangul", "full": "김철"}]}, "home_area"),
        ({"home_area": "222401", "names": [{"system": "hangul", "full": "김철"}]}, "home_area"),
        ({"home_area": "222405", "birth_date": f"{datetime.date.today().year + 1}",
          "names": [{"system": "hangul", "full": "김철"}]}, "birth_date"),
        ({"home_area": "222405", "names": [{"system": "klingon", "full": "김철"}]}, "name_system"),
        ({"home_area": "222405", "sex": "X", "names": [{"system": "hangul", "full": "김철"}]}, "sex"),
    ]
    for body, field in cases:
        response = post(client, "/api/v1/people/", body)
        assert response.status_code == 422, (body, response.content)
        assert field in response.json()["errors"], (body, response.json())
    assert Person.objects.count() == count


def test_family_link_errors_through_the_api(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    person = personas.longjing_person
    response = post(client, f"/api/v1/people/{person.pk}/family", {"relative": person.pk, "relation": "spouse"})
    assert response.status_code == 422 and "relative" in response.json()["errors"]
    response = post(client, f"/api/v1/people/{person.pk}/family",
                    {"relative": personas.yanji_person.pk, "relation": "spouse"})
    assert response.status_code == 422 and "relative" in response.json()["errors"]
    assert FamilyLink.objects.count() == 0


def test_analyst_cannot_register(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    response = post(client, "/api/v1/people/", {"home_area": "222405", "names": [{"system": "hangul", "full": "김철"}]})
    assert response.status_code == 403
