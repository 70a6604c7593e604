"""`{% person_timeline person user %}`: the status and movements shown on a person's record."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from yalu.ledger.queries import person_timeline, status_of_timeline

register = template.Library()

STATUS_LABELS = {
    "home": _("at home"),
    "abroad": _("abroad"),
    "returned": _("returned"),
    "dead": _("dead"),
    "unknown": _("unknown (crossed, nothing known since)"),
}


@register.inclusion_tag("ledger/_person_movements.html")
def person_movements(person: Any, user: Any) -> dict[str, Any]:
    """Shown to users who may read the ledger; the person was already accessed within their jurisdiction."""
    if not user.has_perm("ledger.view_movementevent"):
        return {"show_timeline": False}
    timeline = person_timeline(person)
    status = status_of_timeline(timeline)
    return {
        "show_timeline": True,
        "timeline": timeline,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "can_withdraw": user.has_perm("ledger.add_movementevent"),
    }
