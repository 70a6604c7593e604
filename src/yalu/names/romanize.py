"""Hangul → Latin in the systems names are found in.

rr        Revised Romanization (South Korea, 2000): Bak Seong-cheol
mr        McCune–Reischauer with breves and apostrophes: Pak Sŏngch'ŏl
mr_plain  McCune–Reischauer without them, as typed: Pak Songchol
dprk      the North Korean official style, syllables spaced: Pak Song Chol, Ri Song Chol
popular   the spellings families use: Park Sung-chul, Lee, Choi, Jung, Yoon

`syllable_forms` lists, for the reverse direction, every Latin form a syllable may take.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .data.surnames import SURNAMES
from .hangul import FINALS, INITIALS, MEDIALS, is_syllable, split_syllable

SYSTEMS = ("rr", "mr", "mr_plain", "dprk", "popular")

_VOWELS = {
    "rr": "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i",
    "mr": "a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i",
    "dprk": "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i",
}
VOWELS: dict[str, dict[str, str]] = {
    system: dict(zip(MEDIALS, spelled.split(), strict=True)) for system, spelled in _VOWELS.items()
}

# Initial consonants: (word-initial form, form after a vowel or a nasal).
_INITIALS = {
    "rr": "g:g kk:kk n:n d:d tt:tt r:r m:m b:b pp:pp s:s ss:ss :  j:j jj:jj ch:ch k:k t:t p:p h:h",
    "mr": "k:g kk:kk n:n t:d tt:tt r:r m:m p:b pp:pp s:s ss:ss :  ch:j tch:tch ch':ch' k':k' "
    "t':t' p':p' h:h",
    "dprk": "k:g kk:kk n:n t:d tt:tt r:r m:m p:b pp:pp s:s ss:ss :  j:j jj:jj ch:ch kh:kh "
    "th:th ph:ph h:h",
}
INITIAL_FORMS: dict[str, dict[str, tuple[str, str]]] = {
    system: {
        letter: (pair.split(":")[0], pair.split(":")[1])
        for letter, pair in zip(INITIALS, spelled.replace(":  ", ": ").split(" "), strict=True)
    }
    for system, spelled in _INITIALS.items()
}
_FINAL_SOUNDS = {"ㄱ": "k", "ㄲ": "k", "ㅋ": "k", "ㄴ": "n", "ㄹ": "l", "ㅁ": "m", "ㅂ": "p",
                 "ㅍ": "p", "ㅇ": "ng"}

# Popular spellings of vowels and initials, beyond the RR ones (현 Hyun, 순 Soon, 윤 Yoon).
_POPULAR_VOWELS = {
    "ㅓ": ("eo", "u"), "ㅕ": ("yeo", "yu", "yo"), "ㅜ": ("u", "oo"), "ㅠ": ("yu", "yoo"),
    "ㅡ": ("eu", "u"), "ㅢ": ("ui", "eui"), "ㅣ": ("i", "ee"), "ㅚ": ("oe", "oi"),
    "ㅝ": ("wo",),
}
_POPULAR_INITIALS = {
    "ㄱ": ("g", "k"), "ㄷ": ("d", "t"), "ㅂ": ("b", "p"), "ㅈ": ("j", "ch"), "ㄹ": ("r", "l"),
}


def fold_diacritics(text: str) -> str:
    """Drop breves and other marks, and apostrophes: "Ch'ŏng" -> "Chong"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("'", "")


def _final(final_index: int) -> str:
    return _FINAL_SOUNDS.get(FINALS[final_index], "t" if final_index else "")


def render_syllable(syllable: str, system: str, *, word_initial: bool, voiced: bool) -> str:
    """One syllable in one systematic system; `voiced` when it follows a vowel or a nasal."""
    base = "mr" if system == "mr_plain" else system
    if base == "popular":
        base = "rr"
    initial, medial, final = split_syllable(syllable)
    initial_form = INITIAL_FORMS[base][INITIALS[initial]][0 if word_initial or not voiced else 1]
    vowel = VOWELS[base][MEDIALS[medial]]
    text = initial_form + vowel + _final(final)
    return fold_diacritics(text) if system == "mr_plain" else text


@lru_cache(maxsize=8192)
def syllable_forms(syllable: str, system: str, word_initial: bool) -> frozenset[str]:
    """Every Latin form (lower case) the syllable may take in `system` at that position."""
    if system == "popular":
        return _popular_forms(syllable, word_initial)
    forms = {render_syllable(syllable, system, word_initial=word_initial, voiced=False)}
    if system in ("mr", "mr_plain") and INITIALS[split_syllable(syllable)[0]] == "ㅅ":
        # Older McCune–Reischauer writes 시 and 쉬 as shi and shwi.
        forms |= {"sh" + form[1:] for form in forms if form[1:2] in ("i", "w")}
    if not word_initial:
        forms.add(render_syllable(syllable, system, word_initial=False, voiced=True))
        if syllable and INITIALS[split_syllable(syllable)[0]] == "ㄹ":
            forms |= {"l" + form[1:] for form in forms if form.startswith("r")}
    return frozenset(form.lower() for form in forms)


def _popular_forms(syllable: str, word_initial: bool) -> frozenset[str]:
    initial, medial, final = split_syllable(syllable)
    initial_letter, vowel_letter = INITIALS[initial], MEDIALS[medial]
    initials = _POPULAR_INITIALS.get(initial_letter, (INITIAL_FORMS["rr"][initial_letter][0],))
    vowels = _POPULAR_VOWELS.get(vowel_letter, (VOWELS["rr"][vowel_letter],))
    if initial_letter == "ㅅ" and vowel_letter in ("ㅣ", "ㅟ", "ㅕ", "ㅑ", "ㅠ", "ㅛ"):
        initials = ("s", "sh")
    finals = [_final(final)]
    if FINALS[final] == "ㄱ":
        finals.append("g")
    forms = set()
    for initial_form in initials:
        for vowel in vowels:
            for final_form in finals:
                forms.add(initial_form + vowel + final_form)
                if final_form == "ng" and vowel in ("yeo", "yu"):
                    forms.add(initial_form + "young")
                if not initial_form and vowel == "u":
                    forms.add("woo" + final_form)
                if not initial_form and not final_form and vowel in ("a", "o"):
                    forms.add(vowel + "h")
                if not initial_form and vowel == "yu":
                    forms.add("you" + final_form)
    return frozenset(forms)


def render_name(family: str, given: str, system: str) -> str:
    """Render a Hangul name (family and given split) in one system, as that system writes it."""
    family_text = _render_word(family, system, spaced=False)
    if system == "popular" and family in SURNAMES and SURNAMES[family][1]:
        family_text = SURNAMES[family][1][0]
    if system == "dprk":
        given_text = " ".join(
            _render_word(syllable, system, spaced=True, after=previous).capitalize()
            for previous, syllable in zip(" " + given, given, strict=False)
        )
    else:
        given_text = _render_word(given, system, spaced=False)
        if system in ("rr", "popular") and len(given) > 1:
            given_text = given_text[: _first_length(given, system)] + "-" + given_text[
                _first_length(given, system) :
            ].lower()
    return (_upper_first(family_text) + " " + _upper_first(given_text)).strip()


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_length(given: str, system: str) -> int:
    return len(render_syllable(given[0], system, word_initial=True, voiced=False))


def _render_word(word: str, system: str, *, spaced: bool, after: str = "") -> str:
    pieces = []
    previous = after
    for index, syllable in enumerate(word):
        if not is_syllable(syllable):
            continue
        voiced = bool(previous.strip()) and _ends_voiced(previous)
        first = index == 0 and not spaced
        pieces.append(render_syllable(syllable, system, word_initial=first, voiced=voiced))
        previous = syllable
    return "".join(pieces)


def _ends_voiced(syllable: str) -> bool:
    if not is_syllable(syllable):
        return False
    return FINALS[split_syllable(syllable)[2]] in (" ", "ㄴ", "ㅁ", "ㅇ", "ㄹ")
