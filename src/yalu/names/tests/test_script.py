import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.names import InvalidName, detect_script, name_keys, normalize


def test_normalize_trims_and_collapses_whitespace() -> None:
    assert normalize("  Pak \t Song\u3000Chol ") == "Pak Song Chol"


def test_normalize_unifies_apostrophes() -> None:
    assert normalize("Ch\u2019oe") == "Ch'oe"


@pytest.mark.parametrize(
    ("text", "script"),
    [("박성철", "hangul"), ("朴成哲", "hanzi"), ("Pak Song Chol", "latin"), ("박 Song", "mixed")],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@pytest.mark.parametrize(
    "text", ["", "   ", "--- !!", "Pak\x00Song", "Kim\u200bJong", "a" * 201, "박 Song Chol", "Иван"]
)
def test_bad_input_raises_invalid_name(text: str) -> None:
    with pytest.raises(InvalidName):
        name_keys(text)


def test_invalid_name_is_a_value_error() -> None:
    assert issubclass(InvalidName, ValueError)


@given(st.text(max_size=260))
def test_normalize_is_idempotent_and_raises_only_invalid_name(text: str) -> None:
    try:
        once = normalize(text)
    except InvalidName:
        return
    assert normalize(once) == once


@given(st.text(max_size=260))
def test_name_keys_raises_only_invalid_name(text: str) -> None:
    try:
        keys = name_keys(text)
    except InvalidName:
        return
    assert all(len(key) <= 64 for key in keys.keys)
