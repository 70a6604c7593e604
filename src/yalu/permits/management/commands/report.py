"""`manage.py report permits --area CODE --period PERIOD [--as-of DATE] --format json` (and `crossings`)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.permits.reporting import SUBJECTS, ReportArgumentError


class Command(BaseCommand):
    help = (
        "Print a report as one JSON object keyed by indicator code. `permits`: letters received, applications "
        "filed and decided in the period at offices in the area, pending and overdue at the period's end, days "
        "to decision (median, p90), legal departures, and requested persons by their status on --as-of "
        "(default: the last day of the period). `crossings`: the ledger's cohort figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subject", choices=sorted(SUBJECTS))
        parser.add_argument("--area", required=True, help="area code, e.g. CN-JL, 222400, 222405")
        parser.add_argument("--period", required=True, help="1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
        parser.add_argument(
            "--as-of", dest="as_of", default="", help="report date (YYYY-MM-DD), not before the period's end"
        )
        parser.add_argument("--format", dest="output_format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            figures = SUBJECTS[options["subject"]](options["area"], options["period"], options["as_of"])
        except ReportArgumentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False))
