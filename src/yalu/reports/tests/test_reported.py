"""Reported figures beside computed ones: the qualifier shown (≈1,778), the breakdowns in table 2."""

from __future__ import annotations

from yalu.areas.models import Area
from yalu.statistics.actions import record_submission

SOURCE = "Yanbian statistics for 1961"


def submit(indicator: str, area: str, value: int, *, qualifier: str = "exact", breakdown: str = "") -> None:
    record_submission(
        acting_user=None,
        indicator=indicator,
        area=Area.objects.get(code=area),
        period="1961",
        value=value,
        source=SOURCE,
        qualifier=qualifier,
        breakdown=breakdown,
    )


def test_reported_values_show_with_their_qualifier_and_source(crossings) -> None:
    # given Yanbian's "about 1,778" applications and 1,053 approved, and Jilin's remains by nationality
    submit("application.filed", "222400", 1778, qualifier="about")
    submit("application.approved", "222400", 1053)
    submit("remains.found", "CN-JL", 243)
    submit("remains.found", "CN-JL", 82, breakdown="nationality:CN")
    submit("remains.found", "CN-JL", 11, breakdown="nationality:KP")
    submit("remains.found", "CN-JL", 150, breakdown="nationality:unidentified")
    client = crossings.client(crossings.analyst_jilin)

    # when the reports are shown
    yanbian = client.get("/reports/1962/", {"area": "222400", "period": "1961"}).content.decode()
    jilin = client.get("/api/v1/reports/1962", {"area": "CN-JL", "period": "1961"}).json()

    # then the page shows the reported figure with its qualifier and source, beside the computed one
    permits = yanbian.split('data-table="permits"', 1)[1].split("</table>", 1)[0]
    total_row = permits.split('data-row="222400"', 1)[1]
    assert "≈1,778" in total_row and SOURCE in total_row and "1,053" in total_row
    # and the published remains table has Jilin's nationality breakdown in its total row
    remains = next(table for table in jilin["tables"] if table["key"] == "remains")
    total = remains["rows"][-1]["cells"]
    assert [cell["reported"][0]["value"] for cell in total] == [82, 11, 150, 243]
    permits_table = next(table for table in jilin["tables"] if table["key"] == "permits")
    yanbian_row = next(row for row in permits_table["rows"] if row["key"] == "222400")
    filed = yanbian_row["cells"][1]["reported"][0]
    assert filed == {"value": 1778, "qualifier": "about", "source": SOURCE}
