"""The demo gives the review queue pairs to decide, once."""

from __future__ import annotations

from yalu.linkage.demo import load_demo_linkage
from yalu.linkage.models import LinkCandidate, RunStatus
from yalu.people.demo import load_demo_registry


def test_demo_linkage_fills_the_review_queue_once(personas) -> None:
    load_demo_registry(acting_user=None, households={"222405": 12})
    created = load_demo_linkage(acting_user=None)
    assert created >= 3
    duplicates = LinkCandidate.objects.filter(right__source_ref__startswith="demo-duplicate-of-")
    originals = {int(ref.rsplit("-", 1)[1]) for ref in duplicates.values_list("right__source_ref", flat=True)}
    assert {c.left_id for c in duplicates} == originals
    assert all(run.status == RunStatus.SUCCEEDED for run in {c.run for c in duplicates})
    assert load_demo_linkage(acting_user=None) == 0
