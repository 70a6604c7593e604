"""Picking the rendering of a stored trilingual text (zh, ko, en) for the active language."""

from __future__ import annotations

from django.utils.translation import get_language


def in_active_language(*, zh: str, ko: str, en: str) -> str:
    language = (get_language() or "en").lower()
    if language.startswith("zh"):
        return zh
    if language.startswith("ko"):
        return ko
    return en
