"""The agencies of both states, loaded by migration. Rows: code, state, area code, name zh, ko, en."""

from __future__ import annotations

from typing import Any

AGENCIES: list[tuple[str, str, str, str, str, str]] = [
    ("state-council", "CN", "CN", "国务院", "국무원", "State Council"),
    ("mfa", "CN", "CN", "外交部", "외교부", "Ministry of Foreign Affairs"),
    ("mps", "CN", "CN", "公安部", "공안부", "Ministry of Public Security"),
    ("seac", "CN", "CN", "国家民族事务委员会", "국가민족사무위원회", "State Ethnic Affairs Commission"),
    ("jilin-psd", "CN", "CN-JL", "吉林省公安厅", "길림성공안청", "Jilin Provincial Public Security Department"),
    ("liaoning-psd", "CN", "CN-LN", "辽宁省公安厅", "료녕성공안청", "Liaoning Provincial Public Security Department"),
    (
        "heilongjiang-psd",
        "CN",
        "CN-HL",
        "黑龙江省公安厅",
        "흑룡강성공안청",
        "Heilongjiang Provincial Public Security Department",
    ),
    ("yanbian-psb", "CN", "222400", "延边州公安局", "연변주공안국", "Yanbian Prefecture Public Security Bureau"),
    ("dandong-psb", "CN", "210600", "丹东市公安局", "단동시공안국", "Dandong Public Security Bureau"),
    ("yanbian-fao", "CN", "222400", "延边州外事办公室", "연변주외사판공실", "Yanbian Foreign Affairs Office"),
    ("longjing-psb", "CN", "222405", "龙井县公安局", "룡정현공안국", "Longjing County Public Security Bureau"),
    ("yanji-psb", "CN", "222401", "延吉县公安局", "연길현공안국", "Yanji County Public Security Bureau"),
    ("embassy-pyongyang", "CN", "CN", "中国驻朝鲜大使馆", "주조선중국대사관", "Chinese Embassy in Pyongyang"),
    ("kp-mfa", "KP", "KP", "朝鲜外务省", "조선 외무성", "DPRK Ministry of Foreign Affairs"),
    ("kp-mps", "KP", "KP", "朝鲜社会安全省", "조선 사회안전성", "DPRK Ministry of Public Security"),
]


def load_agencies(agency_model: Any, area_model: Any) -> None:
    for code, state, area_code, name_zh, name_ko, name_en in AGENCIES:
        agency_model.objects.update_or_create(
            code=code,
            defaults={
                "state": state,
                "area": area_model.objects.filter(code=area_code).first(),
                "name_zh": name_zh,
                "name_ko": name_ko,
                "name_en": name_en,
            },
        )
