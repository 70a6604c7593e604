"""`manage.py indicators` and `manage.py validate`: JSON on stdout; bad input on stderr, non-zero exit."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yalu.core.models import User
from yalu.statistics.demo import load_demo_statistics


def _run(*args: str) -> object:
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_indicators_prints_each_figure_with_qualifier_and_source(admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    figures = _run("indicators", "--area", "222400", "--period", "1961", "--format", "json")
    assert isinstance(figures, dict)
    filed = figures["application.filed"]
    assert filed["computed"] is None
    assert [{k: r[k] for k in ("value", "qualifier")} for r in filed["reported"]] == [
        {"value": 1778, "qualifier": "about"}
    ]
    assert set(filed["reported"][0]) == {"value", "qualifier", "source", "submission"}
    remains = _run("indicators", "--area", "CN-JL", "--period", "1961", "--codes", "remains.found")
    assert isinstance(remains, dict) and list(remains) == ["remains.found"]
    assert sorted(r.get("breakdown", "") for r in remains["remains.found"]["reported"]) == [
        "",
        "nationality:CN",
        "nationality:KP",
        "nationality:unidentified",
    ]


def test_validate_prints_the_violations(admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    violations = _run("validate", "--area", "CN", "--period", "1961", "--format", "json")
    assert isinstance(violations, list)
    assert sorted((v["rule"], v["area"]) for v in violations) == [
        ("decisions-within-applications", "222400"),
        ("unaccounted-share", "CN-JL"),
        ("unaccounted-share", "CN-LN"),
    ]
    assert {"rule", "area", "period", "severity", "left", "right", "difference", "sources"} <= set(violations[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "XX", "--period", "1961"], "unknown area code"),
        (["--area", "CN", "--period", "1961-Q7"], "--period"),
        (["--area", "CN", "--period", "1961", "--codes", "crossing.nope"], "crossing.nope"),
        (["--area", "CN", "--period", "1961", "--as-of", "1960-01-01"], "--as-of"),
    ],
)
def test_bad_input_is_a_clear_error(db: object, args: list[str], message: str) -> None:
    command = "validate" if "--codes" not in args and "--as-of" not in args else "indicators"
    with pytest.raises(CommandError, match=message):
        call_command(command, *args)
