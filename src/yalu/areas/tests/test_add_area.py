"""A deployment adds communes and brigades below the counties; they join the county's subtree."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yalu.areas.models import Area
from yalu.core.access import area_in_scope


def test_add_a_commune_and_a_brigade_inside_the_county_subtree(personas) -> None:
    call_command(
        "add_area",
        "222405-001",
        parent="222405",
        kind="commune",
        zh="智新公社",
        ko="지신공사",
        en="Zhixin Commune",
        stdout=StringIO(),
    )
    call_command(
        "add_area",
        "222405-001-01",
        parent="222405-001",
        kind="brigade",
        zh="第一大队",
        ko="제1대대",
        en="1st Brigade",
        stdout=StringIO(),
    )
    brigade = Area.objects.get(code="222405-001-01")
    assert brigade.path == "/CN/CN-JL/222400/222405/222405-001/222405-001-01/"
    assert area_in_scope(personas.clerk_longjing, brigade)
    assert not area_in_scope(personas.clerk_yanji, brigade)


def test_bad_input_is_refused_clearly(db) -> None:
    with pytest.raises(CommandError, match="unknown area code"):
        call_command("add_area", "X1", parent="nope", kind="commune", zh="a", ko="b", en="c")
    with pytest.raises(CommandError, match="code: .*222405"):
        call_command("add_area", "222405", parent="222400", kind="county", zh="a", ko="b", en="c")
    with pytest.raises(CommandError, match="^kind: "):
        call_command("add_area", "X2", parent="222405", kind="sector", zh="a", ko="b", en="c")
