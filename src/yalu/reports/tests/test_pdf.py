"""The PDF export embeds a Noto CJK font and carries its Chinese and Korean labels as text (pdffonts, pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftotext") is None, reason="poppler-utils are not installed"
)


def pdf_of(crossings, language: str, tmp_path: Path) -> Path:
    client = crossings.client(crossings.analyst_jilin)
    response = client.get("/reports/1962/export.pdf", {"area": "222400", "period": "1961", "lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / f"report-{language}.pdf"
    path.write_bytes(response.content)
    return path


def fonts_of(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def embedded_noto_cjk(fonts: str) -> list[str]:
    """Lines of `pdffonts` naming a Noto CJK font with "emb" = yes."""
    return [
        line
        for line in fonts.splitlines()
        if "NotoSansCJK" in line.replace("-", "").replace(" ", "") and " yes " in line
    ]


def test_the_chinese_pdf_embeds_noto_cjk_and_carries_chinese_text(crossings, tmp_path) -> None:
    path = pdf_of(crossings, "zh-hans", tmp_path)

    assert embedded_noto_cjk(fonts_of(path))
    text = text_of(path)
    assert "越境人数" in text  # table 1's column
    assert "延吉市" in text and "龙井市" in text  # the counties' rows
    assert "按月发现的越境" in text  # the chart's title, drawn in the SVG
    assert "<5" in text  # Longjing's small counts withheld


def test_the_korean_pdf_embeds_noto_cjk_and_carries_hangul(crossings, tmp_path) -> None:
    path = pdf_of(crossings, "ko", tmp_path)

    fonts = fonts_of(path)
    assert embedded_noto_cjk(fonts)
    text = text_of(path)
    assert "월경 인원" in text
    assert "연길시" in text and "룡정시" in text
    assert "월별 발견된 월경" in text
