"""Published exports: small counts withheld, formulas neutralised, every export audited, three languages."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from yalu.core.models import AuditEvent
from yalu.reports.exports import neutralise

QUERY = {"area": "222405", "period": "1961", "as_of": "1962-03-31"}


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_small_county_is_published_with_its_small_counts_withheld(crossings) -> None:
    # given Longjing, where 3 persons crossed in 1961 (the internal page shows 3)
    client = crossings.client(crossings.clerk_longjing)

    # when the report is exported as CSV
    response = client.get("/reports/1962/export.csv", {**QUERY, "lang": "en"})

    # then the counts of 1 to 5 persons read <5, and none of them can be read anywhere in the file
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response.content)
    header = rows[0]
    crossings_rows = [dict(zip(header, row, strict=True)) for row in rows[1:] if row and row[0] == "crossings"]
    by_code = {row["indicator"]: row["computed"] for row in crossings_rows}
    assert by_code["crossing.persons"] == "<5"
    assert by_code["return.persuaded"] == "<5"
    assert by_code["crossing.unaccounted"] == "<5"
    assert by_code["return.handed_back"] == "0"
    months = {row[1]: row[5] for row in rows[1:] if row and row[0] == "months"}
    assert months["1961-03"] == "<5" and months["1961-07"] == "<5" and months["1961-01"] == "0"
    # and the internal page shows the exact counts to the clerk in scope
    page = client.get("/reports/1962/", QUERY).content.decode()
    assert '<span class="computed">3</span>' in page


def test_an_export_is_audited_with_what_was_exported(crossings) -> None:
    client = crossings.client(crossings.analyst_jilin)

    client.get("/reports/1962/export.xlsx", {**QUERY, "lang": "ko"})

    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.actor == crossings.analyst_jilin
    assert event.detail["area"] == "222405" and event.detail["format"] == "xlsx" and event.detail["language"] == "ko"


def test_the_xlsx_export_has_a_sheet_per_table_in_the_language_asked_for(crossings) -> None:
    client = crossings.client(crossings.analyst_jilin)

    response = client.get("/reports/1962/export.xlsx", {"area": "222400", "period": "1961", "lang": "zh-hans"})

    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 5
    sheet = workbook[workbook.sheetnames[1]]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    labels = {row[0]: row[1:] for row in values if row and row[0]}
    assert "越境人数" in [str(value) for value in values[1]]
    assert labels["龙井市"][0] == "<5"  # Longjing: 3 persons, withheld
    assert labels["龙井市"][1] == "<5"  # one persuaded
    # and Yanji's 12 and the prefecture's 15 are not both published: 15 - 12 would give Longjing away
    assert labels["延吉市"][0] == "<5" or labels["合计"][0] == "<5"
    assert labels["和龙市"][0] == "—"  # no records in Helong


def test_a_wrong_format_or_language_is_refused(crossings) -> None:
    client = crossings.client(crossings.analyst_jilin)

    assert client.get("/reports/1962/export.doc", QUERY).status_code == 400
    assert client.get("/reports/1962/export.csv", {**QUERY, "lang": "fr"}).status_code == 400
    assert client.get("/reports/1962/export.csv", {"lang": "en"}).status_code == 400


def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote() -> None:
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("+1 source") == "'+1 source"
    assert neutralise("-12") == "-12"
    assert neutralise("Jilin PSD") == "Jilin PSD"


def test_a_reported_source_that_looks_like_a_formula_is_neutralised_in_csv_and_xlsx(crossings) -> None:
    from yalu.areas.models import Area
    from yalu.statistics.actions import record_submission

    # given a figure whose source a spreadsheet would run as a formula
    record_submission(
        acting_user=None,
        indicator="crossing.persons",
        area=Area.objects.get(code="222405"),
        period="1961",
        value=40,
        source='=HYPERLINK("http://example.invalid","Longjing")',
    )
    client = crossings.client(crossings.analyst_jilin)

    # when the report is exported
    text = client.get("/reports/1962/export.csv", {**QUERY, "lang": "en"}).content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get("/reports/1962/export.xlsx", {**QUERY, "lang": "en"}).content))

    # then the source is written as text with a leading quote, and no cell of the workbook is a formula
    row = next(r for r in csv_rows(text.encode()) if r and r[0] == "crossings" and r[3] == "crossing.persons")
    assert row[6] == "40" and row[8].startswith("'=HYPERLINK")
    cells = [cell for sheet in workbook.worksheets for line in sheet.iter_rows() for cell in line]
    assert not any(cell.data_type == "f" for cell in cells)
    assert any(str(cell.value).startswith("reported by =HYPERLINK") for cell in cells)
