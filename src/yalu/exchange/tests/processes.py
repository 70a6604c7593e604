"""Running `manage.py import` in real processes against the tests' database, and reading the state it left."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

import yalu

REPO = Path(yalu.__file__).resolve().parents[2]
STATE_SCRIPT = """
import json
import django
django.setup()
from yalu.exchange.models import ImportBatch, ImportedRow, QuarantinedRow
from yalu.core.models import Job
from yalu.ledger.models import MovementEvent
from yalu.ledger.queries import verify_chain
from yalu.people.models import Person
chain = verify_chain()
print(json.dumps({
    "events": sorted(MovementEvent.objects.values_list("source_ref", flat=True)),
    "persons": Person.objects.count(),
    "rows": sorted(ImportedRow.objects.filter(is_current=True).values_list("ref", flat=True)),
    "quarantined": QuarantinedRow.objects.count(),
    "batches": sorted(ImportBatch.objects.values_list("status", flat=True)),
    "jobs": sorted(Job.objects.filter(kind__startswith="import:").values_list("status", flat=True)),
    "chain_intact": chain.first_broken is None,
}))
"""


def database_url(sqlite_template: Path | None, tmp_path: Path) -> str:
    """The URL a subprocess uses: the test database on PostgreSQL, a migrated copy on SQLite."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        host = quote(settings["HOST"] or "localhost", safe="")
        password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
        port = f":{settings['PORT']}" if settings["PORT"] else ""
        return f"postgres://{settings['USER']}{password}@{host}{port}/{settings['NAME']}"
    assert sqlite_template is not None
    target = tmp_path / "yalu.sqlite3"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


def environment(url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "YALU_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(REPO / "src"),
        "DJANGO_SETTINGS_MODULE": "yalu.config.settings",
    }
    env.pop("YALU_IMPORT_PAUSE_AFTER_CHUNK", None)
    env.update(extra)
    return env


def manage(*args: str) -> list[str]:
    return [sys.executable, str(REPO / "manage.py"), *args]


def migrate_sqlite(path: Path) -> None:
    env = environment(f"sqlite:///{path}", path.parent)
    subprocess.run(manage("migrate", "--no-input", "-v0"), env=env, check=True, timeout=300)


def state(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", STATE_SCRIPT], env=env, check=True, capture_output=True, text=True, timeout=120
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
