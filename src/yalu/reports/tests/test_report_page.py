"""The report page: exact counts for users in scope, the area asked for checked against the jurisdiction."""

from __future__ import annotations

import re


def cell(page: str, row: str, index: int) -> str:
    """The computed value of column `index` in the row `row` of the first table."""
    body = page.split('data-table="crossings"', 1)[1].split("</table>", 1)[0]
    row_html = body.split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    return str(re.findall(r"<span class=\"computed\">([^<]*)</span>", row_html)[index])


def test_the_page_shows_exact_counts_by_county_with_a_total(crossings) -> None:
    # given an analyst of Jilin
    client = crossings.client(crossings.analyst_jilin)

    # when the Yanbian report for 1961 is asked for
    page = client.get("/reports/1962/", {"area": "222400", "period": "1961", "as_of": "1962-03-31"}).content.decode()

    # then each county has its row, with exact (unsuppressed) counts, and the prefecture a total row
    assert cell(page, "222405", 0) == "3"  # persons crossing
    assert cell(page, "222405", 1) == "1"  # persuaded
    assert cell(page, "222405", 6) == "1"  # unaccounted
    assert cell(page, "222401", 0) == "12"
    assert cell(page, "222400", 0) == "15"
    assert "<5" not in page.split("<main>", 1)[1].split('class="legend', 1)[0]
    assert page.count("<svg") == 3


def test_the_county_clerk_gets_his_county_but_not_the_prefecture(crossings) -> None:
    client = crossings.client(crossings.clerk_longjing)

    own = client.get("/reports/1962/", {"area": "222405", "period": "1961"})
    wider = client.get("/reports/1962/", {"area": "222400", "period": "1961"}, HTTP_ACCEPT_LANGUAGE="en")

    assert own.status_code == 200 and cell(own.content.decode(), "222405", 0) == "3"
    assert wider.status_code == 200
    assert "No area with the code 222400 in your jurisdiction." in wider.content.decode()
    assert "data-table" not in wider.content.decode()


def test_bad_period_and_report_date_are_explained(crossings, english) -> None:
    client = crossings.client(crossings.analyst_jilin)

    bad_period = client.get("/reports/1962/", {"area": "222400", "period": "1961-13"}).content.decode()
    early = client.get("/reports/1962/", {"area": "222400", "period": "1961", "as_of": "1961-06-30"}).content.decode()

    assert "the month must be between 01 and 12" in bad_period
    assert "before the end of the period" in early


def test_a_user_without_the_permission_is_refused(crossings) -> None:
    response = crossings.client(crossings.outsider).get("/reports/1962/", {"area": "CN", "period": "1961"})

    assert response.status_code == 403
