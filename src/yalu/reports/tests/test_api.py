"""GET /api/v1/reports/1962: the published tables as JSON, scoped like the page."""

from __future__ import annotations

from yalu.core.models import AuditEvent

URL = "/api/v1/reports/1962"


def test_the_api_gives_the_published_tables(crossings) -> None:
    client = crossings.client(crossings.analyst_jilin)

    response = client.get(URL, {"area": "222400", "period": "1961", "as_of": "1962-03-31"})

    assert response.status_code == 200
    body = response.json()
    assert body["area"] == "222400" and body["as_of"] == "1962-03-31" and body["suppression_threshold"] == 5
    crossings_table = next(table for table in body["tables"] if table["key"] == "crossings")
    assert crossings_table["columns"][0]["code"] == "crossing.persons"
    rows = {row["key"]: row for row in crossings_table["rows"]}
    assert rows["222405"]["cells"][0]["computed"] == "<5"  # Longjing's 3 persons
    assert rows["222400"]["is_total"] is True
    assert {table["key"] for table in body["tables"]} == {"crossings", "remains", "permits"}
    assert len(body["months"]) == 12
    assert AuditEvent.objects.filter(action="export", detail__format="api").exists()


def test_an_area_outside_the_jurisdiction_is_not_found(crossings) -> None:
    client = crossings.client(crossings.clerk_longjing)

    response = client.get(URL, {"area": "222401", "period": "1961"})

    assert response.status_code == 404


def test_bad_input_is_explained(crossings) -> None:
    client = crossings.client(crossings.analyst_jilin)

    unknown = client.get(URL, {"area": "XX", "period": "1961"})
    bad_period = client.get(URL, {"area": "222400", "period": "1961-Q5"})
    bad_date = client.get(URL, {"area": "222400", "period": "1961", "as_of": "31.3.1962"})

    assert unknown.status_code == 422 and "area" in unknown.json()["errors"]
    assert bad_period.status_code == 422 and "period" in bad_period.json()["errors"]
    assert bad_date.status_code == 422 and "as_of" in bad_date.json()["errors"]


def test_without_the_permission_the_api_refuses(crossings) -> None:
    response = crossings.client(crossings.outsider).get(URL, {"area": "CN", "period": "1961"})

    assert response.status_code == 403
