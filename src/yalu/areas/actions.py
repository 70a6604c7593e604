"""Writes to the area hierarchy: a deployment adds its lower levels (communes, production brigades)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.areas.models import Area, AreaKind
from yalu.core.audit import record_audit
from yalu.core.models import User


@transaction.atomic
def create_area(
    *,
    acting_user: User | None,
    code: str,
    kind: str,
    parent: Area,
    name_zh: str,
    name_ko: str,
    name_en: str,
) -> Area:
    code = code.strip()
    if not code:
        raise ValidationError({"code": _("An area needs a code.")})
    if Area.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code %(code)s is already in use.") % {"code": code}})
    if kind not in AreaKind.values or kind == AreaKind.SECTOR:
        raise ValidationError({"kind": _("Unknown area kind: %(kind)s.") % {"kind": kind}})
    area = Area.objects.create(
        code=code,
        kind=kind,
        parent=parent,
        path=f"{parent.path}{code}/",
        depth=parent.depth + 1,
        state=parent.state,
        name_zh=name_zh,
        name_ko=name_ko,
        name_en=name_en,
    )
    record_audit(actor=acting_user, action="create", target=area, detail={"code": code, "parent": parent.code})
    return area
