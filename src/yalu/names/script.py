"""Normalisation of a name as written, and detection of the script it is written in."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_NAME_LENGTH = 200

HANGUL = "hangul"
HANZI = "hanzi"
LATIN = "latin"
MIXED = "mixed"


class InvalidName(ValueError):
    """The text cannot be read as a personal name."""


_APOSTROPHES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "`": "'", "\u00b4": "'"}
)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u00ad": ""})
_WHITESPACE = re.compile(r"\s+")
# Tab and line breaks are whitespace in pasted names, not a reason to reject them.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")


def _is_hanzi(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


@lru_cache(maxsize=65536)
def char_script(char: str) -> str | None:
    """The script of one letter, or None for separators and punctuation."""
    if _is_hangul(char):
        return HANGUL
    if _is_hanzi(char):
        return HANZI
    if char.isalpha():
        return LATIN if "LATIN" in unicodedata.name(char, "") else MIXED
    return None


def normalize(text: str) -> str:
    """NFC, unified apostrophes and hyphens, trimmed and collapsed whitespace.

    Raises InvalidName for text that cannot be a name; normalize(normalize(x)) == normalize(x).
    """
    if not isinstance(text, str):
        raise InvalidName(f"a name must be text, not {type(text).__name__}")
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co") or (
            unicodedata.category(char) == "Cf" and char not in "\u00ad"
        ):
            raise InvalidName(f"name contains the control character U+{ord(char):04X}")
    cleaned = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_HYPHENS)
    cleaned = _WHITESPACE.sub(" ", cleaned).strip()
    if not cleaned:
        raise InvalidName("name is empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidName(f"name is longer than {MAX_NAME_LENGTH} characters ({len(cleaned)})")
    if not any(char_script(char) for char in cleaned):
        raise InvalidName(f"name has no letters: {cleaned!r}")
    return cleaned


def detect_script(text: str) -> str:
    """"hangul", "hanzi", "latin" or "mixed" (several scripts, or one we do not read)."""
    scripts = {script for char in normalize(text) if (script := char_script(char))}
    if len(scripts) == 1:
        return scripts.pop()
    return MIXED
