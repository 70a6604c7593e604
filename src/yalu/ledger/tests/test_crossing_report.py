"""The cohort figures of spec/indicators.md, through `manage.py report crossings` and crossing_report."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yalu.areas.models import Area
from yalu.ledger.actions import correct_event
from yalu.ledger.queries import crossing_report
from yalu.ledger.tests.conftest import area_id, event, write
from yalu.people.models import Person


def persons(count: int) -> list[Person]:
    area = Area.objects.get(code="222405")
    return [Person.objects.create(home_area=area, description=f"test person {i}") for i in range(count)]


def report(*args: str) -> dict[str, int]:
    out = StringIO()
    call_command("report", "crossings", *args, "--format", "json", stdout=out)
    figures: dict[str, int] = json.loads(out.getvalue())
    return figures


@pytest.fixture
def cohort(personas) -> None:
    p = persons(9)
    (c1,) = write(event(p[0], "crossing_detected", "1961-03-02", sector_id=area_id("T-222405")))
    write(event(p[0], "persuaded_to_return", "1961-03", related_event_id=c1.pk))
    (c2,) = write(event(p[1], "crossing_detected", "1961-05-10"))
    write(event(p[1], "returned_voluntarily", "1961-08-01", related_event_id=c2.pk))
    (c3,) = write(event(p[2], "crossing_detected", "1961-07-20"))
    write(event(p[2], "reported_abroad", "1961-09", related_event_id=c3.pk))
    write(event(p[2], "handed_back", "1962-02-10", related_event_id=c3.pk))
    (c4,) = write(event(p[3], "crossing_detected", "1961-07-01"))
    write(event(p[3], "died", "1961-07-02", related_event_id=c4.pk))
    # a repeat crosser: back once, then across again with nothing after
    (c5,) = write(event(p[4], "crossing_detected", "1961-02-01"))
    write(event(p[4], "persuaded_to_return", "1961-02-01", related_event_id=c5.pk))
    write(event(p[4], "crossing_detected", "1961-10-05"))
    # Yanji: in the prefecture, not in Longjing
    write(event(p[5], "crossing_detected", "1961-04-04", area="222401"))
    # before the period
    write(event(p[6], "crossing_detected", "1960-12-30"))
    # withdrawn: entered by mistake
    (c8,) = write(event(p[7], "crossing_detected", "1961-08-08"))
    correct_event(acting_user=personas.clerk_longjing, event=c8, replacement=None, reason="entered twice")
    # a wrong outcome corrected: persuaded → returned on their own
    (c9,) = write(event(p[8], "crossing_detected", "1961-09-09"))
    (wrong,) = write(event(p[8], "persuaded_to_return", "1961-09-09", related_event_id=c9.pk))
    correct_event(
        acting_user=personas.clerk_longjing,
        event=wrong,
        replacement=event(p[8], "returned_voluntarily", "1961-10", related_event_id=c9.pk),
        reason="came back on his own",
    )


def test_county_year_counts_each_person_once_by_their_last_event(cohort) -> None:
    figures = report("--area", "222405", "--period", "1961")
    assert figures == {
        "crossing.detected": 7,
        "crossing.persons": 6,
        "return.persuaded": 1,
        "return.voluntary": 2,
        "return.handed_back": 0,
        "return.handed_back_claimed": 0,
        "abroad.remaining": 1,
        "death.crossing": 1,
        "crossing.unaccounted": 1,
    }


def test_a_later_report_date_follows_the_cohort_further(cohort) -> None:
    figures = report("--area", "222405", "--period", "1961", "--as-of", "1962-03-31")
    assert figures["abroad.remaining"] == 0 and figures["return.handed_back"] == 1
    assert figures["crossing.persons"] == 6


def test_prefecture_province_quarter_month_and_range(cohort) -> None:
    assert report("--area", "222400", "--period", "1961")["crossing.persons"] == 7
    assert report("--area", "CN-JL", "--period", "1961")["crossing.detected"] == 8
    q3 = report("--area", "222400", "--period", "1961-Q3")
    assert (q3["crossing.detected"], q3["abroad.remaining"], q3["death.crossing"]) == (3, 1, 1)
    # the corrected outcome (1961-10) lies after the report date: that person is unaccounted at 1961-09-30
    assert q3["return.voluntary"] == 0 and q3["crossing.unaccounted"] == 1
    assert report("--area", "222405", "--period", "1961-03")["return.persuaded"] == 1
    ranged = report("--area", "CN", "--period", "1960-12-01/1962-03-31")
    assert ranged["crossing.persons"] == 8 and ranged["return.handed_back"] == 1


def test_the_sector_subtree_alone_counts_what_was_detected_there(cohort) -> None:
    # the Tumen sector is below Longjing: events recorded at the county are not in it
    figures = crossing_report(
        None,
        area=Area.objects.get(code="T-222405"),
        period_start=datetime.date(1961, 1, 1),
        period_end=datetime.date(1961, 12, 31),
        as_of=datetime.date(1961, 12, 31),
    )
    assert figures["crossing.detected"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "XX", "--period", "1961"], "unknown area code"),
        (["--area", "222405", "--period", "1961-13"], "month must be between"),
        (["--area", "222405", "--period", "61"], "is not one of"),
        (["--area", "222405", "--period", "1961", "--as-of", "1961-06-30"], "before the end of the period"),
        (["--area", "222405", "--period", "1961", "--as-of", "soon"], "is not a date"),
    ],
)
def test_bad_arguments_say_what_is_wrong(db, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        report(*args)


def test_an_analyst_outside_the_area_gets_not_found(personas) -> None:
    from yalu.core.errors import NotFoundOrNotInScope

    with pytest.raises(NotFoundOrNotInScope):
        crossing_report(
            personas.clerk_yanji,
            area=Area.objects.get(code="222405"),
            period_start=datetime.date(1961, 1, 1),
            period_end=datetime.date(1961, 12, 31),
            as_of=datetime.date(1961, 12, 31),
        )
