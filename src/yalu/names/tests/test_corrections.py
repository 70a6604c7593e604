"""Each place where we overrule the hanja or pypinyin tables, and the override itself."""

import pytest
from hanja import table
from pypinyin import lazy_pinyin

from yalu.names.data.corrections import (
    COMPOUND_SURNAME_PINYIN,
    EXTRA_READINGS,
    SURNAME_PINYIN,
    SURNAME_READINGS,
)
from yalu.names.hanja_readings import (
    character_pinyin,
    given_readings,
    surname_pinyin,
    surname_reading,
)


def test_hanja_reads_gold_not_kim_and_we_correct_it() -> None:
    assert table.hanja_table["金"] == "금"
    assert surname_reading("金") == "김"


@pytest.mark.parametrize(("character", "pinyin"), [("朴", "piao"), ("單", "shan"), ("仇", "qiu"), ("區", "ou")])
def test_pypinyin_reads_common_word_and_we_correct_surname(character: str, pinyin: str) -> None:
    assert lazy_pinyin(character)[0] != pinyin
    assert character_pinyin(character) == pinyin


@pytest.mark.parametrize(("character", "reading"), sorted(SURNAME_READINGS.items()))
def test_surname_reading_correction(character: str, reading: str) -> None:
    assert surname_reading(character) == reading


@pytest.mark.parametrize(("character", "readings"), sorted(EXTRA_READINGS.items()))
def test_extra_readings_are_offered(character: str, readings: tuple[str, ...]) -> None:
    assert set(readings) <= set(given_readings(character))


@pytest.mark.parametrize(("character", "pinyin"), sorted(SURNAME_PINYIN.items()))
def test_surname_pinyin_correction(character: str, pinyin: str) -> None:
    assert character_pinyin(character) == pinyin


@pytest.mark.parametrize(("characters", "pinyin"), sorted(COMPOUND_SURNAME_PINYIN.items()))
def test_compound_surname_pinyin(characters: str, pinyin: str) -> None:
    assert surname_pinyin(characters) == pinyin


def test_simplified_character_takes_the_traditional_reading() -> None:
    assert table.hanja_table["圣"] != "성"
    assert given_readings("圣") == ("성",)


@pytest.mark.parametrize(
    ("characters", "north", "south"),
    [("李", "리", "이"), ("柳", "류", "유"), ("林", "림", "임"), ("盧", "로", "노"), ("梁", "량", "양")],
)
def test_family_names_keep_both_readings(characters: str, north: str, south: str) -> None:
    assert table.hanja_table[characters] == north
    assert surname_reading(characters) == south
