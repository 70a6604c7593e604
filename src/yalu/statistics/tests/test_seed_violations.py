"""The seed's figures, loaded on a fresh database, give exactly the violations the 1962 report contains."""

from __future__ import annotations

import datetime
from typing import Any

from yalu.areas.models import Area
from yalu.core.models import User
from yalu.statistics.demo import load_demo_statistics
from yalu.statistics.indicators import evaluate
from yalu.statistics.validation import validate


def _load(db: Any) -> None:
    admin = User.objects.create_superuser(username="admin-seed", password="x", email="")
    load_demo_statistics(acting_user=admin)


def test_whole_country_1961_shows_exactly_the_three_violations(db: Any) -> None:
    # given the seed's figures only
    _load(db)
    # when the whole country is validated for 1961 (Liaoning's range overlaps it)
    violations = validate(None, area=Area.objects.get(code="CN"), period_text="1961")
    # then exactly the three violations of the report show
    found = sorted((v.rule, v.area, v.period) for v in violations)
    assert found == [
        ("decisions-within-applications", "222400", "1961"),
        ("unaccounted-share", "CN-JL", "1961"),
        ("unaccounted-share", "CN-LN", "1961-01-01/1962-03-31"),
    ]
    by_area = {v.area: v for v in violations}
    assert (by_area["CN-JL"].left, by_area["CN-JL"].right, by_area["CN-JL"].difference) == (28028, 24862, 3166)
    assert by_area["CN-JL"].unknown_terms == ["death.crossing"]
    assert by_area["CN-LN"].difference == 8237 - 1266 - 9
    assert by_area["222400"].left == 1778 and by_area["222400"].right == 1788
    assert by_area["222400"].severity == "error"


def test_each_area_and_its_own_period_shows_its_subtree_violations(db: Any) -> None:
    _load(db)
    for code, period, expected in [
        ("CN-JL", "1961", [("unaccounted-share", "CN-JL"), ("decisions-within-applications", "222400")]),
        ("CN-LN", "1961-01-01/1962-03-31", [("unaccounted-share", "CN-LN")]),
        ("222400", "1961", [("decisions-within-applications", "222400")]),
        ("CN-JL", "1962-01", []),
    ]:
        violations = validate(None, area=Area.objects.get(code=code), period_text=period)
        assert [(v.rule, v.area) for v in violations] == expected
    jilin_only = validate(None, area=Area.objects.get(code="CN-JL"), period_text="1961", include_subtree=False)
    assert [(v.rule, v.area) for v in jilin_only] == [("unaccounted-share", "CN-JL")]


def test_loading_twice_changes_nothing(db: Any) -> None:
    _load(db)
    admin = User.objects.get(username="admin-seed")
    assert load_demo_statistics(acting_user=admin) == 0


def test_reported_values_carry_qualifier_and_source(db: Any) -> None:
    _load(db)
    values = evaluate(
        None,
        area=Area.objects.get(code="222400"),
        period_start=datetime.date(1961, 1, 1),
        period_end=datetime.date(1961, 12, 31),
        as_of=datetime.date(1962, 3, 23),
        codes=["application.filed", "letter.received"],
    )
    filed = values["application.filed"]
    assert filed.computed is None
    assert [(r.value, r.qualifier) for r in filed.reported] == [(1778, "about")]
    assert "Yanbian" in filed.reported[0].source
