"""Three languages, complete: every message has a Chinese and a Korean translation; the switcher works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

SOURCE = Path(settings.BASE_DIR)
PO_FILES = sorted(SOURCE.glob("**/locale/*/LC_MESSAGES/django.po"))


def untranslated(po_file: Path) -> list[str]:
    text = po_file.read_text(encoding="utf-8")
    missing = []
    for block in text.split("\n\n"):
        if "fuzzy" in block.split("msgid", 1)[0]:
            missing.append(block)
            continue
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        if not msgid or (msgid.group(1) == "" and "msgid_plural" not in block and '"\n"' not in block):
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        if not strings or any("".join(re.findall(r'"(.*)"', s)) == "" for s in strings):
            missing.append(block.strip().splitlines()[-2] if block.strip() else block)
    return missing


@pytest.mark.parametrize("po_file", [p for p in PO_FILES if p.parent.parent.name in ("zh_Hans", "ko")], ids=str)
def test_every_message_is_translated(po_file) -> None:
    assert untranslated(po_file) == []
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime - 1


def test_language_switch_changes_the_page_and_formats(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    for code, word in (("zh-hans", "人员"), ("ko", "인원"), ("en", "People")):
        response = client.post("/i18n/setlang/", {"language": code, "next": "/"})
        assert response.status_code == 302
        page = client.get("/").content.decode()
        assert f'<html lang="{code}">' in page
        assert word in page
