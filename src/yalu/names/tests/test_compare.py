import pytest

from yalu.names import compare


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Piao Chengzhe", "박성철"),
        ("Song Chol PAK", "朴成哲"),
        ("Ri Song Chol", "이성철"),
        ("Choe Ryong Hae", "崔龍海"),
        ("Kim Jong Un", "金正恩"),
        ("Lee Hong-bok", "리홍복"),
        ("Ki-jong Kil", "Kil Ki Jong"),
        ("Zuocha Yin", "음조찰"),
        ("임내", "Rim Rae"),
        ("Hwangbo Young-hyun", "皇甫泳炫"),
    ],
)
def test_same_person_across_scripts(a: str, b: str) -> None:
    result = compare(a, b)
    assert result.same_person, result
    assert result.score == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pyo Jeong-u", "表宗祐"),  # RR spells 정 and 종 apart
        ("Sunwoo Sa-jung", "선우사종"),
        ("Um Jo Chol", "음조찰"),  # similar sound
        ("賓槿普", "Bin Bo-keun"),  # swapped given syllables
        ("백송현", "Hwangbo Songhyŏn"),  # other family name
        ("洪柄起", "Hong Zeqi"),  # one syllable
    ],
)
def test_hard_negatives_are_different_people(a: str, b: str) -> None:
    result = compare(a, b)
    assert not result.same_person, result


def test_reasons_say_what_differs() -> None:
    result = compare("길관종", "Kil Kijong")
    assert "given-name syllable 1 differs" in result.reasons
    assert 0 <= result.score < 1
