"""Reads of the area hierarchy. Areas are not personal data: every signed-in user may read them."""

from __future__ import annotations

from django.db.models import QuerySet

from yalu.areas.models import Area


def areas_under(area: Area) -> QuerySet[Area]:
    return Area.objects.filter(path__startswith=area.path)


def area_by_code(code: str) -> Area | None:
    return Area.objects.filter(code=code.strip()).first()


def all_areas() -> QuerySet[Area]:
    return Area.objects.select_related("parent", "county", "facing").order_by("path")
