"""`manage.py report crossings --area CODE --period PERIOD [--as-of DATE] --format json`: the cohort figures."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.areas.queries import area_by_code
from yalu.ledger.periods import parse_period
from yalu.ledger.queries import crossing_report


class Command(BaseCommand):
    help = (
        "Print a report as one JSON object keyed by indicator code. `crossings`: the cohort of persons whose "
        "crossing was detected in the period in the area, each counted by their last event up to --as-of "
        "(default: the last day of the period)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subject", choices=["crossings"])
        parser.add_argument("--area", required=True, help="area code, e.g. CN-JL, 222400, 222405")
        parser.add_argument("--period", required=True, help="1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
        parser.add_argument(
            "--as-of", dest="as_of", default="", help="report date (YYYY-MM-DD), not before the period's end"
        )
        parser.add_argument("--format", dest="output_format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        area = area_by_code(options["area"])
        if area is None:
            raise CommandError(f"--area: unknown area code {options['area']!r}")
        try:
            start, end = parse_period(options["period"])
        except ValueError as error:
            raise CommandError(f"--period: {error}") from error
        as_of = end
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(f"--as-of: {options['as_of']!r} is not a date like 1962-03-31") from error
            if as_of < end:
                raise CommandError(f"--as-of: {as_of} is before the end of the period ({end})")
        figures = crossing_report(None, area=area, period_start=start, period_end=end, as_of=as_of)
        self.stdout.write(json.dumps(figures, indent=2))
