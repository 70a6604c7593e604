"""The statistics page: the cohort table by area for a period and report date, scoped by jurisdiction."""

from __future__ import annotations

from yalu.ledger.tests.conftest import event, write


def test_analyst_sees_the_table_from_province_to_county(personas) -> None:
    # given crossings in Longjing and Yanji, one persuaded back
    (crossing,) = write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    write(event(personas.longjing_person, "persuaded_to_return", "1961-07-14", related_event_id=crossing.pk))
    write(event(personas.yanji_person, "crossing_detected", "1961-08-02", area="222401"))
    # when the provincial analyst asks for 1961
    client = personas.client(personas.analyst_jilin)
    response = client.get("/ledger/crossings/", {"area": personas.analyst_jilin.jurisdiction_id, "period": "1961"})
    # then each area's row shows its figures: the province 2 persons, Longjing 1 persuaded, Yanji 1 unaccounted
    assert response.status_code == 200
    rows = {row.code: values for row, values, _indent in response.context["table"]}
    assert rows["CN-JL"][:3] == [2, 2, 1]
    assert rows["222405"] == [1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert rows["222401"][-1] == 1
    assert "222424" in rows and "T-222405" not in rows


def test_the_page_opens_on_the_users_jurisdiction_and_latest_year(personas) -> None:
    write(event(personas.longjing_person, "crossing_detected", "1961-07-14"))
    write(event(personas.longjing_person, "crossing_detected", "1962-01-10"))  # a year only just begun
    response = personas.client(personas.clerk_longjing).get("/ledger/crossings/")
    assert response.status_code == 200
    assert [row.code for row, _values, _level in response.context["table"]] == ["222405"]
    assert "1961-01-01" in response.content.decode()


def test_a_bad_period_is_explained_and_an_area_out_of_scope_refused(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    response = client.get("/ledger/crossings/", {"area": personas.clerk_longjing.jurisdiction_id, "period": "1961-Q5"})
    assert response.status_code == 200 and "period" in response.context["form"].errors
    yanji = personas.clerk_yanji.jurisdiction_id
    response = client.get("/ledger/crossings/", {"area": yanji, "period": "1961"})
    assert "area" in response.context["form"].errors and response.context["table"] == []


def test_without_the_permission_the_page_is_refused(personas) -> None:
    assert personas.client(personas.auditor).get("/ledger/crossings/").status_code == 403
