"""Bulk writes: ids reserved up front, rows written by COPY (PostgreSQL) or executemany (SQLite)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from yalu.core.bulk import insert_rows, reserve_ids
from yalu.core.models import Agency
from yalu.exchange.models import ImportBatch, ImportedRow


def test_reserved_ids_are_fresh_increasing_and_never_those_of_deleted_rows(db) -> None:
    # given a row that was written and then deleted
    sender = Agency.objects.get(code="yanbian-psb")
    batch = ImportBatch.objects.create(kind="movements", sender=sender, filename="m.csv", sha256="0" * 64, format="csv")
    gone = ImportedRow.objects.create(
        sender=sender, kind="movements", ref="C-0", content_hash="c" * 64, batch=batch, row_number=2
    )
    ImportedRow.objects.filter(pk=gone.pk).delete()
    # when ids are reserved
    with transaction.atomic():
        ids = reserve_ids(ImportedRow, 3)
    # then they come after every id ever given, in order, and none is reused
    assert ids == sorted(ids) and len(set(ids)) == 3 and min(ids) > gone.pk
    assert reserve_ids(ImportedRow, 0) == []


def test_rows_are_written_as_the_orm_reads_them(db) -> None:
    # given a batch (its key is a UUID) and values of every kind the importer writes
    sender = Agency.objects.get(code="yanbian-psb")
    batch = ImportBatch.objects.create(kind="movements", sender=sender, filename="m.csv", sha256="0" * 64, format="csv")
    written_at = timezone.now().replace(microsecond=123456)
    (pk,) = reserve_ids(ImportedRow, 1)
    fields = ("id", "sender", "kind", "ref", "content_hash", "batch", "row_number", "version", "is_current",
              "targets", "facts", "created_at")  # fmt: skip
    values = (pk, sender.pk, "movements", "C-1", "a" * 64, batch.pk, 2, 1, True,
              {"event": 7, "names": ["박성철", "朴成哲"]}, {"start": "1961-07-14"}, written_at)  # fmt: skip
    # when they are inserted in bulk
    with transaction.atomic():
        assert insert_rows(ImportedRow, fields, [values]) == 1
    # then the ORM reads back exactly what was given
    row = ImportedRow.objects.get(pk=pk)
    assert row.batch_id == batch.pk and row.sender_id == sender.pk and row.is_current
    assert row.targets == {"event": 7, "names": ["박성철", "朴成哲"]} and row.facts == {"start": "1961-07-14"}
    assert row.created_at == written_at
    assert isinstance(row.created_at, datetime.datetime) and row.created_at.tzinfo is not None
    # and an id taken afterwards by the ORM does not collide
    assert ImportedRow.objects.create(
        sender=sender, kind="movements", ref="C-2", content_hash="b" * 64, batch=batch, row_number=3
    ).pk > pk
