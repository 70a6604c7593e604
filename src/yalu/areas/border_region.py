"""The real border region, loaded by migration: both states' provinces and the counties on the rivers.

Each row: code, kind, parent code, state, name_zh, name_ko, name_en. Sectors add river, county, facing.
"""

from __future__ import annotations

from typing import Any

AREAS: list[tuple[str, str, str | None, str, str, str, str]] = [
    ("CN", "country", None, "CN", "中国", "중국", "China"),
    ("CN-LN", "province", "CN", "CN", "辽宁省", "료녕성", "Liaoning"),
    ("210600", "prefecture", "CN-LN", "CN", "丹东市", "단동시", "Dandong"),
    ("210602", "district", "210600", "CN", "元宝区", "원보구", "Yuanbao District"),
    ("210603", "district", "210600", "CN", "振兴区", "진흥구", "Zhenxing District"),
    ("210604", "district", "210600", "CN", "振安区", "진안구", "Zhen'an District"),
    ("210624", "county", "210600", "CN", "宽甸满族自治县", "관전만족자치현", "Kuandian"),
    ("210681", "county", "210600", "CN", "东港市", "동항시", "Donggang"),
    ("210682", "county", "210600", "CN", "凤城市", "봉성시", "Fengcheng"),
    ("CN-JL", "province", "CN", "CN", "吉林省", "길림성", "Jilin"),
    ("220500", "prefecture", "CN-JL", "CN", "通化市", "통화시", "Tonghua"),
    ("220582", "county", "220500", "CN", "集安市", "집안시", "Ji'an"),
    ("220600", "prefecture", "CN-JL", "CN", "白山市", "백산시", "Baishan"),
    ("220681", "county", "220600", "CN", "临江市", "림강시", "Linjiang"),
    ("220623", "county", "220600", "CN", "长白朝鲜族自治县", "장백조선족자치현", "Changbai"),
    ("222400", "prefecture", "CN-JL", "CN", "延边朝鲜族自治州", "연변조선족자치주", "Yanbian"),
    ("222401", "county", "222400", "CN", "延吉市", "연길시", "Yanji"),
    ("222402", "county", "222400", "CN", "图们市", "도문시", "Tumen"),
    ("222403", "county", "222400", "CN", "敦化市", "돈화시", "Dunhua"),
    ("222404", "county", "222400", "CN", "珲春市", "훈춘시", "Hunchun"),
    ("222405", "county", "222400", "CN", "龙井市", "룡정시", "Longjing"),
    ("222406", "county", "222400", "CN", "和龙市", "화룡시", "Helong"),
    ("222424", "county", "222400", "CN", "汪清县", "왕청현", "Wangqing"),
    ("222426", "county", "222400", "CN", "安图县", "안도현", "Antu"),
    ("CN-HL", "province", "CN", "CN", "黑龙江省", "흑룡강성", "Heilongjiang"),
    ("KP", "country", None, "KP", "朝鲜", "조선", "DPRK"),
    ("KP-03", "province", "KP", "KP", "平安北道", "평안북도", "North Pyongan"),
    ("KP-04", "province", "KP", "KP", "慈江道", "자강도", "Chagang"),
    ("KP-10", "province", "KP", "KP", "两江道", "량강도", "Ryanggang"),
    ("KP-09", "province", "KP", "KP", "咸镜北道", "함경북도", "North Hamgyong"),
    ("KP-13", "province", "KP", "KP", "罗先市", "라선시", "Rason"),
]

# Border sectors: code, river, county on our side, province facing, name_zh, name_ko, name_en.
SECTORS: list[tuple[str, str, str, str, str, str, str]] = [
    ("Y-210603", "yalu", "210603", "KP-03", "鸭绿江振兴段", "압록강 진흥구간", "Yalu at Zhenxing (Dandong)"),
    ("Y-210602", "yalu", "210602", "KP-03", "鸭绿江元宝段", "압록강 원보구간", "Yalu at Yuanbao (Dandong)"),
    ("Y-210681", "yalu", "210681", "KP-03", "鸭绿江东港段", "압록강 동항구간", "Yalu at Donggang"),
    ("Y-210624", "yalu", "210624", "KP-03", "鸭绿江宽甸段", "압록강 관전구간", "Yalu at Kuandian"),
    ("Y-220582", "yalu", "220582", "KP-04", "鸭绿江集安段", "압록강 집안구간", "Yalu at Ji'an"),
    ("Y-220681", "yalu", "220681", "KP-04", "鸭绿江临江段", "압록강 림강구간", "Yalu at Linjiang"),
    ("Y-220623", "yalu", "220623", "KP-10", "鸭绿江长白段", "압록강 장백구간", "Yalu at Changbai"),
    ("T-222406", "tumen", "222406", "KP-09", "图们江和龙段", "두만강 화룡구간", "Tumen at Helong"),
    ("T-222405", "tumen", "222405", "KP-09", "图们江龙井段", "두만강 룡정구간", "Tumen at Longjing"),
    ("T-222402", "tumen", "222402", "KP-09", "图们江图们段", "두만강 도문구간", "Tumen at Tumen"),
    ("T-222404", "tumen", "222404", "KP-09", "图们江珲春段", "두만강 훈춘구간", "Tumen at Hunchun"),
    ("T-222404-R", "tumen", "222404", "KP-13", "图们江珲春下游段", "두만강 훈춘하류구간", "Lower Tumen at Hunchun"),
]


def load_border_region(area_model: Any) -> None:
    """Create or update the rows above; used by the data migration, so it takes the historical model."""
    by_code: dict[str, Any] = {}
    for code, kind, parent_code, state, name_zh, name_ko, name_en in AREAS:
        parent = by_code[parent_code] if parent_code else None
        path = f"{parent.path}{code}/" if parent else f"/{code}/"
        area, _created = area_model.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "parent": parent,
                "path": path,
                "depth": (parent.depth + 1) if parent else 0,
                "state": state,
                "name_zh": name_zh,
                "name_ko": name_ko,
                "name_en": name_en,
            },
        )
        by_code[code] = area
    for code, river, county_code, facing_code, name_zh, name_ko, name_en in SECTORS:
        county = by_code[county_code]
        area_model.objects.update_or_create(
            code=code,
            defaults={
                "kind": "sector",
                "parent": county,
                "path": f"{county.path}{code}/",
                "depth": county.depth + 1,
                "state": "CN",
                "name_zh": name_zh,
                "name_ko": name_ko,
                "name_en": name_en,
                "river": river,
                "county": county,
                "facing": by_code[facing_code],
            },
        )
