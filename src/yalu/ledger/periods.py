"""Periods as the exchange formats write them: `1961`, `1961-Q3`, `1962-01`, `1961-01-01/1962-03-31`."""

from __future__ import annotations

import calendar
import datetime
import re

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) of a period, both included; ValueError saying what is wrong otherwise."""
    value = text.strip()
    if match := _YEAR.match(value):
        year = int(match.group(1))
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if match := _QUARTER.match(value):
        year, quarter = int(match.group(1)), int(match.group(2))
        return datetime.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"period {value!r}: the month must be between 01 and 12")
        return datetime.date(year, month, 1), _month_end(year, month)
    if match := _RANGE.match(value):
        try:
            start = datetime.date.fromisoformat(match.group(1))
            end = datetime.date.fromisoformat(match.group(2))
        except ValueError as error:
            raise ValueError(f"period {value!r}: {error}") from error
        if end < start:
            raise ValueError(f"period {value!r}: the range ends before it starts")
        return start, end
    raise ValueError(f"period {value!r} is not one of 1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
