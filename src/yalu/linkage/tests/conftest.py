"""Duplicates of the personas' records, written in other scripts, for linkage tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from yalu.areas.models import Area
from yalu.conftest import Personas, make_user
from yalu.core.models import User
from yalu.people.actions import NameInput, create_person
from yalu.people.models import Person


@dataclass
class Duplicates:
    personas: Personas
    officer: User
    park_mr: Person
    kim_hanzi: Person
    stranger: Person


@pytest.fixture
def duplicates(personas: Personas, db: Any) -> Duplicates:
    # given 박성철 (Longjing, 1931) registered again from a DPRK list in McCune–Reischauer,
    # 김영숙 (Yanji, 1935) again in Chinese characters, and an unrelated person
    longjing = Area.objects.get(code="222405")
    yanji = Area.objects.get(code="222401")
    officer = make_user("officer.yanbian", ["security_officer"], "222400")
    park_mr = create_person(
        acting_user=None,
        home_area=longjing,
        names=[NameInput(system="mr", family="Pak", given="Sŏng-ch'ŏl")],
        sex="M",
        birth_year=1931,
    )
    kim_hanzi = create_person(
        acting_user=None,
        home_area=yanji,
        names=[NameInput(system="hanzi", family="金", given="英淑")],
        sex="F",
        birth_year=1935,
        birth_month=4,
    )
    stranger = create_person(
        acting_user=None,
        home_area=longjing,
        names=[NameInput(system="hangul", family="최", given="동호")],
        sex="M",
        birth_year=1950,
    )
    return Duplicates(personas, officer, park_mr, kim_hanzi, stranger)


@pytest.fixture(autouse=True)
def english_pages(settings: Any) -> None:
    """Pages are checked in English (the default language is Chinese)."""
    settings.LANGUAGE_CODE = "en"
