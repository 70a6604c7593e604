"""handback_lists: rows grouped by list_ref into the other state's lists, kept as its claims."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from yalu.core.models import Agency
from yalu.exchange.actions import import_file
from yalu.exchange.tests.files import write_csv
from yalu.ledger.models import HandbackItem, HandbackItemVersion, HandbackList

COLUMNS = ["ref", "list_ref", "handed_over_on", "crossing_point", "crossed_on", "full_name", "sex", "birth_date"]


def item(ref: str, list_ref: str, name: str, **values: str) -> dict[str, str]:
    row = {"ref": ref, "list_ref": list_ref, "handed_over_on": "1961-09-02", "crossing_point": "T-222405"}
    row.update({"full_name": name, "sex": "M", "birth_date": "1930"})
    row.update(values)
    return row


def load(tmp_path, rows, name="list.csv", **options):
    path = write_csv(tmp_path / name, rows, COLUMNS)
    return import_file(
        acting_user=None, kind="handback_lists", sender=Agency.objects.get(code="kp-mfa"), path=path, **options
    )


def test_rows_become_lists_and_a_second_import_changes_nothing(db, tmp_path) -> None:
    rows = [
        item("H-1", "L-1961-09", "박성철"),
        item("H-2", "L-1961-09", "김영숙", sex="F"),
        item("H-3", "L-1961-10", "리광수", handed_over_on="1961-10-05"),
    ]
    # rows of one list need not be next to each other
    batch = load(tmp_path, [rows[0], rows[2], rows[1]])
    assert batch.status == "accepted", batch.errors
    assert batch.summary["created"] == 3
    assert HandbackList.objects.count() == 2
    assert HandbackItem.objects.filter(handback_list__list_ref="L-1961-09").count() == 2
    again = load(tmp_path, rows, "again.csv")
    assert again.summary["unchanged"] == 3 and HandbackItem.objects.count() == 3


def test_rows_of_one_list_must_agree_and_dates_must_make_sense(db, tmp_path) -> None:
    rows = [
        item("H-1", "L-1", "박성철"),
        item("H-2", "L-1", "김영숙", handed_over_on="1961-09-03"),
        item("H-3", "L-2", "리광수", crossed_on="1961-09-10"),
        item("H-4", "L-2", "", sex="F"),
    ]
    batch = load(tmp_path, rows)
    assert batch.status == "refused"
    assert {(e["row"], e["column"], e["code"]) for e in batch.errors} == {
        (3, "handed_over_on", "list_disagrees"),
        (4, "crossed_on", "after_handover"),
        (5, "full_name", "no_name"),
    }
    assert not HandbackList.objects.exists()


def test_a_changed_item_is_a_correction_that_keeps_the_earlier_version(db, tmp_path) -> None:
    rows = [item("H-1", "L-1961-09", "박성철"), item("H-2", "L-1961-09", "김영숙", sex="F")]
    assert load(tmp_path, rows).status == "accepted"
    first = HandbackItem.objects.get(ref="H-2")
    corrected = [rows[0], item("H-2", "L-1961-09", "김영순", sex="F", birth_date="1931")]
    batch = load(tmp_path, corrected, "corrected.csv")
    assert batch.status == "accepted", batch.errors
    assert batch.summary == {**batch.summary, "corrected": 1, "unchanged": 1, "created": 0}
    current = HandbackItem.objects.get(ref="H-2")
    assert current.pk == first.pk and current.version == 2
    assert current.display_name == "김영순" and current.birth_year == 1931
    (earlier,) = HandbackItemVersion.objects.filter(item=current)
    assert earlier.version == 1 and earlier.content["display_name"] == "김영숙"
    assert earlier.content["birth_year"] == 1930 and str(batch.pk) in earlier.reason
    assert set(current.keys.values_list("key", flat=True)) == set(current.name_keys)
    assert HandbackItem.objects.count() == 2
    # the earlier version can never be changed or removed
    with pytest.raises(DatabaseError), transaction.atomic():
        HandbackItemVersion.objects.filter(pk=earlier.pk).update(reason="gone")


def test_a_later_file_adds_items_to_a_recorded_list_if_it_says_the_same_of_the_list(db, tmp_path) -> None:
    assert load(tmp_path, [item("H-1", "L-1", "박성철")]).status == "accepted"
    later = load(tmp_path, [item("H-2", "L-1", "리광수")], "later.csv")
    assert later.status == "accepted", later.errors
    assert HandbackList.objects.get().items.count() == 2
    other_day = load(tmp_path, [item("H-3", "L-1", "최동일", handed_over_on="1961-09-05")], "other.csv")
    assert other_day.status == "refused"
    assert [(e["row"], e["column"]) for e in other_day.errors] == [(2, "handed_over_on")]
    assert HandbackList.objects.get().items.count() == 2
