"""The denial reasons of spec/exchange-formats.md, loaded by migration; a deployment adds its own in the admin."""

from __future__ import annotations

from typing import Any

DENIAL_REASONS: list[tuple[str, str, str, str]] = [
    ("incomplete_documents", "材料不全", "서류 미비", "incomplete documents"),
    ("not_eligible", "不符合条件", "자격 미달", "not eligible"),
    ("public_security", "公安原因", "공안상 사유", "public security"),
    ("duplicate", "重复申请", "중복 신청", "duplicate"),
    ("other", "其他", "기타", "other"),
]


def load_denial_reasons(reason_model: Any) -> None:
    for code, label_zh, label_ko, label_en in DENIAL_REASONS:
        reason_model.objects.update_or_create(
            code=code, defaults={"label_zh": label_zh, "label_ko": label_ko, "label_en": label_en}
        )
