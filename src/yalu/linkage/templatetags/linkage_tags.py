"""{% person_links person %}: the records linked to a person, on the person's page."""

from __future__ import annotations

from typing import Any

from django import template

from yalu.linkage.queries import links_of, matched_records_of
from yalu.people.models import Person

register = template.Library()


@register.inclusion_tag("linkage/_person_links_card.html", takes_context=True)
def person_links(context: dict[str, Any], person: Person) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or person is None:
        return {"links": [], "matched": []}
    return {
        "links": links_of(person, user),
        "matched": list(matched_records_of(person, user)),
        "can_review": user.has_perm("linkage.view_linkcandidate"),
    }
