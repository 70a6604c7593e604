"""Where the `hanja` and `pypinyin` tables are wrong for personal names, and what is right.

Each entry has a test in tests/test_corrections.py.
"""

from __future__ import annotations

# `hanja` gives the common-word reading; as a family name these characters read otherwise.
SURNAME_READINGS: dict[str, str] = {
    "金": "김",  # hanja: 금 (gold); the family name is 김
    "車": "차",
    "樂": "악",
    "單": "단",
    "区": "구",
    "區": "구",
    "沈": "심",
    "宅": "택",
    "卜": "복",
    "葉": "엽",
    "龐": "방",
    "覃": "담",
    "尹": "윤",
    "丁": "정",
    "石": "석",
}

# Characters with more than one reading in given names; the `hanja` table knows only one.
EXTRA_READINGS: dict[str, tuple[str, ...]] = {
    "金": ("김", "금"),
    "車": ("차", "거"),
    "樂": ("락", "악", "요"),
    "北": ("북", "배"),
    "復": ("복", "부"),
    "說": ("설", "세", "열"),
    "率": ("솔", "률"),
    "丹": ("단", "란"),
    "易": ("역", "이"),
    "行": ("행", "항"),
    "度": ("도", "탁"),
    "見": ("견", "현"),
    "參": ("참", "삼"),
    "茶": ("다", "차"),
    "更": ("경", "갱"),
    "拓": ("척", "탁"),
    "洞": ("동", "통"),
    "宅": ("택", "댁"),
    "沈": ("심", "침"),
}

# pypinyin reads these as common words (朴 pǔ, 單 dān, 仇 chóu, 區 qū); as family names they are:
SURNAME_PINYIN: dict[str, str] = {
    "朴": "piao",
    "單": "shan",
    "单": "shan",
    "仇": "qiu",
    "區": "ou",
    "区": "ou",
    "解": "xie",
    "曾": "zeng",
    "查": "zha",
    "樂": "yue",
    "乐": "yue",
    "蓋": "ge",
    "盖": "ge",
    "召": "shao",
    "覃": "qin",
    "繁": "po",
    "翟": "zhai",
    "尉": "yu",
    "万": "wan",
    "沈": "shen",
    "車": "che",
    "车": "che",
    "賁": "ben",
    "冼": "xian",
    "秘": "bi",
    "种": "chong",
    "長": "zhang",
    "长": "zhang",
    "宿": "su",
    "任": "ren",
    "石": "shi",
    "葛": "ge",
    "重": "chong",
    "柏": "bai",
    "藏": "zang",
    "都": "du",
}

# Family names of two characters: pinyin fixed as a pair.
COMPOUND_SURNAME_PINYIN: dict[str, str] = {
    "皇甫": "huangfu",
    "諸葛": "zhuge",
    "诸葛": "zhuge",
    "鮮于": "xianyu",
    "鲜于": "xianyu",
    "南宮": "nangong",
    "南宫": "nangong",
    "獨孤": "dugu",
    "独孤": "dugu",
    "西門": "ximen",
    "西门": "ximen",
    "司空": "sikong",
    "東方": "dongfang",
    "东方": "dongfang",
}
