"""The funnel page: the indicators by office for a period, scoped by the jurisdiction."""

from __future__ import annotations

import datetime

from yalu.permits.actions import decide_application


def test_funnel_shows_counts_by_county(permits) -> None:
    application = permits.application(filed_on=datetime.date(1961, 4, 2))
    decide_application(
        acting_user=permits.approver_yanbian,
        application=application,
        decision="approved",
        decided_on=datetime.date(1961, 4, 12),
    )
    permits.letter()
    client = permits.client(permits.base.analyst_jilin)
    response = client.get("/permits/", {"area": "222400", "period": "1961"})
    assert response.status_code == 200
    rows = response.context["table"]
    longjing = next(values for area, values, _level in rows if area.code == "222405")
    assert longjing[:3] == [1, 1, 1]  # letters, filed, approved
    assert longjing[7:9] == [10, 10]  # median and p90 days
    yanji = next(values for area, values, _level in rows if area.code == "222401")
    assert yanji[:3] == [0, 0, 0]


def test_out_of_scope_area_is_not_found(permits) -> None:
    client = permits.client(permits.base.clerk_longjing)
    assert client.get("/permits/", {"area": "222401", "period": "1961"}).status_code == 404


def test_bad_period_is_explained(permits) -> None:
    client = permits.client(permits.base.analyst_jilin)
    response = client.get("/permits/", {"area": "222400", "period": "1961-Q5"})
    assert response.status_code == 200
    assert "--period" in response.content.decode()


def test_people_without_the_permission_are_refused(permits) -> None:
    assert permits.client(permits.base.outsider).get("/permits/").status_code == 403
