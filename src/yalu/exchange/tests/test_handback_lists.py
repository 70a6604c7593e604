"""handback_lists: rows grouped by list_ref into the other state's lists, kept as its claims."""

from __future__ import annotations

from yalu.core.models import Agency
from yalu.exchange.actions import import_file
from yalu.exchange.tests.files import write_csv
from yalu.ledger.models import HandbackItem, HandbackList

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
