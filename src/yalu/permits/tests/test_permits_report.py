"""The permits indicators, exactly as spec/indicators.md defines them, for prefecture and county, year and month."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yalu.areas.models import Area
from yalu.permits.actions import decide_application, record_departure
from yalu.permits.management.commands.report import Command as ReportCommand
from yalu.permits.models import ServiceStandard
from yalu.permits.queries import median, p90, permits_report

D = datetime.date


@pytest.fixture
def records(permits):
    approver = permits.base.analyst_jilin
    yanji = Area.objects.get(code="222401")

    def application(filed_on, decision=None, decided_on=None, reason="", clerk=None, office=None):
        row = permits.application(filed_on=filed_on, **({"office": office} if office else {}))
        if clerk is not None:
            row.created_by = clerk
        if decision:
            row = decide_application(
                acting_user=approver, application=row, decision=decision, decided_on=decided_on, reason=reason
            )
        return row

    first = application(D(1961, 1, 10), "approved", D(1961, 1, 20))
    application(D(1961, 2, 1), "denied", D(1961, 3, 3), reason="not_eligible")
    application(D(1960, 12, 1), "approved", D(1961, 1, 5))
    application(D(1961, 11, 1))
    application(D(1961, 12, 20))
    application(D(1961, 3, 1), "withdrawn", D(1961, 3, 5))
    # the Yanji office, filed by Yanji's own clerk
    from yalu.people.models import Person
    from yalu.permits.actions import ApplicationInput, file_application

    yanji_row = file_application(
        acting_user=permits.base.clerk_yanji,
        application=ApplicationInput(
            office=yanji,
            person=Person.objects.get(pk=permits.base.yanji_person.pk),
            filed_on=D(1961, 5, 1),
            purpose="visit",
        ),
    )
    decide_application(acting_user=approver, application=yanji_row, decision="approved", decided_on=D(1961, 5, 9))
    record_departure(acting_user=permits.base.clerk_longjing, application=first, departed_on=D(1961, 2, 1))
    permits.letter("L-1")
    permits.letter("L-2", received_on=D(1961, 12, 31))
    permits.letter(
        "L-3", received_by=yanji, received_on=D(1962, 1, 2), issued_on=D(1961, 12, 1), valid_until=D(1962, 6, 1)
    )
    return permits


def report(code, start, end, as_of=None):
    return permits_report(
        None, area=Area.objects.get(code=code), period_start=start, period_end=end, as_of=as_of or end
    )


def test_prefecture_year(records) -> None:
    figures = report("222400", D(1961, 1, 1), D(1961, 12, 31))
    assert figures == {
        "letter.received": 2,
        "application.filed": 6,
        "application.approved": 3,
        "application.denied": 1,
        "application.withdrawn": 1,
        "application.pending": 2,
        "application.overdue": 1,
        "application.days_to_decision": {"median": 20, "p90": 35},
        "departure.legal": 1,
        "reunification.requested": 0,
        "reunification.travelled": 0,
        "reunification.pending": 0,
        "reunification.declined": 0,
    }


def test_county_month(records) -> None:
    figures = report("222405", D(1961, 1, 1), D(1961, 1, 31))
    assert figures["application.filed"] == 1
    assert figures["application.approved"] == 2
    assert figures["application.pending"] == 0
    assert figures["application.days_to_decision"] == {"median": 22.5, "p90": 35}
    assert report("222401", D(1961, 1, 1), D(1961, 12, 31))["application.approved"] == 1
    assert report("222401", D(1962, 1, 1), D(1962, 1, 31))["letter.received"] == 1


def test_service_standard_is_configurable_per_office(records) -> None:
    ServiceStandard.objects.create(area=Area.objects.get(code="222405"), days=70)
    figures = report("222400", D(1961, 1, 1), D(1961, 12, 31))
    assert (figures["application.pending"], figures["application.overdue"]) == (2, 0)


def test_median_and_nearest_rank_p90() -> None:
    assert median([5, 1, 3]) == 3
    assert median([1, 2, 3, 4]) == 2.5
    assert p90(list(range(1, 11))) == 9
    assert p90(list(range(1, 12))) == 10
    assert median([]) is None and p90([]) is None


def test_report_command_prints_json(records) -> None:
    out = io.StringIO()
    call_command(ReportCommand(), "permits", "--area", "222400", "--period", "1961-Q1", "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["application.filed"] == 3
    assert figures["application.approved"] == 2 and figures["application.denied"] == 1
    assert figures["application.withdrawn"] == 1
    out = io.StringIO()
    call_command(
        ReportCommand(),
        "permits",
        "--area",
        "222405",
        "--period",
        "1961-01-01/1961-12-31",
        "--as-of",
        "1962-03-31",
        stdout=out,
    )
    assert json.loads(out.getvalue())["application.pending"] == 2


def test_report_command_refuses_bad_arguments(records) -> None:
    with pytest.raises(CommandError, match="unknown area"):
        call_command(ReportCommand(), "permits", "--area", "999999", "--period", "1961")
    with pytest.raises(CommandError, match="--period"):
        call_command(ReportCommand(), "permits", "--area", "222400", "--period", "1961-13")
