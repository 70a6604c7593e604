"""record_submission: a reporting unit's figure, checked field by field; nothing half-saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from yalu.areas.models import Area
from yalu.conftest import Personas
from yalu.core.models import AuditEvent
from yalu.statistics.actions import record_submission
from yalu.statistics.models import AggregateSubmission


def test_a_unit_records_a_figure_with_its_history(personas: Personas) -> None:
    # given a provincial analyst
    analyst = personas.analyst_jilin
    # when they submit Jilin's figure
    submission = record_submission(
        acting_user=analyst,
        indicator="crossing.persons",
        area=Area.objects.get(code="CN-JL"),
        period="1961",
        value="28028",
        source="Jilin PSD",
    )
    # then it is stored with its period, sender, first history step and an audit row
    assert (submission.period_start.isoformat(), submission.period_end.isoformat()) == ("1961-01-01", "1961-12-31")
    assert submission.status == "submitted" and submission.sender is not None
    assert submission.sender.code == "jilin-psd"
    assert [(e.from_status, e.to_status) for e in submission.events.all()] == [("", "submitted")]
    assert AuditEvent.objects.filter(object_type="statistics.aggregatesubmission", action="create").exists()


def test_every_bad_field_is_named_and_nothing_is_saved(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        record_submission(
            acting_user=personas.analyst_jilin,
            indicator="crossing.persons",
            breakdown="colour:red",
            area=Area.objects.get(code="CN-JL"),
            period="1961-13",
            value="-3",
            qualifier="roughly",
            source="",
        )
    assert set(caught.value.message_dict) == {"breakdown", "period", "value", "qualifier", "source"}
    assert not AggregateSubmission.objects.exists()


def test_a_count_of_persons_must_be_whole(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        record_submission(
            acting_user=personas.analyst_jilin,
            indicator="crossing.persons",
            area=Area.objects.get(code="CN-JL"),
            period="1961",
            value="12.5",
            source="x",
        )
    assert "value" in caught.value.message_dict


def test_an_area_outside_the_jurisdiction_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        record_submission(
            acting_user=personas.analyst_jilin,
            indicator="crossing.persons",
            area=Area.objects.get(code="CN-LN"),
            period="1961",
            value="1",
            source="x",
        )
    assert "area" in caught.value.message_dict
