"""The demo ledger (at a small scale here): case-level events, two handback lists in the North's spelling, once."""

from __future__ import annotations

from typing import Any

from yalu.core.models import User
from yalu.ledger.demo import load_demo_ledger
from yalu.ledger.models import HandbackItem, HandbackList, MovementEvent
from yalu.ledger.queries import verify_chain


def test_the_demo_loads_once_with_chained_events_and_lists(db) -> None:
    admin = User.objects.create_superuser("admin", password="x")
    small: dict[str, Any] = {"households": {"222405": 60, "222406": 40}, "scale": (150, 20), "list_sizes": (6, 8)}
    written = load_demo_ledger(acting_user=admin, **small)
    assert written == MovementEvent.objects.count() > 170
    assert MovementEvent.objects.filter(event_type="crossing_detected", occurred_on__year=1962).count() >= 20
    assert set(HandbackList.objects.values_list("sender__code", flat=True)) == {"kp-mps"}
    names = "".join(HandbackItem.objects.values_list("display_name", flat=True))
    assert "리" in names or "림" in names or "로" in names or "류" in names
    assert HandbackItem.objects.filter(status="confirmed").exists()
    assert HandbackItem.objects.filter(note__startswith="not in our registry", status="unmatched").exists()
    assert verify_chain().first_broken is None
    assert load_demo_ledger(acting_user=admin, **small) == 0
