"""manage.py link --dedupe | --list ID: run a linkage synchronously, with the same code as the background job."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yalu.linkage.actions import start_linkage_run
from yalu.linkage.engines import ENGINES
from yalu.linkage.models import RunKind, RunStatus
from yalu.linkage.pipeline import execute_run
from yalu.linkage.splink_model import DEFAULT_THRESHOLD


class Command(BaseCommand):
    help = "Deduplicate the registry (--dedupe) or link an incoming list to it (--list ID); candidates go to review."

    def add_arguments(self, parser: CommandParser) -> None:
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--dedupe", action="store_true", help="find records of one person within the registry")
        what.add_argument("--list", type=int, metavar="ID", help="link the items of handback list ID to the registry")
        parser.add_argument("--engine", choices=ENGINES, default="", help="default: YALU_LINKAGE_ENGINE or duckdb")
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="minimum match probability")
        parser.add_argument(
            "--list-model", default="ledger.HandbackList", help="app_label.Model of the list (default: handback lists)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = None
        if options["list"] is not None:
            try:
                model = apps.get_model(options["list_model"])
            except (LookupError, ValueError) as error:
                raise CommandError(f"--list-model {options['list_model']}: no such model") from error
            source = model.objects.filter(pk=options["list"]).first()
            if source is None:
                raise CommandError(f"--list {options['list']}: no {options['list_model']} with this id")
        try:
            run = start_linkage_run(
                acting_user=None,
                kind=RunKind.DEDUPE if options["dedupe"] else RunKind.LIST,
                source=source,
                engine=options["engine"],
                threshold=options["threshold"],
                enqueue=False,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        run = execute_run(run.pk, say=self.stdout.write)
        if run.status != RunStatus.SUCCEEDED:
            raise CommandError(f"linkage run {run.pk} failed: {run.error}")
        self.stdout.write(
            f"run {run.pk}: {run.record_count} records, {run.candidate_count} candidates for review ({run.training})"
        )
