"""Recompute every name's stored match keys (PersonName key columns and its NameKey rows), in batches.

Run it after yalu.names changes how keys are made, or to backfill names written before keys existed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from yalu.people.actions import NameInput, build_name
from yalu.people.models import NameKey, PersonName

KEY_COLUMNS = ["search_text", "key_hangul", "key_family", "key_given"]


def rebuild_batch(names: list[PersonName]) -> tuple[int, list[tuple[int, str]]]:
    """Recompute the keys of `names` in one transaction; (keys written, [(name id, error)])."""
    new_keys: list[NameKey] = []
    failures: list[tuple[int, str]] = []
    changed: list[PersonName] = []
    for name in names:
        try:
            row, keys = build_name(
                name.person, NameInput(system=name.system, full=name.full, family=name.family, given=name.given)
            )
        except ValidationError as error:
            failures.append((name.pk, "; ".join(error.messages)))
            continue
        for column in KEY_COLUMNS:
            setattr(name, column, getattr(row, column))
        changed.append(name)
        new_keys.extend(NameKey(name_id=name.pk, person_id=name.person_id, key=key) for key in keys)
    with transaction.atomic():
        NameKey.objects.filter(name_id__in=[name.pk for name in changed]).delete()
        PersonName.objects.bulk_update(changed, KEY_COLUMNS)
        NameKey.objects.bulk_create(new_keys, batch_size=2000)
    return len(new_keys), failures


class Command(BaseCommand):
    help = "Recompute the stored match keys of every person's names (in batches, printing progress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000, help="names per transaction (default 2000)")

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = max(1, int(options["batch_size"]))
        total = PersonName.objects.count()
        done = written = 0
        failures: list[tuple[int, str]] = []
        last_id = 0
        while True:
            batch = list(
                PersonName.objects.filter(pk__gt=last_id).select_related("person").order_by("pk")[:batch_size]
            )
            if not batch:
                break
            last_id = batch[-1].pk
            keys, failed = rebuild_batch(batch)
            written += keys
            failures.extend(failed)
            done += len(batch)
            self.stdout.write(f"names {done}/{total}, keys written {written}")
        for name_id, error in failures:
            self.stderr.write(f"name {name_id}: keys not rebuilt: {error}")
        self.stdout.write(f"done: {done} names, {written} keys, {len(failures)} names could not be read")
