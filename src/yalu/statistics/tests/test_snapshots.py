"""Snapshots: frozen figures that never change, and what changed since."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction

from yalu.areas.models import Area
from yalu.conftest import Personas
from yalu.statistics.actions import record_submission
from yalu.statistics.indicators import evaluate
from yalu.statistics.models import Snapshot
from yalu.statistics.snapshots import figures_of, snapshot_changes, sources_of, take_snapshot

JILIN_1961 = {"period_start": datetime.date(1961, 1, 1), "period_end": datetime.date(1961, 12, 31)}


def test_a_snapshot_keeps_the_old_figure_after_a_correction_and_says_what_changed(personas: Personas) -> None:
    # given a reported figure, frozen in a snapshot
    jilin = Area.objects.get(code="CN-JL")
    first = record_submission(
        acting_user=personas.analyst_jilin,
        indicator="crossing.persons",
        area=jilin,
        period="1961",
        value=28000,
        source="first report",
    )
    values = evaluate(None, area=jilin, as_of=datetime.date(1962, 3, 23), codes=["crossing.persons"], **JILIN_1961)
    snapshot = take_snapshot(
        acting_user=personas.analyst_jilin,
        title="March 1962",
        area=jilin,
        period_text="1961",
        as_of=datetime.date(1962, 3, 23),
        figures=figures_of(values),
        sources=sources_of(values),
    )
    assert snapshot_changes(snapshot) == []
    # when the figure is corrected
    record_submission(
        acting_user=personas.analyst_jilin,
        indicator="crossing.persons",
        area=jilin,
        period="1961",
        value=28028,
        source="corrected report",
        supersedes=first,
    )
    # then the snapshot still shows the old figure, and lists the change
    snapshot = Snapshot.objects.get(pk=snapshot.pk)
    assert snapshot.figures["crossing.persons"]["reported"][0]["value"] == 28000
    changes = snapshot_changes(snapshot)
    assert [(c["code"], c["area"]) for c in changes] == [("crossing.persons", "CN-JL")]
    assert changes[0]["then"]["reported"][0]["value"] == 28000
    assert changes[0]["now"]["reported"][0]["value"] == 28028


def test_plain_number_figures_compare_with_the_current_value(personas: Personas) -> None:
    jilin = Area.objects.get(code="CN-JL")
    record_submission(
        acting_user=personas.analyst_jilin,
        indicator="crossing.persons",
        area=jilin,
        period="1961",
        value=28028,
        source="report",
    )
    snapshot = take_snapshot(
        acting_user=personas.analyst_jilin,
        title="t",
        area=jilin,
        period_text="1961",
        as_of=datetime.date(1962, 3, 23),
        figures={"crossing.persons": 28000, "crossing.persons@CN-LN": None, "table.note": "kept"},
        sources={},
    )
    assert snapshot_changes(snapshot) == [{"code": "crossing.persons", "area": "CN-JL", "then": 28000, "now": 28028}]


def test_the_database_refuses_to_change_a_snapshot(personas: Personas) -> None:
    jilin = Area.objects.get(code="CN-JL")
    snapshot = take_snapshot(
        acting_user=personas.analyst_jilin,
        title="t",
        area=jilin,
        period_text="1961",
        as_of=datetime.date(1962, 3, 23),
        figures={"crossing.persons": 1},
        sources={},
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Snapshot.objects.filter(pk=snapshot.pk).update(title="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        Snapshot.objects.filter(pk=snapshot.pk).delete()
