"""`reunification_requests`: persons the other state's ministry asks us to let join relatives abroad
(`yalu.permits.reunification.record_request`); one row a person, the rows of one request share `request_ref`."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yalu.areas.models import Area
from yalu.exchange.kinds import CheckContext, Kind, WriteContext, Written, register
from yalu.exchange.rows import RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import PERSON_COLUMNS, birth_parts, parse_date, parse_ref, person_block
from yalu.permits.corrections import correct_item
from yalu.permits.imports import in_domain, write_each
from yalu.permits.models import ReunificationItem
from yalu.permits.reunification import ItemInput, record_request


class ReunificationRequests(Kind):
    name = "reunification_requests"
    label = gettext_lazy("reunification requests")
    required = frozenset({"request_ref", "requested_on"})
    optional = frozenset({"requested_by", "relative_abroad", "relation"}) | PERSON_COLUMNS
    fact_columns = ("request_ref", "requested_on", "requested_by")
    write_order = "request_ref, row"
    group_column = "request_ref"

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {}
        try:
            clean["request_ref"] = parse_ref(values.get("request_ref", ""), "request_ref")
        except ValueProblem as problem:
            problems.append(problem)
        if values.get("requested_on"):
            try:
                clean["requested_on"] = parse_date(values["requested_on"], "requested_on").start.isoformat()
            except ValueProblem as problem:
                problems.append(problem)
        for column in ("requested_by", "relative_abroad", "relation"):
            clean[column] = values.get(column, "").strip()[:200]
        person, person_problems = person_block(values, context.areas, context.source)
        problems += person_problems
        clean["person"] = person
        if not person["names"] and not any(p.code == "invalid_name" for p in problems):
            problems.append(ValueProblem("no_name", _("Name the person requested."), "full_name"))
        if problems:
            raise RowProblems(problems)
        return clean, {
            "request_ref": clean["request_ref"],
            "requested_on": clean["requested_on"],
            "requested_by": clean["requested_by"],
        }

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        """All rows of one request agree on its date and author (its first row says what the request is)."""
        scratch.index("request_ref")
        errors = []
        for column in ("requested_on", "requested_by"):
            for row, value, first, first_value in scratch.iterate(
                f"SELECT r.row, r.{column}, f.row, f.{column} FROM rows r "  # noqa: S608
                "JOIN rows f ON f.row = (SELECT MIN(row) FROM rows WHERE request_ref = r.request_ref) "
                f"WHERE r.ok = 1 AND r.row != f.row AND r.{column} != f.{column} ORDER BY r.row"
            ):
                errors.append(
                    RowError(
                        row,
                        column,
                        "request_disagrees",
                        _("The request's first row (row %(row)s) says “%(first)s”, this one “%(value)s”.")
                        % {"row": first, "first": first_value, "value": value},
                    )
                )
        return errors

    @staticmethod
    def _item(row: StagedRow) -> ItemInput:
        person = row.clean["person"]
        by_system = {name["system"]: name["full"] for name in person["names"]}
        year, _month, _day = birth_parts(person["birth"])
        return ItemInput(
            ref=row.ref,
            name=person["names"][0]["full"],
            name_hangul=by_system.get("hangul", ""),
            name_hanzi=by_system.get("hanzi", ""),
            birth_year=year,
            sex=person["sex"] if person["sex"] != "U" else "",
            relative_abroad=row.clean["relative_abroad"],
            relation=row.clean["relation"],
            area=Area.objects.filter(pk=person["home_area_id"]).first() if person["home_area_id"] else None,
        )

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        area = _handling_area(context)

        def write_one(row: StagedRow) -> Written:
            request = record_request(
                acting_user=context.user,
                sender=context.sender,
                request_ref=row.clean["request_ref"],
                requested_on=datetime.date.fromisoformat(row.clean["requested_on"]),
                requested_by=row.clean["requested_by"],
                area=area,
                items=[self._item(row)],
            )
            item = request.items.order_by("-id").first()
            return Written(targets={"request": request.pk, "item": item.pk if item else None})

        return write_each(rows, write_one)

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        item = ReunificationItem.objects.get(pk=previous_targets["item"])
        corrected = in_domain(lambda: correct_item(acting_user=context.user, item=item, replacement=self._item(row)))
        return Written(targets={"request": corrected.request_id, "item": corrected.pk})


def _handling_area(context: WriteContext) -> Area:
    """Requests are handled where the importing user works (the whole country when the system imports)."""
    user = context.user
    if user is not None and user.jurisdiction is not None:
        return user.jurisdiction
    return Area.objects.get(code="CN")


register(ReunificationRequests())
