"""`manage.py validate --area CODE --period PERIOD --format json`: the violations of the validation rules."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.areas.queries import area_by_code
from yalu.statistics.periods import parse_period
from yalu.statistics.validation import validate


class Command(BaseCommand):
    help = (
        'Print a list of {"rule", "area", "period", "severity", "left", "right", "difference", "sources"} for the '
        "area and every area below it, for the period and every reported period overlapping it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="area code, e.g. CN, CN-JL, 222400")
        parser.add_argument("--period", required=True, help="1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
        parser.add_argument(
            "--no-subtree", dest="subtree", action="store_false", help="check the area alone, not the areas below it"
        )
        parser.add_argument("--format", dest="output_format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        area = area_by_code(options["area"])
        if area is None:
            raise CommandError(f"--area: unknown area code {options['area']!r}")
        try:
            parse_period(options["period"])
        except ValueError as error:
            raise CommandError(f"--period: {error}") from error
        violations = validate(None, area=area, period_text=options["period"], include_subtree=options["subtree"])
        self.stdout.write(json.dumps([violation.as_json() for violation in violations], indent=2, ensure_ascii=False))
