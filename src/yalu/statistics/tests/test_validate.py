"""validate: each rule of spec/indicators.md on computed and reported values; thresholds configurable."""

from __future__ import annotations

import datetime
from typing import Any

from yalu.areas.models import Area
from yalu.core.models import User
from yalu.ledger.actions import EventInput, append_events
from yalu.people.models import Person
from yalu.statistics.actions import record_submission
from yalu.statistics.demo import load_demo_statistics
from yalu.statistics.indicators import evaluate
from yalu.statistics.models import ValidationThreshold
from yalu.statistics.validation import validate


def _report(code: str, area: str, period: str, value: float, source: str = "unit A", breakdown: str = "") -> None:
    record_submission(
        acting_user=None,
        indicator=code,
        area=Area.objects.get(code=area),
        period=period,
        value=value,
        source=source,
        breakdown=breakdown,
    )


def _rules(area: str, period: str) -> list[tuple[str, str]]:
    return [(v.rule, v.area) for v in validate(None, area=Area.objects.get(code=area), period_text=period)]


def test_the_unaccounted_share_threshold_is_configurable(admin_user: User) -> None:
    load_demo_statistics(acting_user=admin_user)
    ValidationThreshold.objects.filter(rule="unaccounted-share").update(threshold=0.2)
    assert ("unaccounted-share", "CN-JL") not in _rules("CN", "1961")  # 11 % is now within
    assert ("unaccounted-share", "CN-LN") in _rules("CN", "1961")


def test_outcomes_beyond_the_crossings_are_an_error(db: Any) -> None:
    _report("crossing.persons", "222405", "1961", 10)
    _report("return.total", "222405", "1961", 8)
    _report("death.crossing", "222405", "1961", 3)
    (violation,) = validate(None, area=Area.objects.get(code="222405"), period_text="1961")
    assert (violation.rule, violation.severity, violation.left, violation.right) == (
        "outcomes-within-crossings",
        "error",
        10,
        11,
    )
    assert violation.unknown_terms == ["abroad.remaining"]


def test_a_nationality_breakdown_that_does_not_add_up(db: Any) -> None:
    _report("remains.found", "222405", "1961", 20)
    _report("remains.found", "222405", "1961", 5, breakdown="nationality:CN")
    _report("remains.found", "222405", "1961", 3, breakdown="nationality:KP")
    (violation,) = validate(None, area=Area.objects.get(code="222405"), period_text="1961")
    assert (violation.rule, violation.left, violation.right) == ("remains-breakdown", 20, 8)
    assert violation.unknown_terms == ["remains.found[nationality:unidentified]"]


def test_handbacks_confirmed_against_claimed(db: Any) -> None:
    _report("return.handed_back", "222405", "1961", 7)
    _report("return.handed_back_claimed", "222405", "1961", 9)
    assert _rules("222405", "1961") == [("handback-confirmed", "222405")]


def test_parts_that_do_not_add_up_to_the_whole(db: Any) -> None:
    # the prefecture's letters against one county's, and the year's against two of its months
    _report("letter.received", "222400", "1961", 100, source="prefecture")
    _report("letter.received", "222405", "1961", 60, source="Longjing")
    _report("letter.received", "222405", "1961-01", 40, source="Longjing")
    _report("letter.received", "222405", "1961-02", 20, source="Longjing")
    found = validate(None, area=Area.objects.get(code="222400"), period_text="1961")
    assert [(v.rule, v.area, v.period, v.left, v.right) for v in found] == [
        ("parts-add-up", "222400", "1961", 100, 60),
    ]
    assert "letter.received@222401" in found[0].unknown_terms


def test_applications_beyond_letters_are_a_warning(db: Any) -> None:
    _report("application.filed", "222400", "1961", 30, breakdown="purpose:family_reunification")
    _report("letter.received", "222400", "1961", 20)
    assert _rules("222400", "1961") == [("applications-within-letters", "222400")]


def test_pending_at_the_start_counts_with_the_applications(db: Any) -> None:
    _report("application.filed", "222400", "1961", 10)
    _report("application.approved", "222400", "1961", 12)
    assert _rules("222400", "1961") == [("decisions-within-applications", "222400")]
    _report("application.pending", "222400", "1960", 5)
    assert _rules("222400", "1961") == []


def test_reported_against_computed_where_records_exist(db: Any) -> None:
    # given three crossings recorded in Longjing in 1961, and a unit reporting 4
    longjing = Area.objects.get(code="222405")
    people = [Person.objects.create(home_area=longjing, description=f"p{i}") for i in range(3)]
    append_events(
        acting_user=None,
        events=[
            EventInput(
                person_id=person.pk,
                event_type="crossing_detected",
                occurred_on=datetime.date(1961, 5, 1),
                occurred_precision="day",
                area_id=longjing.pk,
            )
            for person in people
        ],
    )
    _report("crossing.persons", "222405", "1961", 4, source="Longjing PSB")
    values = evaluate(
        None,
        area=longjing,
        period_start=datetime.date(1961, 1, 1),
        period_end=datetime.date(1961, 12, 31),
        as_of=datetime.date(1962, 3, 1),
        codes=["crossing.persons", "remains.found"],
    )
    assert values["crossing.persons"].computed == 3 and values["remains.found"].computed is None
    found = validate(None, area=longjing, period_text="1961")
    rules = sorted((v.rule, tuple(v.sources)) for v in found)
    # the records leave all three unaccounted (computed), and the report differs from them
    assert ("reported-vs-computed", ("Longjing PSB", "computed")) in rules
    assert ("unaccounted-share", ("computed",)) in rules
    # where Yalu holds no records (another year), nothing is computed and nothing compared
    _report("crossing.persons", "222405", "1959", 4, source="Longjing PSB")
    assert validate(None, area=longjing, period_text="1959") == []
