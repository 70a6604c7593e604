"""Demo linkage: a few registry records entered again from other sources, in other scripts, then one
deduplication run and one run per handback list, so that the review queue has pairs to decide."""

from __future__ import annotations

from django.apps import apps

from yalu.core.models import User
from yalu.linkage.actions import start_linkage_run
from yalu.linkage.models import LinkageRun, RunKind
from yalu.linkage.pipeline import execute_run
from yalu.names.romanize import render_name
from yalu.people.actions import NameInput, create_person
from yalu.people.models import Person

DEMO_NOTE = "demo: entered again from another source"


def _write_again(person: Person, system: str) -> Person | None:
    hangul = person.names.filter(system="hangul").first()
    hanzi = person.names.filter(system="hanzi").first()
    if hangul is None or hanzi is None or not hangul.family or not hangul.given:
        return None
    if system == "hangul":
        name = NameInput(system="hangul", family=hangul.family, given=hangul.given, source=DEMO_NOTE)
    else:
        full = render_name(hangul.family, hangul.given, system)
        name = NameInput(system=system, full=full, source=DEMO_NOTE)
    return create_person(
        acting_user=None,
        home_area=person.home_area,
        names=[name],
        sex=person.sex,
        birth_year=person.birth_year,
        nationality=person.nationality,
        source_ref=f"demo-duplicate-of-{person.pk}",
    )


def load_demo_linkage(*, acting_user: User | None) -> int:
    """Candidates created for review; 0 when the demo linkage ran before."""
    if LinkageRun.objects.exists():
        return 0
    originals = list(Person.objects.filter(names__system="hanzi").order_by("pk").distinct()[:40:8])
    for person, system in zip(originals, ("dprk", "mr", "hangul", "rr", "dprk"), strict=False):
        _write_again(person, system)
    runs = [start_linkage_run(acting_user=acting_user, kind=RunKind.DEDUPE, enqueue=False)]
    if apps.is_installed("yalu.ledger"):
        handback_list = apps.get_model("ledger", "HandbackList")
        for source in handback_list.objects.order_by("pk"):
            runs.append(start_linkage_run(acting_user=acting_user, kind=RunKind.LIST, source=source, enqueue=False))
    return sum(execute_run(run.pk).candidate_count for run in runs)
