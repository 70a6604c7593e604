"""Two writers at once: the chain head is locked, so both batches land whole and the chain stays intact."""

from __future__ import annotations

import threading
import time

from django.db import OperationalError, connection

from yalu.areas.models import Area
from yalu.ledger.models import MovementEvent
from yalu.ledger.queries import verify_chain
from yalu.ledger.tests.conftest import event, write
from yalu.people.models import Person


def test_concurrent_batches_extend_one_chain(live_db) -> None:
    # given two persons and two writers, each with its own connection and transaction
    area = Area.objects.get(code="222405")
    persons = [Person.objects.create(home_area=area, description=f"writer {i}") for i in range(2)]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(person: Person) -> None:
        try:
            start.wait()
            for _attempt in range(200):
                try:
                    write(*[event(person, "crossing_detected", f"1961-07-{day:02d}") for day in range(1, 21)])
                    return
                except OperationalError as error:
                    # SQLite's shared-cache test database fails a second writer at once instead of making it
                    # wait as a file database does: try again, as the waiting writer would
                    if connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.05)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(person,)) for person in persons]
    # when both write at the same time
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then both batches are there, each in one unbroken run of sequence numbers, and the chain verifies
    assert errors == []
    rows = list(MovementEvent.objects.order_by("sequence").values_list("sequence", "person_id"))
    assert [sequence for sequence, _person in rows] == list(range(1, 41))
    first = [person for _sequence, person in rows[:20]]
    assert len(set(first)) == 1
    assert verify_chain().first_broken is None
