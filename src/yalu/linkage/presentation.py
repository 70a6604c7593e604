"""What the review queue shows of a candidate: both records side by side, and the reasons in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yalu.linkage.models import LinkCandidate
from yalu.people.models import NameSystem, Person, Sex
from yalu.people.queries import family_of

REASON_LABELS: dict[str, dict[str, Promise]] = {
    "name": {
        "name_primary": _("same Hangul reading of the name"),
        "name_reading": _("a Hangul reading of the name in common"),
        "name_skeleton": _("the name sounds the same in another romanization"),
        "name_pinyin": _("the same pinyin"),
        "family_only": _("only the family name agrees"),
        "else": _("the names differ"),
        "null": _("no readable name on one side"),
    },
    "birth": {
        "birth_month": _("same year and month of birth"),
        "birth_year": _("same year of birth"),
        "birth_year_near": _("born one year apart"),
        "else": _("birth years differ"),
        "null": _("birth year unknown on one side"),
    },
    "sex": {"sex": _("same sex"), "else": _("the sexes differ"), "null": _("sex unknown on one side")},
    "area": {
        "area": _("same home area"),
        "prefecture": _("home areas in the same prefecture"),
        "else": _("home areas differ"),
        "null": _("home area unknown on one side"),
    },
}
AGREEING = {"name_primary", "name_reading", "name_skeleton", "name_pinyin", "birth_month", "birth_year", "sex", "area"}


@dataclass(frozen=True)
class Reason:
    comparison: str
    level: str
    label: Promise | str
    agrees: bool


def reasons_of(candidate: LinkCandidate) -> list[Reason]:
    found = []
    for comparison, labels in REASON_LABELS.items():
        level = str(candidate.reasons.get(comparison, "null"))
        found.append(Reason(comparison, level, labels.get(level, level), level in AGREEING))
    return found


@dataclass
class Side:
    """One record of a pair, as shown side by side."""

    kind: Promise | str
    title: str
    url: str = ""
    names: list[tuple[str, str]] = field(default_factory=list)
    sex: str = ""
    birth: str = ""
    home_area: str = ""
    family: list[tuple[str, str]] = field(default_factory=list)


def _system_label(system: str) -> str:
    return str(dict(NameSystem.choices).get(system, system))


def person_side(person: Person, user: Any) -> Side:
    return Side(
        kind=_("registry record"),
        title=f"#{person.pk}",
        url=reverse("people:detail", args=[person.pk]),
        names=[(name.get_system_display(), name.full) for name in person.names.all()],
        sex=person.get_sex_display(),
        birth=person.birth_date,
        home_area=f"{person.home_area.name} ({person.home_area.code})",
        family=[(relation, relative.display_name) for relation, relative in family_of(person, user)],
    )


def item_side(item: Any) -> Side:
    """An incoming record (e.g. a handback list item): names as the other side wrote them."""
    if item is None:
        return Side(kind=_("incoming record"), title="—")
    home = getattr(item, "home_area", None)
    year, month = getattr(item, "birth_year", None), getattr(item, "birth_month", None)
    birth = f"{year:04d}" if year else ""
    if birth and month:
        birth += f"-{month:02d}"
    parent = getattr(item, "handback_list", None)
    return Side(
        kind=_("incoming record"),
        title=f"{parent} · {getattr(item, 'ref', item.pk)}" if parent is not None else f"#{item.pk}",
        names=[(_system_label(name.get("system", "")), name.get("full", "")) for name in getattr(item, "names", [])],
        sex=str(dict(Sex.choices).get(getattr(item, "sex", ""), "")),
        birth=birth,
        home_area=f"{home.name} ({home.code})" if home is not None else "",
    )


def sides_of(candidate: LinkCandidate, user: Any) -> tuple[Side, Side]:
    left = person_side(candidate.left, user)
    if candidate.right is not None:
        return left, person_side(candidate.right, user)
    return left, item_side(candidate.foreign_record)
