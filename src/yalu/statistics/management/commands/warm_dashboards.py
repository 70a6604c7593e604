"""`manage.py warm_dashboards [--enqueue]`: compute the home page's figures ahead of visits, where the data changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yalu.statistics.tasks import warm_dashboards


class Command(BaseCommand):
    help = (
        "Compute and keep the dashboard figures of every active user's jurisdiction for its current period, "
        "where the data changed since they were kept (run it on a schedule or after a large import)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="hand the work to the background worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = warm_dashboards.enqueue()
            self.stdout.write(f"enqueued: {result.id}")
            return
        self.stdout.write(f"computed: {warm_dashboards.call()}")
