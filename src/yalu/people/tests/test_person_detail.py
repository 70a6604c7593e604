"""The record page and its API twin: scoped, audited once per view."""

from __future__ import annotations

from yalu.core.models import AuditEvent


def test_clerk_sees_own_county_person_and_the_view_is_audited_once(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    person = personas.longjing_person
    before = AuditEvent.objects.filter(action="view", object_id=str(person.pk)).count()
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    assert "朴成哲" in response.content.decode()
    after = AuditEvent.objects.filter(action="view", object_id=str(person.pk), actor=personas.clerk_longjing).count()
    assert after - before == 1


def test_clerk_gets_404_for_another_county_on_page_and_api(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    yanji = personas.yanji_person
    assert client.get(f"/people/{yanji.pk}/").status_code == 404
    assert client.get(f"/api/v1/people/{yanji.pk}").status_code == 404
    # the same answer as for a record that does not exist
    assert client.get("/people/999999/").status_code == 404
    assert client.get("/api/v1/people/999999").status_code == 404
    assert AuditEvent.objects.filter(action="denied", object_id=str(yanji.pk)).count() == 2


def test_analyst_of_the_province_sees_both(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    for person in (personas.longjing_person, personas.yanji_person):
        assert client.get(f"/people/{person.pk}/").status_code == 200
        body = client.get(f"/api/v1/people/{person.pk}").json()
        assert body["id"] == person.pk


def test_api_detail_has_names_and_family(personas) -> None:
    body = personas.client(personas.analyst_jilin).get(f"/api/v1/people/{personas.longjing_person.pk}").json()
    assert {n["full"] for n in body["names"]} == {"朴成哲", "박성철"}
    assert body["home_area"] == "222405"
    assert body["birth_date"] == "1931"
    assert body["family"] == []


def test_outsider_without_role_is_refused(personas) -> None:
    client = personas.client(personas.outsider)
    assert client.get(f"/people/{personas.longjing_person.pk}/").status_code == 403
    assert client.get("/api/v1/people/").status_code == 403
