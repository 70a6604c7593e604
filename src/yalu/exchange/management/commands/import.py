"""manage.py import KIND FILE --sender AGENCY [--partial] [--dry-run] [--encoding ENC] [--user USERNAME]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.core.models import Agency, User
from yalu.exchange.actions import import_file
from yalu.exchange.importing import SUMMARY_KEYS, fail_stale_imports
from yalu.exchange.kinds import kind_choices
from yalu.exchange.models import ImportMode, ImportStatus
from yalu.exchange.rows import RowError


class Command(BaseCommand):
    help = "Import a file in the exchange format (format from its extension). Exit 0 when accepted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[name for name, _label in kind_choices()])
        parser.add_argument("file", type=Path)
        parser.add_argument("--sender", required=True, help="the sending agency's code, e.g. yanbian-psb")
        parser.add_argument("--partial", action="store_true", help="write the good rows, quarantine the bad")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--encoding", default="", help="utf-8 (default), gb18030 or cp949")
        parser.add_argument("--user", default="", help="import as this user (their jurisdiction applies)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        sender = Agency.objects.filter(code=options["sender"]).first()
        if sender is None:
            raise CommandError(f"unknown sender: {options['sender']}")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"unknown user: {options['user']}")
        stale = fail_stale_imports()
        if stale:
            self.stderr.write(f"marked {stale} interrupted import(s) as failed")
        try:
            batch = import_file(
                acting_user=user,
                kind=options["kind"],
                sender=sender,
                path=path,
                mode=ImportMode.PARTIAL if options["partial"] else ImportMode.ALL_OR_NOTHING,
                dry_run=options["dry_run"],
                encoding=options["encoding"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"import {batch.pk}: {batch.status}")
        for key in SUMMARY_KEYS:
            self.stdout.write(f"{key}: {batch.summary.get(key, 0)}")
        for row_error in batch.errors:
            self.stdout.write(RowError.from_dict(row_error).line())
        accepted = batch.status in (ImportStatus.ACCEPTED, ImportStatus.PARTIALLY_ACCEPTED) or (
            batch.status == ImportStatus.DRY_RUN and not (batch.errors and batch.mode == ImportMode.ALL_OR_NOTHING)
        )
        if not accepted:
            raise CommandError(f"the file was not accepted ({batch.status})", returncode=1)
