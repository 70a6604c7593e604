"""The demo's aggregate submissions: the figures of the March 1962 report, as its three units reported them.

The files under `demo/` are in the `aggregates` exchange format, one per reporting unit (the file's
name is the sender's agency code); the demo imports them as any sender's file would be imported, so
their originals are kept and importing them again changes nothing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError

from yalu.areas.models import Area
from yalu.core.models import Agency, User
from yalu.exchange.actions import import_file
from yalu.statistics.actions import set_reporting_obligation

DEMO_FILES = Path(__file__).parent / "demo"
SENDERS = ("jilin-psd", "liaoning-psd", "yanbian-psb")


def demo_file(sender: str) -> Path:
    return DEMO_FILES / f"{sender}.csv"


# What each unit owed for 1961, due at the end of the first quarter of 1962: the figures the report
# lacks (Jilin's deaths, Yanbian's withdrawn and pending applications) show as missing.
OBLIGATIONS = {
    ("jilin-psd", "CN-JL"): (
        "crossing.persons",
        "return.persuaded",
        "return.voluntary",
        "return.handed_back",
        "abroad.remaining",
        "death.crossing",
        "remains.found",
    ),
    ("yanbian-psb", "222400"): (
        "letter.received",
        "application.filed",
        "application.approved",
        "application.denied",
        "application.withdrawn",
        "application.pending",
    ),
}


def load_demo_obligations(*, acting_user: User) -> None:
    for (sender_code, area_code), indicators in OBLIGATIONS.items():
        for indicator in indicators:
            set_reporting_obligation(
                acting_user=acting_user,
                sender=Agency.objects.get(code=sender_code),
                indicator=indicator,
                area=Area.objects.get(code=area_code),
                period="1961",
                due_on=datetime.date(1962, 3, 31),
            )


def load_demo_statistics(*, acting_user: User) -> int:
    """Import the seed's figures from jilin-psd, liaoning-psd and yanbian-psb; returns how many were created."""
    load_demo_obligations(acting_user=acting_user)
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
