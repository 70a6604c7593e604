"""The demo's aggregate submissions: the figures of the March 1962 report, as its three units reported them.

The files under `demo/` are in the `aggregates` exchange format, one per reporting unit (the file's
name is the sender's agency code), so they can be imported as they are (`manage.py import`).
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from yalu.areas.models import Area
from yalu.core.models import Agency, User
from yalu.statistics.actions import record_submission
from yalu.statistics.models import AggregateSubmission

DEMO_FILES = Path(__file__).parent / "demo"
SENDERS = ("jilin-psd", "liaoning-psd", "yanbian-psb")


def demo_file(sender: str) -> Path:
    return DEMO_FILES / f"{sender}.csv"


@transaction.atomic
def load_demo_statistics(*, acting_user: User) -> int:
    """Record the seed's figures as submissions of jilin-psd, liaoning-psd and yanbian-psb; once only."""
    created = 0
    for sender_code in SENDERS:
        sender = Agency.objects.get(code=sender_code)
        with demo_file(sender_code).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if AggregateSubmission.objects.filter(sender=sender, ref=row["ref"]).exists():
                    continue
                record_submission(
                    acting_user=acting_user,
                    indicator=row["indicator"],
                    breakdown=row["breakdown"],
                    area=Area.objects.get(code=row["area"]),
                    period=row["period"],
                    value=row["value"],
                    qualifier=row["qualifier"],
                    source=row["source"],
                    note=row["note"],
                    sender=sender,
                    ref=row["ref"],
                )
                created += 1
    return created
