"""The list, search and API list: scoped exactly like the record, so no list, search or count leaks."""

from __future__ import annotations

from yalu.core.api import issue_token
from yalu.core.models import AuditEvent


def test_list_shows_only_the_jurisdiction(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    page = client.get("/people/").content.decode()
    assert f'href="/people/{personas.longjing_person.pk}/"' in page
    assert f'href="/people/{personas.yanji_person.pk}/"' not in page
    assert 'data-count="1"' in page


def test_search_by_exact_and_prefix_name(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    park, kim = (f'href="/people/{p.pk}/"' for p in (personas.longjing_person, personas.yanji_person))
    page = client.get("/people/", {"q": "朴成哲"}).content.decode()
    assert park in page and kim not in page
    page = client.get("/people/", {"q": "김영"}).content.decode()
    assert kim in page and park not in page
    assert AuditEvent.objects.filter(action="search", actor=personas.analyst_jilin).count() == 2


def test_search_does_not_leak_other_counties(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    page = client.get("/people/", {"q": "김영숙"}).content.decode()
    assert 'data-count="0"' in page
    body = client.get("/api/v1/people/", {"q": "김영숙"}).json()
    assert body == {"count": 0, "items": []}
    body = client.get("/api/v1/people/", {"area": "222401"}).json()
    assert body["count"] == 0


def test_api_list_shape_and_area_filter(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    body = client.get("/api/v1/people/", {"area": "222405"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert {"id", "names", "sex", "birth_date", "home_area"} <= set(item)
    assert item["home_area"] == "222405"
    assert client.get("/api/v1/people/").json()["count"] == 2


def test_api_token_authentication(personas) -> None:
    from django.test import Client

    token = issue_token(user=personas.clerk_longjing, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = client.get("/api/v1/people/").json()
    assert body["count"] == 1
    assert Client(HTTP_AUTHORIZATION="Bearer wrong").get("/api/v1/people/").status_code == 401
    assert Client().get("/api/v1/people/").status_code == 401


def test_openapi_document_and_docs(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/people/" in document["paths"]
    assert "/api/v1/areas/" in document["paths"]
    assert client.get("/api/v1/docs").status_code == 200
    areas = client.get("/api/v1/areas/").json()
    assert any(a["code"] == "T-222405" and a["facing"] == "KP-09" for a in areas)
