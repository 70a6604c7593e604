"""Where Splink runs: DuckDB in this process by default, Spark when YALU_LINKAGE_ENGINE=spark.

Spark needs pyspark and Java; a local Spark (local[2]) is started unless YALU_SPARK_MASTER names one.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from typing import Any, Protocol

import pyarrow as pa  # type: ignore[import-untyped]
from splink.internals.splink_dataframe import SplinkDataFrame

from yalu.linkage.records import COLUMN_TYPES, COLUMNS

DUCKDB, SPARK = "duckdb", "spark"
ENGINES = (DUCKDB, SPARK)

_ARROW_TYPES = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "INTEGER": pa.int32()}


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run here (pyspark or Java missing)."""


class Engine(Protocol):
    name: str

    def register(self, rows: list[dict[str, Any]], table_name: str) -> SplinkDataFrame: ...

    def close(self) -> None: ...


def arrow_table(rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema([(column, _ARROW_TYPES[COLUMN_TYPES[column]]) for column in COLUMNS])
    return pa.Table.from_pydict({column: [row[column] for row in rows] for column in COLUMNS}, schema=schema)


class DuckDBEngine:
    name = DUCKDB

    def __init__(self) -> None:
        import duckdb
        from splink import DuckDBAPI

        self.connection = duckdb.connect(":memory:")
        self.tables = 0
        self.db_api = DuckDBAPI(self.connection)

    def register(self, rows: list[dict[str, Any]], table_name: str) -> SplinkDataFrame:
        self.tables += 1
        physical = f"yalu_{table_name}_{self.tables}"
        self.connection.register(f"{physical}_arrow", arrow_table(rows))
        # the names are ours (table_name is a constant of the caller and a counter), never user input
        self.connection.execute(f"CREATE TABLE {physical} AS SELECT * FROM {physical}_arrow")  # noqa: S608
        self.connection.unregister(f"{physical}_arrow")
        return self.db_api.register(physical, table_name=physical, dataset_display_name=table_name)

    def close(self) -> None:
        self.connection.close()


class SparkEngine:
    name = SPARK

    def __init__(self) -> None:
        try:  # imported by name: pyspark is optional, and not installed by requirements.lock
            spark_sql = importlib.import_module("pyspark.sql")
        except ImportError as error:
            raise EngineUnavailable("pyspark is not installed (pip install pyspark)") from error
        from splink import SparkAPI
        from splink.backends.spark import similarity_jar_location

        master = os.environ.get("YALU_SPARK_MASTER", "local[2]")
        try:
            self.session = (
                spark_sql.SparkSession.builder.master(master)
                .appName("yalu-linkage")
                .config("spark.jars", similarity_jar_location())
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .getOrCreate()
            )
        except Exception as error:  # Java missing or the master unreachable
            raise EngineUnavailable(f"Spark could not start: {error}") from error
        self.session.sparkContext.setCheckpointDir(os.environ.get("YALU_SPARK_CHECKPOINT_DIR", tempfile.gettempdir()))
        self.db_api = SparkAPI(spark_session=self.session)  # type: ignore[no-untyped-call, unused-ignore]
        self.tables = 0

    def register(self, rows: list[dict[str, Any]], table_name: str) -> SplinkDataFrame:
        spark_types = importlib.import_module("pyspark.sql.types")
        types = {
            "VARCHAR": spark_types.StringType(),
            "BIGINT": spark_types.LongType(),
            "INTEGER": spark_types.IntegerType(),
        }
        schema = spark_types.StructType(
            [spark_types.StructField(column, types[COLUMN_TYPES[column]], True) for column in COLUMNS]
        )
        frame = self.session.createDataFrame([tuple(row[column] for column in COLUMNS) for row in rows], schema)
        self.tables += 1
        physical = f"yalu_{table_name}_{self.tables}"
        return self.db_api.register(frame, table_name=physical, dataset_display_name=table_name)

    def close(self) -> None:
        """The session is kept for the next run in this process (starting Spark is slow)."""


def configured_engine_name() -> str:
    name = os.environ.get("YALU_LINKAGE_ENGINE", DUCKDB).strip().lower() or DUCKDB
    if name not in ENGINES:
        raise EngineUnavailable(f"YALU_LINKAGE_ENGINE={name!r}: choose one of {', '.join(ENGINES)}")
    return name


def open_engine(name: str | None = None) -> Engine:
    chosen = name or configured_engine_name()
    if chosen == SPARK:
        return SparkEngine()
    if chosen != DUCKDB:
        raise EngineUnavailable(f"unknown linkage engine {chosen!r}: choose one of {', '.join(ENGINES)}")
    return DuckDBEngine()
