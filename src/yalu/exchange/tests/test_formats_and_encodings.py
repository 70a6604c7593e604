"""CSV, JSON Lines and XLSX read alike; UTF-8 with or without BOM, GB18030 and CP949 when declared."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from yalu.core.models import Agency
from yalu.exchange.actions import import_file
from yalu.exchange.models import ImportBatch
from yalu.exchange.tests.files import movement, movements, write_csv, write_jsonl, write_xlsx
from yalu.ledger.models import MovementEvent
from yalu.people.models import PersonName


def load(path: Path, **options) -> ImportBatch:
    return import_file(
        acting_user=None, kind="movements", sender=Agency.objects.get(code="yanbian-psb"), path=path, **options
    )


def test_the_three_formats_give_the_same_rows(db, tmp_path) -> None:
    rows = movements(3)
    writers: list[tuple[str, Callable[..., Path]]] = [("csv", write_csv), ("jsonl", write_jsonl), ("xlsx", write_xlsx)]
    for index, (suffix, writer) in enumerate(writers):
        for row in rows:
            row["ref"] = f"{index}-{row['ref'].split('-', 1)[-1]}"
        batch = load(writer(tmp_path / f"f.{suffix}", rows))
        assert batch.status == "accepted", batch.errors
        assert batch.summary["created"] == 3
    dates = sorted(MovementEvent.objects.values_list("source_ref", "occurred_on"))
    assert len(dates) == 9
    assert len({day for _ref, day in dates}) == 3


def test_rows_are_numbered_as_a_spreadsheet_shows_them(db, tmp_path) -> None:
    rows = movements(3)
    rows[1]["area"] = "nowhere"
    csv_batch = load(write_csv(tmp_path / "a.csv", rows))
    assert [e["row"] for e in csv_batch.errors] == [3]
    xlsx_batch = load(write_xlsx(tmp_path / "a.xlsx", rows))
    assert [e["row"] for e in xlsx_batch.errors] == [3]
    jsonl_batch = load(write_jsonl(tmp_path / "a.jsonl", rows))
    assert [e["row"] for e in jsonl_batch.errors] == [2]


def test_utf8_with_bom_and_declared_cjk_encodings_are_read(db, tmp_path) -> None:
    row = movement("E-1", family_name="朴", given_name="成哲")
    path = write_csv(tmp_path / "bom.csv", [row], encoding="utf-8-sig")
    assert load(path).status == "accepted"
    row = movement("E-2", full_name="김영숙", sex="F")
    assert load(write_csv(tmp_path / "kr.csv", [row], encoding="cp949"), encoding="cp949").status == "accepted"
    row = movement("E-3", full_name="李顺玉", sex="F")
    assert load(write_csv(tmp_path / "cn.csv", [row], encoding="gb18030"), encoding="gb18030").status == "accepted"
    names = set(PersonName.objects.values_list("full", flat=True))
    assert {"朴成哲", "김영숙", "李顺玉"} <= names


def test_an_undeclared_encoding_is_refused_naming_the_row(db, tmp_path) -> None:
    rows = [
        movement("E-1", full_name="Pak Song Chol"),
        movement("E-2", full_name="Kim Yong Suk"),
        movement("E-3", full_name="김영숙"),
    ]
    path = write_csv(tmp_path / "kr.csv", rows, encoding="cp949")
    batch = load(path)
    assert batch.status == "refused"
    assert batch.errors[0]["row"] == 4 and batch.errors[0]["code"] == "encoding"
    assert not MovementEvent.objects.exists()
    batch = load(path, encoding="latin-1")
    assert batch.status == "refused" and "latin-1" in batch.errors[0]["message"]


def test_json_lines_with_a_broken_line_or_an_unknown_key(db, tmp_path) -> None:
    path = tmp_path / "m.jsonl"
    good = movements(2)
    path.write_text(
        '{"ref": "J-1", "event": "crossing_detected", "occurred_on": "1961", "area": "222405", "full_name": "박성철"}\n'
        "{not json\n"
        '{"ref": "J-3", "event": "died", "occurred_on": "1961-05", "area": "222405", "full_name": "김영숙",'
        ' "colour": "red"}\n',
        encoding="utf-8",
    )
    batch = load(path, mode="partial")
    assert batch.summary == {"created": 1, "corrected": 0, "unchanged": 0, "quarantined": 2, "rejected": 0, "total": 3}
    assert {(e["row"], e["code"]) for e in batch.errors} == {(2, "invalid_json"), (3, "unknown_column")}
    assert good  # the helper still works alongside hand-written lines
    event = MovementEvent.objects.get(source_ref="J-1")
    assert event.occurred_precision == "year"
