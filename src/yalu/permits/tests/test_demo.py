"""The demo reproduces the report's Yanbian figures exactly, and loading it again changes nothing."""

from __future__ import annotations

import datetime

from yalu.areas.models import Area
from yalu.people.demo import load_demo_registry
from yalu.permits.demo import load_demo_permits
from yalu.permits.models import ReunificationRequest
from yalu.permits.queries import permits_report


def test_demo_gives_the_figures_of_march_1962(permits) -> None:
    load_demo_registry(acting_user=None, households={"222405": 20, "222401": 20})
    assert load_demo_permits(acting_user=None) > 0
    figures = permits_report(
        None,
        area=Area.objects.get(code="222400"),
        period_start=datetime.date(1961, 1, 1),
        period_end=datetime.date(1961, 12, 31),
        as_of=datetime.date(1962, 3, 5),
    )
    assert figures["letter.received"] == 2667
    assert figures["application.filed"] == 1778
    assert (figures["application.approved"], figures["application.denied"]) == (1053, 735)
    assert figures["application.pending"] == 1778 + 60 - 1053 - 735
    assert 0 < figures["departure.legal"] < 1053
    assert figures["reunification.requested"] == 35
    assert figures["reunification.travelled"] == 29 and figures["reunification.pending"] == 6
    assert ReunificationRequest.objects.count() == 2
    assert load_demo_permits(acting_user=None) == 0
