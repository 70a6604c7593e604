"""`manage.py indicators --area CODE --period PERIOD [--as-of DATE] [--codes a,b] --format json`."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.areas.queries import area_by_code
from yalu.statistics.indicators import as_json, check_codes, evaluate
from yalu.statistics.periods import parse_period


class Command(BaseCommand):
    help = (
        'Print {code: {"computed": value or null, "reported": [{"value", "qualifier", "source", "submission"}]}} '
        "for the area (with its subtree) and period; --as-of is the report date (default: the period's last day)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="area code, e.g. CN-JL, 222400")
        parser.add_argument("--period", required=True, help="1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
        parser.add_argument("--as-of", dest="as_of", default="", help="report date (YYYY-MM-DD)")
        parser.add_argument("--codes", default="", help="comma-separated indicator codes (default: all)")
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
        codes = [code.strip() for code in options["codes"].split(",") if code.strip()] or None
        if codes is not None:
            try:
                check_codes(codes)
            except ValueError as error:
                raise CommandError(f"--codes: {error}") from error
        values = evaluate(None, area=area, period_start=start, period_end=end, as_of=as_of, codes=codes)
        self.stdout.write(json.dumps(as_json(values), indent=2, ensure_ascii=False))
