"""Hangul syllable arithmetic and the initial-sound law (두음법칙)."""

from __future__ import annotations

from functools import lru_cache

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

# Vowels before which initial ㄴ is dropped and initial ㄹ becomes ㅇ (녀→여, 리→이).
_I_LIKE_MEDIALS = frozenset("ㅑㅒㅕㅖㅛㅠㅣ")


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def split_syllable(syllable: str) -> tuple[int, int, int]:
    """Return (initial, medial, final) indexes of a precomposed Hangul syllable."""
    offset = ord(syllable) - SYLLABLE_FIRST
    return offset // 588, (offset % 588) // 28, offset % 28


def join_syllable(initial: int, medial: int, final: int) -> str:
    return chr(SYLLABLE_FIRST + initial * 588 + medial * 28 + final)


_NIEUN = INITIALS.index("ㄴ")
_RIEUL = INITIALS.index("ㄹ")
_IEUNG = INITIALS.index("ㅇ")


@lru_cache(maxsize=4096)
def south_initial(syllable: str) -> str:
    """The South Korean word-initial form of a syllable: 리→이, 류→유, 림→임, 로→노, 녀→여."""
    if not is_syllable(syllable):
        return syllable
    initial, medial, final = split_syllable(syllable)
    i_like = MEDIALS[medial] in _I_LIKE_MEDIALS
    if initial == _RIEUL:
        return join_syllable(_IEUNG if i_like else _NIEUN, medial, final)
    if initial == _NIEUN and i_like:
        return join_syllable(_IEUNG, medial, final)
    return syllable


@lru_cache(maxsize=4096)
def north_initial_variants(syllable: str) -> frozenset[str]:
    """Syllables whose South word-initial form is this one (이 → {이, 리, 니})."""
    south = south_initial(syllable)
    if not is_syllable(south):
        return frozenset({syllable})
    initial, medial, final = split_syllable(south)
    variants = {south, syllable}
    if initial == _IEUNG and MEDIALS[medial] in _I_LIKE_MEDIALS:
        variants.add(join_syllable(_RIEUL, medial, final))
        variants.add(join_syllable(_NIEUN, medial, final))
    elif initial == _NIEUN:
        variants.add(join_syllable(_RIEUL, medial, final))
    return frozenset(variants)


def is_hangul_text(text: str) -> bool:
    return bool(text) and all(is_syllable(char) for char in text)
