"""The reply note: drafted from each person's status in Chinese and Korean, editable, rendered as a PDF."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from yalu.core.models import Agency
from yalu.permits.reply import draft_reply, render_reply_pdf
from yalu.permits.reunification import ItemInput, record_request, set_item_status


@pytest.fixture
def note(permits):
    from yalu.areas.models import Area

    request = record_request(
        acting_user=permits.fao,
        sender=Agency.objects.get(code="kp-mfa"),
        request_ref="17",
        requested_on=datetime.date(1961, 3, 1),
        area=Area.objects.get(code="222400"),
        items=[ItemInput(name="박성철", birth_year=1931), ItemInput(name="리순희", birth_year=1940)],
    )
    set_item_status(
        acting_user=permits.fao,
        item=request.items.get(name="리순희"),
        status="not_found",
        on=datetime.date(1961, 5, 1),
    )
    return request


def test_draft_states_each_persons_status_in_both_languages(note) -> None:
    chinese = draft_reply(note, "zh-hans", today=datetime.date(1962, 3, 10))
    korean = draft_reply(note, "ko", today=datetime.date(1962, 3, 10))
    assert "照会" in chinese and "1. 朴成哲（1931年生）：已找到本人，正在办理" in chinese
    assert "2. 리순희（1940年生）：经查无此人" in chinese
    assert "공한" in korean and "2. 리순희 (1940년생): 조사 결과 해당자 없음" in korean


def _pdf_text_and_fonts(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "reply.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return fonts, text


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
@pytest.mark.parametrize(
    ("language", "family", "expected"), [("zh-hans", "CJKSC", "经查无此人"), ("ko", "CJKKR", "해당자 없음")]
)
def test_pdf_embeds_noto_cjk_and_shows_the_text(note, tmp_path, language, family, expected) -> None:
    pdf = render_reply_pdf(draft_reply(note, language, today=datetime.date(1962, 3, 10)), language)
    fonts, text = _pdf_text_and_fonts(pdf, tmp_path)
    noto = [line for line in fonts.splitlines() if "CJK" in line and "Noto" in line]
    assert noto, fonts
    assert family in noto[0].replace("-", "").replace(" ", "")
    assert noto[0].split()[-5] == "yes"  # embedded
    assert "리순희" in text and expected in text


def test_officer_edits_the_text_and_the_pdf_renders_the_edit(permits, note, tmp_path) -> None:
    client = permits.client(permits.fao)
    page = client.get(f"/permits/requests/{note.pk}/reply/ko/")
    assert "박성철" in page.content.decode()
    edited = page.context["form"].initial["text"].replace("공한", "공한 (수정본)")
    response = client.post(f"/permits/requests/{note.pk}/reply/ko/", {"text": edited})
    assert response.status_code == 302
    assert client.get(f"/permits/requests/{note.pk}/reply/ko/txt/").content.decode() == edited
    pdf = client.get(f"/permits/requests/{note.pk}/reply/ko/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    _fonts, text = _pdf_text_and_fonts(pdf.content, tmp_path)
    assert "수정본" in text
