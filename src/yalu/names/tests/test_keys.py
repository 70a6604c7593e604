import pytest

from yalu.names import name_keys
from yalu.names.romanize import render_name


@pytest.mark.parametrize("text", ["朴成哲", "박성철", "Pak Song Chol", "Piao Chengzhe", "Park Sung-chul",
                                  "Song Chol PAK", "Pak Sŏngch'ŏl", "PAK, Song Chol", "Park Sungchul"])
def test_every_spelling_shares_the_hangul_key(text: str) -> None:
    assert "박성철" in name_keys(text).keys


def test_north_and_south_readings_share_keys() -> None:
    north, south = name_keys("리성철"), name_keys("李成哲")
    assert north.family_key == south.family_key == "이"
    assert set(north.keys) & set(south.keys)


def test_keys_of_hangul_name() -> None:
    keys = name_keys("박성철")
    assert keys.script == "hangul"
    assert keys.hangul == ("박성철",)
    assert keys.family_key == "박"
    assert keys.given_key == "성철"
    assert "paksongcol" in keys.keys


@pytest.mark.parametrize(("text", "family"), [("남궁민수", "남궁"), ("皇甫勇炫", "황보"), ("Jegal Su Ryo", "제갈"),
                                              ("Sunwoo Sa-jung", "선우"), ("Tokko Yong", "독고"),
                                              ("서문탁", "서문")])
def test_compound_family_names(text: str, family: str) -> None:
    assert name_keys(text).family_key == family


def test_family_and_given_as_split_by_the_source() -> None:
    keys = name_keys("Song Chol Pak", family="Pak", given="Song Chol")
    assert keys.family_key == "박"
    assert keys.hangul[0] == "박성철"


def test_keys_are_deterministic_and_short() -> None:
    first, second = name_keys("Kim Jong Un"), name_keys("Kim Jong Un")
    assert first == second
    assert all(len(key) <= 64 for key in first.keys)


@pytest.mark.parametrize(
    ("system", "expected"),
    [("rr", "Bak Seong-cheol"), ("mr", "Pak Sŏngch'ŏl"), ("mr_plain", "Pak Songchol"), ("dprk", "Pak Song Chol")],
)
def test_renderers(system: str, expected: str) -> None:
    assert render_name("박", "성철", system) == expected


def test_dprk_keeps_initial_rieul() -> None:
    assert render_name("최", "룡해", "dprk") == "Choe Ryong Hae"
    assert render_name("리", "성철", "dprk") == "Ri Song Chol"


def test_pinyin_apostrophes_divide_syllables_and_mr_apostrophes_mark_aspiration() -> None:
    # 苏爱 written with pinyin's dividing apostrophe reads as it does unspaced
    assert name_keys("Jin Su'ai").keys == name_keys("Jin Suai").keys != ()
    assert name_keys("Piao Xi'an").hangul  # after a vowel, before a: a pinyin syllable boundary
    # McCune–Reischauer's apostrophe after ch / p / k is aspiration, not a boundary
    assert name_keys("Ch'oe Ryong Hae").hangul[0] == "최용해"
    assert name_keys("Pak Sŏngch'ŏl").hangul[0] == "박성철"
