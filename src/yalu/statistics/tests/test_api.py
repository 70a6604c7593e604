"""/api/v1/statistics/: indicators and violations, scoped by the caller's jurisdiction."""

from __future__ import annotations

from yalu.conftest import Personas
from yalu.core.models import User
from yalu.statistics.demo import load_demo_statistics


def test_indicators_and_violations_through_the_api(personas: Personas, admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    client = personas.client(personas.analyst_jilin)
    figures = client.get(
        "/api/v1/statistics/indicators", {"area": "222400", "period": "1961", "codes": "application.filed"}
    )
    assert figures.status_code == 200, figures.content
    assert figures.json()["application.filed"]["reported"][0]["qualifier"] == "about"
    violations = client.get("/api/v1/statistics/violations", {"area": "CN-JL", "period": "1961"}).json()
    assert sorted(v["rule"] for v in violations) == ["decisions-within-applications", "unaccounted-share"]


def test_bad_input_and_scope(personas: Personas) -> None:
    client = personas.client(personas.analyst_jilin)
    assert client.get("/api/v1/statistics/indicators", {"area": "XX", "period": "1961"}).status_code == 422
    assert client.get("/api/v1/statistics/violations", {"area": "CN", "period": "1961-Q9"}).status_code == 422
    assert client.get("/api/v1/statistics/violations", {"area": "CN-LN", "period": "1961"}).status_code == 404
    outsider = personas.client(personas.outsider)
    assert outsider.get("/api/v1/statistics/violations", {"area": "CN", "period": "1961"}).status_code in (401, 403)


def test_a_snapshot_through_the_api(personas: Personas, admin_user: User) -> None:
    import datetime

    from yalu.areas.models import Area
    from yalu.statistics.snapshots import take_snapshot

    snapshot = take_snapshot(
        acting_user=personas.analyst_jilin,
        title="Jilin 1961",
        area=Area.objects.get(code="CN-JL"),
        period_text="1961",
        as_of=datetime.date(1962, 3, 23),
        figures={"crossing.persons": 28000},
        sources={"crossing.persons": ["Jilin PSD"]},
    )
    load_demo_statistics(acting_user=admin_user)
    body = personas.client(personas.analyst_jilin).get(f"/api/v1/statistics/snapshots/{snapshot.pk}").json()
    assert body["figures"] == {"crossing.persons": 28000} and body["author"] == "analyst.jilin"
    assert body["changes"] == [{"code": "crossing.persons", "area": "CN-JL", "then": 28000, "now": 28028}]
    clerk = personas.client(personas.clerk_yanji)  # Yanji county: the snapshot is of the province
    assert clerk.get(f"/api/v1/statistics/snapshots/{snapshot.pk}").status_code == 404
