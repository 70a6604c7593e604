"""Periods: reading them (the ledger's parser, one grammar for the whole project) and splitting them into parts."""

from __future__ import annotations

import calendar
import datetime

from yalu.ledger.periods import parse_period

__all__ = ["parse_period", "previous_period", "sub_periods"]

Part = tuple[str, datetime.date, datetime.date]


def _month(year: int, month: int) -> Part:
    last = calendar.monthrange(year, month)[1]
    return f"{year}-{month:02d}", datetime.date(year, month, 1), datetime.date(year, month, last)


def _quarter(year: int, quarter: int) -> Part:
    first_month = 3 * quarter - 2
    return (
        f"{year}-Q{quarter}",
        datetime.date(year, first_month, 1),
        _month(year, first_month + 2)[2],
    )


def sub_periods(start: datetime.date, end: datetime.date) -> list[list[Part]]:
    """The ways a year or a quarter splits into parts, coarsest first: a year into quarters, then months."""
    if start.month == 1 and start.day == 1 and end == datetime.date(start.year, 12, 31):
        return [
            [_quarter(start.year, quarter) for quarter in range(1, 5)],
            [_month(start.year, month) for month in range(1, 13)],
        ]
    if start.day == 1 and start.month % 3 == 1 and end == _month(start.year, start.month + 2)[2]:
        return [[_month(start.year, start.month + offset) for offset in range(3)]]
    return []


def previous_period(text: str) -> str:
    """The period before a year, quarter or month (`1961` → `1960`, `1961-Q1` → `1960-Q4`); a range keeps its length."""
    start, end = parse_period(text)
    value = text.strip().upper()
    if len(value) == 4:
        return str(start.year - 1)
    if "-Q" in value:
        quarter = (start.month - 1) // 3 + 1
        return f"{start.year - 1}-Q4" if quarter == 1 else f"{start.year}-Q{quarter - 1}"
    if len(value) == 7:
        return f"{start.year - 1}-12" if start.month == 1 else f"{start.year}-{start.month - 1:02d}"
    length = end - start
    new_end = start - datetime.timedelta(days=1)
    return f"{(new_end - length).isoformat()}/{new_end.isoformat()}"
