"""The demo's aggregate submissions: the figures of the March 1962 report, as its three units reported them.

The files under `demo/` are in the `aggregates` exchange format, one per reporting unit (the file's
name is the sender's agency code); the demo imports them as any sender's file would be imported, so
their originals are kept and importing them again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError

from yalu.core.models import Agency, User
from yalu.exchange.actions import import_file

DEMO_FILES = Path(__file__).parent / "demo"
SENDERS = ("jilin-psd", "liaoning-psd", "yanbian-psb")


def demo_file(sender: str) -> Path:
    return DEMO_FILES / f"{sender}.csv"


def load_demo_statistics(*, acting_user: User) -> int:
    """Import the seed's figures from jilin-psd, liaoning-psd and yanbian-psb; returns how many were created."""
    created = 0
    for sender_code in SENDERS:
        batch = import_file(
            acting_user=acting_user,
            kind="aggregates",
            sender=Agency.objects.get(code=sender_code),
            path=demo_file(sender_code),
        )
        if batch.errors:
            raise ValidationError(f"demo file {sender_code}: {batch.errors}")
        created += int(batch.summary.get("created", 0))
    return created
