"""The column types every kind shares: dates with precision, areas and sectors, sex, nationality, the person block."""

from __future__ import annotations

import calendar
import datetime
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.areas.models import Area, AreaKind
from yalu.core.access import jurisdiction_path
from yalu.exchange.rows import RowProblems, ValueProblem
from yalu.names import detect_script
from yalu.people.actions import NameInput, name_fields
from yalu.people.models import NameSystem

EARLIEST_YEAR = 1850
PERSON_COLUMNS = frozenset(
    {
        "person_ref",
        "family_name",
        "given_name",
        "full_name",
        "name_hangul",
        "name_hanzi",
        "name_latin",
        "sex",
        "birth_date",
        "nationality",
        "home_area",
    }
)
NAME_COLUMNS = ("full_name", "family_name", "given_name", "name_hangul", "name_hanzi", "name_latin")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_REF = 128


@dataclass(frozen=True)
class PreciseDate:
    """A date known to the year, month or day: `start` is its first possible day, `end` its last."""

    start: datetime.date
    end: datetime.date
    precision: str

    @property
    def text(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


def parse_date(text: str, column: str) -> PreciseDate:
    """A date of the file: 1961, 1961-07 or 1961-07-14, or a ValueProblem saying what is wrong with it."""
    result = _parse_date(text.strip(), _today())
    if isinstance(result, PreciseDate):
        return result
    code, message = _date_problem(text.strip(), result)
    raise ValueProblem(code, message, column)


_TODAY: list[Any] = [None, 0.0]


def _today() -> datetime.date:
    """Today's date, looked up at most once a minute: a file has as many dates as rows."""
    now = time.monotonic()
    if _TODAY[0] is None or now - _TODAY[1] > 60:
        _TODAY[:] = [timezone.localdate(), now]
    return cast(datetime.date, _TODAY[0])


@lru_cache(maxsize=16384)
def _parse_date(text: str, today: datetime.date) -> PreciseDate | str:
    """The date, or the code of what is wrong with it; dates recur in a file, so each is parsed once."""
    match = _DATE.match(text)
    if not match:
        return "invalid_date"
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day is not None:
            start = end = datetime.date(year, int(month or 0), int(day))
            precision = "day"
        elif month is not None:
            start = datetime.date(year, int(month), 1)
            end = start.replace(day=calendar.monthrange(year, int(month))[1])
            precision = "month"
        else:
            start, end, precision = datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"
    except ValueError:
        return "no_such_date"
    if year < EARLIEST_YEAR:
        return "date_too_early"
    if start > today:
        return "future_date"
    return PreciseDate(start, end, precision)


def _date_problem(text: str, problem: str) -> tuple[str, str]:
    """The code and message of a date's problem, in the active language."""
    if problem == "invalid_date":
        return problem, _("Write the date as 1961, 1961-07 or 1961-07-14.")
    if problem == "no_such_date":
        return "invalid_date", _("There is no such date: %(date)s.") % {"date": text}
    if problem == "date_too_early":
        return problem, _("A date before %(year)s is not plausible.") % {"year": EARLIEST_YEAR}
    return problem, _("The date is in the future.")


def parse_sex(text: str) -> str:
    value = text.strip().upper() or "U"
    if value not in ("M", "F", "U"):
        raise ValueProblem("invalid_choice", _("Sex must be M, F or U."), "sex")
    return value


def parse_nationality(text: str) -> str:
    value = text.strip().upper()
    if value not in ("", "CN", "KP"):
        raise ValueProblem("invalid_choice", _("Nationality must be CN, KP or empty."), "nationality")
    return value


def parse_ref(text: str, column: str) -> str:
    value = text.strip()
    if len(value) > MAX_REF:
        raise ValueProblem("too_long", _("A reference has at most %(n)s characters.") % {"n": MAX_REF}, column)
    return value


@dataclass(frozen=True)
class AreaInfo:
    id: int
    code: str
    kind: str
    path: str
    county_id: int | None


class AreaTable:
    """The area table, read once per import, and the importing user's jurisdiction."""

    def __init__(self, user: Any) -> None:
        self.by_code = {
            code: AreaInfo(pk, code, kind, path, county_id)
            for pk, code, kind, path, county_id in Area.objects.values_list("pk", "code", "kind", "path", "county_id")
        }
        self.scope = jurisdiction_path(user) if user is not None else "/"

    def area(self, text: str, column: str) -> AreaInfo:
        info = self.by_code.get(text.strip())
        if info is None:
            raise ValueProblem("unknown_area", _("Unknown area code: %(code)s.") % {"code": text.strip()}, column)
        if self.scope is None or not (self.scope == "/" or info.path.startswith(self.scope)):
            raise ValueProblem(
                "out_of_jurisdiction",
                _("The area %(code)s is outside your jurisdiction.") % {"code": info.code},
                column,
            )
        return info

    def sector(self, text: str, column: str) -> AreaInfo:
        info = self.area(text, column)
        if info.kind != AreaKind.SECTOR:
            raise ValueProblem("not_a_sector", _("%(code)s is not a border sector.") % {"code": info.code}, column)
        return info


@lru_cache(maxsize=32768)
def _system_of(text: str) -> str:
    script = detect_script(text)
    if script == "hangul":
        return NameSystem.HANGUL
    if script == "hanzi":
        return NameSystem.HANZI
    return NameSystem.OTHER_LATIN


def name_inputs(values: dict[str, str], source: str) -> list[tuple[str, NameInput]]:
    """The person block's names, each with the column it came from."""
    names: list[tuple[str, NameInput]] = []
    family, given = values.get("family_name", ""), values.get("given_name", "")
    if family or given:
        names.append(("family_name", NameInput(_system_of(family + given), family=family, given=given, source=source)))
    full = values.get("full_name", "")
    if full:
        names.append(("full_name", NameInput(_system_of(full), full=full, source=source)))
    for column, system in (
        ("name_hangul", NameSystem.HANGUL),
        ("name_hanzi", NameSystem.HANZI),
        ("name_latin", NameSystem.OTHER_LATIN),
    ):
        if values.get(column):
            names.append((column, NameInput(str(system), full=values[column], source=source)))
    return names


@lru_cache(maxsize=32768)
def _keyed(system: str, full: str, family: str, given: str, source: str) -> tuple[tuple[str, Any], ...] | str:
    """One name keyed (or the reason it cannot be); common names recur, so each is keyed once per process."""
    try:
        fields, keys = name_fields(NameInput(system, full=full, family=family, given=given, source=source))
    except ValidationError as error:
        return "; ".join(error.messages)
    return (*fields.items(), ("keys", tuple(keys)))


def keyed_names(values: dict[str, str], source: str) -> list[dict[str, Any]]:
    """Names with their match keys computed once, here; the writer stores them as they are."""
    result = _keyed_block(tuple(values.get(column, "") for column in NAME_COLUMNS), source)
    if isinstance(result, RowProblems):
        raise RowProblems(list(result.problems))
    return [dict(fields) for fields in result]


@lru_cache(maxsize=32768)
def _keyed_block(names: tuple[str, ...], source: str) -> tuple[dict[str, Any], ...] | RowProblems:
    """A row's name columns keyed; the same names recur across rows (one person's crossing and outcome)."""
    values = dict(zip(NAME_COLUMNS, names, strict=True))
    keyed = []
    problems = []
    for column, name in name_inputs(values, source):
        result = _keyed(name.system, name.full, name.family, name.given, name.source)
        if isinstance(result, str):
            problems.append(ValueProblem("invalid_name", result, column))
            continue
        fields = dict(result)
        fields["keys"] = list(fields["keys"])
        keyed.append(fields)
    if problems:
        return RowProblems(problems)
    return tuple(keyed)


def person_block(values: dict[str, str], areas: AreaTable, source: str) -> tuple[dict[str, Any], list[ValueProblem]]:
    """The person block checked and normalised: (clean values, problems)."""
    problems: list[ValueProblem] = []
    person: dict[str, Any] = {"person_ref": "", "names": [], "sex": "U", "nationality": "", "home_area_id": None}
    person["birth"] = None
    try:
        person["person_ref"] = parse_ref(values.get("person_ref", ""), "person_ref")
    except ValueProblem as problem:
        problems.append(problem)
    try:
        person["names"] = keyed_names(values, source)
    except RowProblems as error:
        problems.extend(error.problems)
    for column, parse in (("sex", parse_sex), ("nationality", parse_nationality)):
        try:
            person[column] = parse(values.get(column, ""))
        except ValueProblem as problem:
            problems.append(problem)
    if values.get("birth_date"):
        try:
            birth = parse_date(values["birth_date"], "birth_date")
            person["birth"] = [birth.start.isoformat(), birth.end.isoformat(), birth.precision]
        except ValueProblem as problem:
            problems.append(problem)
    if values.get("home_area"):
        try:
            person["home_area_id"] = areas.area(values["home_area"], "home_area").id
        except ValueProblem as problem:
            problems.append(problem)
    return person, problems


def birth_parts(birth: list[str] | None) -> tuple[int | None, int | None, int | None]:
    if not birth:
        return None, None, None
    start, _end, precision = birth
    day = datetime.date.fromisoformat(start)
    return (
        day.year,
        day.month if precision in ("month", "day") else None,
        day.day if precision == "day" else None,
    )
