"""Reliability: kill -9 in the middle of the write leaves no row of the file and the job failed; a re-run gives the
same state as a clean run. Two imports of one file at the same time write it once."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from yalu.exchange.tests.files import movements, write_csv
from yalu.exchange.tests.processes import database_url, environment, manage, migrate_sqlite, state

ROWS = 1500  # two chunks of the writer: the kill comes after the first


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> Path | None:
    if connection.vendor != "sqlite":
        return None
    path: Path = tmp_path_factory.mktemp("template") / "yalu.sqlite3"
    migrate_sqlite(path)
    return path


@pytest.fixture
def database(live_db, sqlite_template, tmp_path) -> str:
    return database_url(sqlite_template, tmp_path)


def wait_for(path: Path, process: subprocess.Popen[Any], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import never reached its first chunk"
        time.sleep(0.1)


def test_kill_during_the_write_leaves_nothing_and_a_rerun_equals_a_clean_run(database, tmp_path) -> None:
    path = write_csv(tmp_path / "big.csv", movements(ROWS))
    marker = tmp_path / "first-chunk-written"
    command = manage("import", "movements", str(path), "--sender", "yanbian-psb")
    slow = environment(database, tmp_path, YALU_IMPORT_PAUSE_AFTER_CHUNK="60", YALU_IMPORT_MARKER=str(marker))
    env = environment(database, tmp_path)

    # given an import that has written its first chunk inside its transaction
    process = subprocess.Popen(command, env=slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for(marker, process)
    # when it is killed
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # then no row of the file exists, and the next start marks the import failed
    after_kill = state(env)
    assert after_kill["events"] == [] and after_kill["persons"] == 0 and after_kill["rows"] == []
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "marked 1 interrupted import(s) as failed" in rerun.stderr
    final = state(env)
    assert final["batches"] == ["accepted", "failed"] and final["jobs"] == ["failed", "succeeded"]
    # and the re-run gave what a clean run gives
    refs = sorted(f"M-{index}" for index in range(1, ROWS + 1))
    assert final["events"] == refs and final["rows"] == refs
    assert final["persons"] == ROWS and final["quarantined"] == 0 and final["chain_intact"]


def test_two_imports_of_one_file_at_once_write_it_once(database, tmp_path) -> None:
    path = write_csv(tmp_path / "same.csv", movements(1200))
    first_marker = tmp_path / "first"
    command = manage("import", "movements", str(path), "--sender", "yanbian-psb")
    first = subprocess.Popen(
        command,
        env=environment(database, tmp_path, YALU_IMPORT_PAUSE_AFTER_CHUNK="3", YALU_IMPORT_MARKER=str(first_marker)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(first_marker, first)  # the first holds the (sender, kind) lock, mid-write
    second = subprocess.Popen(command, env=environment(database, tmp_path), stdout=subprocess.PIPE, text=True)
    first_out, _ = first.communicate(timeout=300)
    second_out, _ = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, first_out + second_out
    assert "created: 1200" in first_out and "unchanged: 1200" in second_out
    final = state(environment(database, tmp_path))
    assert (
        final["events"] == sorted(f"M-{index}" for index in range(1, 1201))
        and final["persons"] == 1200
        and final["chain_intact"]
    )


def test_a_lost_database_connection_mid_write_leaves_nothing_and_the_job_failed(database, tmp_path) -> None:
    """What a PostgreSQL restart does to a running import: its connections are cut in the middle of the write."""
    if connection.vendor != "postgresql":
        pytest.skip("cutting the server's connections is a PostgreSQL matter")
    path = write_csv(tmp_path / "cut.csv", movements(ROWS))
    marker = tmp_path / "first-chunk-written"
    command = manage("import", "movements", str(path), "--sender", "yanbian-psb")
    slow = environment(database, tmp_path, YALU_IMPORT_PAUSE_AFTER_CHUNK="3", YALU_IMPORT_MARKER=str(marker))
    process = subprocess.Popen(command, env=slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(marker, process)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    _out, errors = process.communicate(timeout=120)
    assert process.returncode != 0
    env = environment(database, tmp_path)
    after = state(env)
    assert after["events"] == [] and after["persons"] == 0 and after["rows"] == []
    assert after["batches"] == ["failed"] and after["jobs"] == ["failed"], errors[-2000:]
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    final = state(env)
    assert len(final["events"]) == ROWS and final["persons"] == ROWS and final["chain_intact"]
