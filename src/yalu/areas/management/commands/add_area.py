"""Add a lower level of the hierarchy (a commune, a production brigade) below an existing area."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.areas.actions import create_area
from yalu.areas.models import Area


class Command(BaseCommand):
    help = "Add an area below an existing one: add_area CODE --parent CODE --kind commune --zh 名 --ko 이름 --en Name"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--parent", required=True, help="code of the parent area")
        parser.add_argument("--kind", required=True, help="county, district, commune or brigade")
        parser.add_argument("--zh", required=True)
        parser.add_argument("--ko", required=True)
        parser.add_argument("--en", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        parent = Area.objects.filter(code=options["parent"]).first()
        if parent is None:
            raise CommandError(f"--parent: unknown area code {options['parent']}")
        try:
            area = create_area(
                acting_user=None,
                code=options["code"],
                kind=options["kind"],
                parent=parent,
                name_zh=options["zh"],
                name_ko=options["ko"],
                name_en=options["en"],
            )
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
            ) from error
        self.stdout.write(f"added {area.code} under {parent.code}: {area.path}")
