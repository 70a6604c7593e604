"""The reply to a reunification request: a diplomatic note in Chinese or Korean stating each person's status.

The draft is generated from the items' statuses; the officer edits the text and the PDF renders the edited
text (WeasyPrint, with the Noto CJK fonts named in the template so that Hangul and Chinese characters show).
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string

from yalu.permits.models import ItemStatus, ReplyNote, ReunificationItem, ReunificationRequest

LANGUAGES = ("zh-hans", "ko")

STATUS_WORDS = {
    "zh-hans": {
        ItemStatus.REQUESTED: "正在查找",
        ItemStatus.LOCATED: "已找到本人，正在办理",
        ItemStatus.LETTER_RECEIVED: "已收到证明信，正在办理",
        ItemStatus.APPLIED: "已提出申请，正在审批",
        ItemStatus.APPROVED: "已批准，待出境",
        ItemStatus.TRAVELLED: "已赴朝",
        ItemStatus.DECLINED: "未获批准",
        ItemStatus.NOT_FOUND: "经查无此人",
    },
    "ko": {
        ItemStatus.REQUESTED: "찾는 중",
        ItemStatus.LOCATED: "본인을 찾았으며 처리 중",
        ItemStatus.LETTER_RECEIVED: "증명서를 받았으며 처리 중",
        ItemStatus.APPLIED: "신청하여 심사 중",
        ItemStatus.APPROVED: "승인되어 출국 대기 중",
        ItemStatus.TRAVELLED: "조선으로 출국함",
        ItemStatus.DECLINED: "승인되지 않음",
        ItemStatus.NOT_FOUND: "조사 결과 해당자 없음",
    },
}


def _person_line(language: str, number: int, name: str, birth_year: int | None, status: str, reason: str) -> str:
    words = STATUS_WORDS[language][ItemStatus(status)]
    if language == "zh-hans":
        born = f"（{birth_year}年生）" if birth_year else ""
        because = f"（原因：{reason}）" if reason else ""
        return f"{number}. {name}{born}：{words}{because}"
    born = f" ({birth_year}년생)" if birth_year else ""
    because = f" (사유: {reason})" if reason else ""
    return f"{number}. {name}{born}: {words}{because}"


def _name_in(item: ReunificationItem, language: str) -> str:
    """The name in the note's own script, from the request or the registry: 朴成哲 in Chinese, 박성철 in Korean."""
    system = "hanzi" if language == "zh-hans" else "hangul"
    written = item.name_hanzi if system == "hanzi" else item.name_hangul
    if written:
        return written
    if item.person is not None:
        for name in item.person.names.all():
            if name.system == system:
                return name.full
    return item.name


def draft_reply(request: ReunificationRequest, language: str, *, today: datetime.date) -> str:
    items = list(request.items.select_related("person").prefetch_related("person__names").order_by("id"))
    travelled = sum(1 for item in items if item.status == ItemStatus.TRAVELLED)
    declined = sum(1 for item in items if item.status == ItemStatus.DECLINED)
    pending = len(items) - travelled - declined
    dated = request.requested_on
    lines = [
        _person_line(language, number, _name_in(item, language), item.birth_year, item.status, item.reason)
        for number, item in enumerate(items, start=1)
    ]
    if language == "zh-hans":
        return "\n".join(
            [
                "照会",
                "",
                f"{request.sender.name_zh}：",
                "",
                f"　　中华人民共和国外交部向{request.sender.name_zh}致意，"
                f"并就贵方{dated.year}年{dated.month}月{dated.day}日第{request.request_ref}号照会所提{len(items)}名人员前往朝鲜与亲属团聚一事，谨将办理情况通知如下：",
                "",
                *lines,
                "",
                f"　　以上{len(items)}人中，已赴朝{travelled}人，正在办理{pending}人，未获批准{declined}人。"
                "对于办理迟缓之处，我方深表歉意，并将加快办理。",
                "",
                "　　顺致崇高的敬意。",
                "",
                f"中华人民共和国外交部　{today.year}年{today.month}月{today.day}日",
            ]
        )
    return "\n".join(
        [
            "공한",
            "",
            f"{request.sender.name_ko} 앞",
            "",
            f"  중화인민공화국 외교부는 {request.sender.name_ko}에 경의를 표하며, "
            f"귀측의 {dated.year}년 {dated.month}월 {dated.day}일부 제{request.request_ref}호 공한에서 "
            f"요청한 {len(items)}명의 가족 상봉 문제에 관한 처리 정황을 다음과 같이 통보합니다.",
            "",
            *lines,
            "",
            f"  위 {len(items)}명 가운데 {travelled}명은 이미 조선으로 출국하였고, {pending}명은 처리 중이며, "
            f"{declined}명은 승인되지 않았습니다. 처리가 늦어진 점에 대하여 깊은 유감을 표하며 처리를 서두르겠습니다.",
            "",
            "  이 기회에 다시 한번 높은 경의를 표합니다.",
            "",
            f"중화인민공화국 외교부  {today.year}년 {today.month}월 {today.day}일",
        ]
    )


def reply_text(request: ReunificationRequest, language: str, *, today: datetime.date) -> str:
    """The officer's edited text when there is one, else a fresh draft."""
    saved = ReplyNote.objects.filter(request=request, language=language).first()
    return saved.text if saved is not None else draft_reply(request, language, today=today)


def render_reply_pdf(text: str, language: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "permits/reply_note.html",
        {"paragraphs": text.split("\n"), "language": language, "lang": "zh-Hans" if language == "zh-hans" else "ko"},
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
