"""Recompute the ledger's hash chain; name the first broken link and exit non-zero when there is one."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yalu.ledger.queries import verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the movement events; report the first broken sequence number."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.first_broken is not None:
            raise CommandError(
                f"ledger chain broken at sequence {result.first_broken}: {result.problem} "
                f"({result.checked} events checked before it)"
            )
        self.stdout.write(f"ledger chain intact: {result.checked} events")
