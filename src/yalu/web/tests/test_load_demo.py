"""`load_demo` creates the demo accounts and registry once and runs every domain's demo step; again, nothing changes.

Each domain's own demo step is tested at full scale in its app; here the steps after the registry are
stood in for, to keep this test fast while proving the command calls each one.
"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from yalu.core.models import User
from yalu.people import demo
from yalu.people.models import FamilyLink, Person
from yalu.web.management.commands import load_demo as command

OTHER_STEPS = [name for name in dir(command) if name.startswith("load_demo_") and name != "load_demo_registry"]


def test_load_demo_is_idempotent(db, monkeypatch) -> None:
    monkeypatch.setattr(demo, "DEMO_HOUSEHOLDS", {"222405": 12, "222401": 10})
    calls: list[str] = []

    def stand_in(name: str):
        def step(*, acting_user: User) -> int:
            calls.append(name)
            return 0

        return step

    for name in OTHER_STEPS:
        monkeypatch.setattr(command, name, stand_in(name))
    call_command("load_demo", stdout=StringIO())
    assert sorted(calls) == sorted(OTHER_STEPS) and len(OTHER_STEPS) >= 1
    persons, links = Person.objects.count(), FamilyLink.objects.count()
    assert persons > 40 and links > 40
    assert {p.home_area.code for p in Person.objects.select_related("home_area")} == {"222405", "222401"}
    assert Person.objects.filter(names__system="hanzi").count() == persons
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "demo registry already loaded" in out.getvalue()
    assert (Person.objects.count(), FamilyLink.objects.count()) == (persons, links)
    clerk = User.objects.get(username="clerk.longjing")
    assert clerk.check_password("yalu-demo")
    assert clerk.jurisdiction is not None and clerk.jurisdiction.code == "222405"
    assert User.objects.get(username="admin").is_superuser
    for username in ("clerk.yanji", "analyst.jilin", "officer.yanbian-fao", "ministry.mfa", "auditor"):
        assert User.objects.filter(username=username).exists()
