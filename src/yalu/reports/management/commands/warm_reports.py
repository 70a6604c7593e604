"""`manage.py warm_reports [--enqueue]`: compute the reports read lately again where the data changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yalu.reports.tasks import warm_reports


class Command(BaseCommand):
    help = (
        "Compute and keep again the figures of the reports read in the last YALU_REPORT_KEEP_DAYS days, where the "
        "data changed since they were kept (run it on a schedule or after a large import)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="hand the work to the background worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = warm_reports.enqueue()
            self.stdout.write(f"enqueued: {result.id}")
            return
        self.stdout.write(f"computed: {warm_reports.call()}")
