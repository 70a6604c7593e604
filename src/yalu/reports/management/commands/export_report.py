"""`manage.py export_report --area CODE --period PERIOD [--as-of DATE] --format csv|xlsx|pdf|json --lang LANG`."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.areas.queries import area_by_code
from yalu.core.audit import record_audit
from yalu.reports.api import report_out
from yalu.reports.exports import FORMATS, LANGUAGES, render_export
from yalu.reports.queries import build_report
from yalu.reports.tables import publish


class Command(BaseCommand):
    help = (
        "Write the published 1962 report (small counts withheld) for the area and period: CSV, XLSX or PDF to "
        "--output (or standard output), or the API's JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="area code, e.g. CN-JL, 222400")
        parser.add_argument("--period", required=True, help="1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
        parser.add_argument("--as-of", dest="as_of", default="", help="report date (YYYY-MM-DD; default: period end)")
        parser.add_argument("--format", dest="file_format", choices=[*FORMATS, "json"], default="csv")
        parser.add_argument("--lang", dest="language", choices=sorted(LANGUAGES), default="zh-hans")
        parser.add_argument("--output", default="", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        area = area_by_code(options["area"])
        if area is None:
            raise CommandError(f"--area: unknown area code {options['area']!r}")
        as_of = None
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(f"--as-of: {options['as_of']!r} is not a date like 1962-03-31") from error
        try:
            report, _source = build_report(None, area=area, period=options["period"], as_of=as_of)
        except ValueError as error:
            raise CommandError(f"--period/--as-of: {error}") from error
        file_format = options["file_format"]
        if file_format == "json":
            content = json.dumps(report_out(publish(report)).dict(), ensure_ascii=False, indent=2, default=str).encode()
        else:
            content = render_export(publish(report), file_format=file_format, language=options["language"])
        record_audit(
            actor=None,
            action="export",
            object_type="reports.report",
            object_id=report.definition,
            username="manage.py",
            detail={
                "area": area.code,
                "period": report.period,
                "as_of": report.as_of.isoformat(),
                "format": file_format,
            },
        )
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"wrote {len(content):,} bytes to {options['output']}")
        elif file_format in ("xlsx", "pdf"):
            sys.stdout.buffer.write(content)
        else:
            self.stdout.write(content.decode("utf-8-sig"))
