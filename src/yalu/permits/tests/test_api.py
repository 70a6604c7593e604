"""The permits API: the report, an application, a decision; 409 when someone decided first."""

from __future__ import annotations

import datetime


def test_report_and_decision_through_the_api(permits) -> None:
    application = permits.application(filed_on=datetime.date(1961, 4, 2))
    client = permits.client(permits.approver_yanbian)
    response = client.post(
        f"/api/v1/permits/applications/{application.pk}/decision",
        {"decision": "approved", "decided_on": "1961-04-12"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    again = client.post(
        f"/api/v1/permits/applications/{application.pk}/decision",
        {"decision": "denied", "decided_on": "1961-04-13", "reason": "other"},
        content_type="application/json",
    )
    assert again.status_code == 409 and "1961-04-12" in again.json()["detail"]
    figures = client.get("/api/v1/permits/report", {"area": "222400", "period": "1961"}).json()
    assert figures["application.approved"] == 1
    assert figures["application.days_to_decision"] == {"median": 10, "p90": 10}


def test_out_of_scope_application_is_not_found(permits) -> None:
    application = permits.application()
    client = permits.client(permits.approver_dandong)
    assert client.get(f"/api/v1/permits/applications/{application.pk}").status_code == 404
    assert permits.client(permits.base.outsider).get("/api/v1/permits/report?area=CN&period=1961").status_code == 403
