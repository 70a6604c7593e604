"""Checks shared by the forms, the API and the importers, so every entry point refuses the same things."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.areas.models import Area
from yalu.core.access import area_in_scope
from yalu.permits.models import Decision, DenialReason, Purpose

EARLIEST = datetime.date(1850, 1, 1)


class Problems:
    """Errors by field, raised together as one ValidationError."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def check_date(problems: Problems, field: str, value: datetime.date | None, *, required: bool = True) -> None:
    if value is None:
        if required:
            problems.add(field, _("This date is required."))
        return
    if value < EARLIEST:
        problems.add(field, _("A date before 1850 is not plausible."))
    if value > timezone.localdate():
        problems.add(field, _("This date is in the future."))


def check_office(problems: Problems, acting_user: Any, field: str, area: Area | None) -> None:
    if area is None:
        problems.add(field, _("Unknown area."))
        return
    if area.state != "CN":
        problems.add(field, _("The area %(code)s is not one of our offices.") % {"code": area.code})
    if acting_user is not None and not area_in_scope(acting_user, area):
        problems.add(field, _("The area %(code)s is outside your jurisdiction.") % {"code": area.code})


def check_purpose(problems: Problems, purpose: str) -> None:
    if purpose not in Purpose.values:
        problems.add(
            "purpose",
            _("Unknown purpose %(value)s: use one of %(choices)s.")
            % {"value": purpose, "choices": ", ".join(Purpose.values)},
        )


def denial_reason(problems: Problems, decision: str, code: str) -> DenialReason | None:
    """The reason a decision needs (denials only), or a problem naming the codes in use."""
    if decision not in Decision.values:
        problems.add(
            "decision",
            _("Unknown decision %(value)s: use one of %(choices)s.")
            % {"value": decision, "choices": ", ".join(Decision.values)},
        )
        return None
    code = code.strip()
    if not code:
        if decision == Decision.DENIED:
            problems.add("reason", _("A denial needs a reason."))
        return None
    reason = DenialReason.objects.filter(code=code, active=True).first()
    if reason is None:
        codes = ", ".join(DenialReason.objects.filter(active=True).values_list("code", flat=True))
        problems.add("reason", _("The reason %(code)s is not in the list: %(codes)s.") % {"code": code, "codes": codes})
    return reason
