"""Checks shared by the forms, the API and the importers, so every entry point refuses the same things."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.names import InvalidName, name_keys

EARLIEST_YEAR = 1850


def check_birth_date(year: int | None, month: int | None, day: int | None) -> None:
    if year is None:
        if month or day:
            raise ValidationError({"birth_date": _("A month or day needs a year.")})
        return
    today = timezone.localdate()
    if year < EARLIEST_YEAR:
        raise ValidationError(
            {"birth_date": _("A birth year before %(year)s is not plausible.") % {"year": EARLIEST_YEAR}}
        )
    if day and not month:
        raise ValidationError({"birth_date": _("A day needs a month.")})
    if month is not None and not 1 <= month <= 12:
        raise ValidationError({"birth_date": _("The month must be between 1 and 12.")})
    if day is not None and month:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValidationError({"birth_date": _("That month has no day %(day)s.") % {"day": day}})
    earliest = datetime.date(year, month or 1, day or 1)
    if earliest > today:
        raise ValidationError({"birth_date": _("The birth date is in the future.")})


def parse_birth_date(text: str) -> tuple[int | None, int | None, int | None]:
    """`1931`, `1931-05` or `1931-05-14` → (year, month, day); empty → (None, None, None)."""
    text = text.strip()
    if not text:
        return None, None, None
    parts = text.split("-")
    if len(parts) > 3 or not all(part.isdigit() for part in parts) or len(parts[0]) != 4:
        raise ValidationError({"birth_date": _("Write the date as 1931, 1931-05 or 1931-05-14.")})
    numbers = [int(part) for part in parts] + [0, 0]
    year, month, day = numbers[0], numbers[1] or None, numbers[2] or None
    check_birth_date(year, month, day)
    return year, month, day


def check_name(full: str, field: str = "full") -> None:
    try:
        name_keys(full)
    except InvalidName as error:
        raise ValidationError({field: str(error)}) from error
