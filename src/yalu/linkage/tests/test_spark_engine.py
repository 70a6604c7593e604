"""YALU_LINKAGE_ENGINE=spark: the same settings and parameters run on a local Spark.

Starting Spark takes about half a minute here, so this test runs only when YALU_TEST_SPARK=1 is set (`make test`
sets it for its SQLite run), and skips with the reason when pyspark or Java is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

from yalu.linkage import splink_model
from yalu.linkage.engines import DuckDBEngine, EngineUnavailable, open_engine
from yalu.linkage.records import LinkageRecord, linkage_row, name_from_text

pytestmark = [
    pytest.mark.skipif(os.environ.get("YALU_TEST_SPARK") != "1", reason="set YALU_TEST_SPARK=1 to start Spark"),
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark is not installed"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed"),
]


def rows() -> list[dict]:
    written = [("hangul", "박성철"), ("hanzi", "朴成哲"), ("mr", "Pak Sŏng-ch'ŏl"), ("pinyin", "Piao Chengzhe"),
               ("hangul", "김영숙"), ("hanzi", "金英淑"), ("hangul", "최동호")]
    records = []
    for index, (system, full) in enumerate(written, start=1):
        name = name_from_text(system, full)
        assert name is not None
        sex, year = ("M", 1931) if index <= 4 else ("F", 1935)
        records.append(LinkageRecord(index, [name], sex, year, None, "222405", "222400"))
    return [linkage_row(record) for record in records]


def pairs(result: splink_model.LinkageResult) -> dict[tuple[int, int], str]:
    return {(p.left_id, p.right_id): p.reasons["name"] for p in result.predictions}


def test_spark_finds_what_duckdb_finds() -> None:
    quiet = lambda _message, _percent: None  # noqa: E731
    on_duckdb = splink_model.dedupe(DuckDBEngine(), rows(), progress=quiet)
    try:
        spark = open_engine("spark")
    except EngineUnavailable as error:
        pytest.skip(str(error))
    on_spark = splink_model.dedupe(spark, rows(), progress=quiet)
    assert pairs(on_spark) == pairs(on_duckdb)
    assert (1, 2) in pairs(on_spark) and (5, 6) in pairs(on_spark)
    linked = splink_model.link(spark, rows()[3:4], rows()[:3], model=on_duckdb.model, progress=quiet)
    assert {(p.left_id, p.right_id) for p in linked.predictions} == {(4, 2)}
