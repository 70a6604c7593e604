"""Two approvers decide the same application at the same moment: exactly one decision is recorded."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

from django.db import OperationalError, connection
from django.utils import translation

from yalu.areas.models import Area
from yalu.conftest import make_user
from yalu.core.errors import InvalidTransition
from yalu.people.actions import NameInput, create_person
from yalu.permits.actions import ApplicationInput, decide_application, file_application
from yalu.permits.models import ApplicationTransition, DenialReason, TravelApplication
from yalu.permits.reasons import load_denial_reasons


def test_exactly_one_of_two_simultaneous_decisions_is_recorded(live_db: Any) -> None:
    load_denial_reasons(DenialReason)
    longjing = Area.objects.get(code="222405")
    officer = make_user("officer.longjing", ["security_officer"], "222405")
    first = make_user("approver.one", ["approver"], "222400")
    second = make_user("approver.two", ["approver"], "CN-JL")
    person = create_person(
        acting_user=officer, home_area=longjing, names=[NameInput(system="hangul", full="리순희")], birth_year=1940
    )
    application = file_application(
        acting_user=officer,
        application=ApplicationInput(
            office=longjing, person=person, filed_on=datetime.date(1961, 4, 1), purpose="visit"
        ),
    )
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def attempt(approver: Any, decision: str, reason: str) -> None:
        # SQLite's in-memory test database shares one cache between connections, where a writer's lock
        # makes the other connection fail at once ("table is locked") instead of waiting as it does on a
        # file; the transaction rolled back whole, so trying again is what waiting would have done.
        for _attempt in range(200):
            try:
                decide_application(
                    acting_user=approver,
                    application=TravelApplication.objects.get(pk=application.pk),
                    decision=decision,
                    decided_on=datetime.date(1961, 5, 2),
                    reason=reason,
                )
                return
            except OperationalError as error:
                if connection.vendor != "sqlite" or "locked" not in str(error):
                    raise
                time.sleep(0.01)

    def decide(approver: Any, decision: str, reason: str) -> None:
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                attempt(approver, decision, reason)
            outcomes[approver.username] = "decided"
        except InvalidTransition as error:
            outcomes[approver.username] = f"refused: {error}"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(first, "approved", "")),
        threading.Thread(target=decide, args=(second, "denied", "public_security")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values())[0] == "decided", outcomes
    assert sorted(outcomes.values())[1].startswith("refused: This application was already decided"), outcomes
    decisions = ApplicationTransition.objects.filter(
        application_id=application.pk, to_status__in=["approved", "denied"]
    )
    assert decisions.count() == 1
    winner = next(name for name, outcome in outcomes.items() if outcome == "decided")
    stored = TravelApplication.objects.get(pk=application.pk)
    assert stored.decided_by is not None and stored.decided_by.username == winner
