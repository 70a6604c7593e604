from django.http import HttpRequest
from ninja import Router, Schema

from yalu.areas.queries import all_areas
from yalu.core.api import api_requires

router = Router(tags=["areas"])


class AreaOut(Schema):
    code: str
    kind: str
    parent: str | None
    state: str
    name_zh: str
    name_ko: str
    name_en: str
    river: str
    county: str | None
    facing: str | None


@router.get("/", response=list[AreaOut], summary="The area hierarchy and border sectors")
@api_requires("people.view_person")
def list_areas(request: HttpRequest) -> list[AreaOut]:
    return [
        AreaOut(
            code=area.code,
            kind=area.kind,
            parent=area.parent.code if area.parent else None,
            state=area.state,
            name_zh=area.name_zh,
            name_ko=area.name_ko,
            name_en=area.name_en,
            river=area.river,
            county=area.county.code if area.county else None,
            facing=area.facing.code if area.facing else None,
        )
        for area in all_areas()
    ]
