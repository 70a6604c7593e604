"""Published exports of a report — CSV, XLSX, PDF — in the language asked for.

Every export is of a published report (small counts withheld), neutralises spreadsheet formulas and
is audited by the caller (`actions.export_report`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from yalu.reports.charts import report_charts
from yalu.reports.tables import Cell, Report, Table, computed_text, legend_text, reported_texts

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
LANGUAGES = {"zh-hans": "zh-hans", "zh_hans": "zh-hans", "zh": "zh-hans", "ko": "ko", "en": "en"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A leading ' keeps a spreadsheet from running text as a formula (numbers are left as they are)."""
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _plain(cell: Cell) -> str:
    text = computed_text(cell)
    return text.replace(",", "") if text[:1].isdigit() or text[:1] == "-" and text[1:2].isdigit() else text


def _reported_plain(cell: Cell) -> tuple[str, str, str]:
    texts = reported_texts(cell)
    if not texts:
        return "", "", ""
    first = cell.reported[0]
    value = texts[0].lstrip("≈≥").replace(",", "")
    return value, first.qualifier, first.source


def report_rows(report: Report) -> Iterator[list[str]]:
    """The report in long form: one line per table cell (and chart point), with computed and reported values."""
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                reported, qualifier, source = _reported_plain(cell)
                code = column.code + (f"[{column.breakdown}]" if column.breakdown else "")
                code += f".{column.part}" if column.part else ""
                row_key = row.key if not row.is_total else f"{row.key} ({_('Total')})"
                yield [
                    table.key,
                    row_key,
                    str(row.label),
                    code,
                    str(column.label),
                    _plain(cell),
                    reported,
                    qualifier,
                    source,
                ]
    months = report.series["months"]
    for label, cell in months.points:
        reported, qualifier, source = _reported_plain(cell)
        yield [
            "months",
            str(label),
            str(label),
            "crossing.detected",
            str(months.title),
            _plain(cell),
            reported,
            qualifier,
            source,
        ]


def csv_bytes(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row", "row_label", "indicator", "label", "computed", "reported", "qualifier", "source"])
    for line in report_rows(report):
        writer.writerow([neutralise(value) for value in line])
    writer.writerow([])
    writer.writerow([neutralise(legend_text())])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(text: str) -> Any:
    if _is_number(text) and text not in ("",):
        number = float(text.replace(",", ""))
        return int(number) if number.is_integer() else number
    return neutralise(text)


def _table_sheet(workbook: Workbook, table: Table, index: int) -> None:
    sheet = workbook.create_sheet(title=f"{index}-{table.key}"[:31])
    sheet.append([neutralise(str(table.title))])
    sheet["A1"].font = Font(bold=True)
    with_reported = [c for c in range(len(table.columns)) if any(row.cells[c].reported for row in table.rows)]
    header = [""] + [neutralise(str(column.label)) for column in table.columns]
    header += [neutralise(_("%(label)s (reported)") % {"label": table.columns[c].label}) for c in with_reported]
    sheet.append(header)
    for row in table.rows:
        values = [neutralise(str(row.label))] + [_xlsx_value(computed_text(cell)) for cell in row.cells]
        for c in with_reported:
            texts = reported_texts(row.cells[c])
            values.append(
                _xlsx_value(texts[0]) if texts and texts[0][:1].isdigit() else neutralise(texts[0] if texts else "")
            )
        sheet.append(values)
    if table.note:
        sheet.append([neutralise(str(table.note))])
    for number, source in enumerate(table.sources(), start=1):
        sheet.append([f"[{number}]", neutralise(_("reported by") + " " + source)])


def xlsx_bytes(report: Report) -> bytes:
    workbook = Workbook()
    cover = workbook.worksheets[0]
    cover.title = _("Report")[:31]
    for line in (
        str(report.title),
        f"{report.area.name} ({report.area.code})",
        _("Period: %(period)s; report date: %(as_of)s") % {"period": report.period, "as_of": report.as_of.isoformat()},
        legend_text(),
    ):
        cover.append([neutralise(line)])
    for index, table in enumerate(report.tables, start=1):
        _table_sheet(workbook, table, index)
    months = workbook.create_sheet(title="months")
    months.append([neutralise(str(report.series["months"].title))])
    for label, cell in report.series["months"].points:
        months.append([str(label), _xlsx_value(computed_text(cell))])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_html(report: Report, *, standalone: bool) -> str:
    context = {
        "report": report,
        "charts": report_charts(report.series),
        "legend": legend_text(),
        "standalone": standalone,
    }
    return render_to_string("reports/report_document.html", context)


def pdf_bytes(report: Report) -> bytes:
    from weasyprint import HTML

    html = report_html(report, standalone=True)
    document: bytes = HTML(string=html).write_pdf()
    return document


RENDERERS = {"csv": csv_bytes, "xlsx": xlsx_bytes, "pdf": pdf_bytes}


def render_export(report: Report, *, file_format: str, language: str) -> bytes:
    """The published report as `file_format` in `language` (zh-hans, ko or en)."""
    if file_format not in RENDERERS:
        raise ValueError(f"format {file_format!r}: use csv, xlsx or pdf")
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: use zh-hans, ko or en")
    with translation.override(LANGUAGES[language]):
        return RENDERERS[file_format](report)
