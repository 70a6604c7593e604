import json

import pytest

from yalu.names.__main__ import main


def test_compare_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "Pak Song Chol", "박성철"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["same_person"] is True
    assert set(printed) == {"score", "same_person", "reasons"}


def test_keys_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "朴成哲"]) == 0
    assert "박성철" in json.loads(capsys.readouterr().out)["keys"]


def test_invalid_name_prints_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "!!!"]) == 2
    assert "error" in json.loads(capsys.readouterr().out)
