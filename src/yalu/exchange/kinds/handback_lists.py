"""`handback_lists`: the other state's lists of persons it handed back, kept as its claims (`record_handback_list`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yalu.exchange.kinds import CheckContext, Kind, WriteContext, Written, register
from yalu.exchange.rows import RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import PERSON_COLUMNS, birth_parts, parse_date, parse_ref, person_block
from yalu.ledger.actions import (
    HandbackItemInput,
    add_handback_items,
    correct_handback_item,
    record_handback_list,
)
from yalu.ledger.models import HandbackItem, HandbackList
from yalu.people.actions import NameInput


class HandbackLists(Kind):
    name = "handback_lists"
    label = gettext_lazy("handback lists")
    required = frozenset({"list_ref", "handed_over_on"})
    optional = frozenset({"crossing_point", "crossed_on", "note"}) | PERSON_COLUMNS
    fact_columns = ("list_ref", "handed_over_on", "crossing_point")
    permission = "ledger.add_handbacklist"
    write_order = "list_ref, row"
    group_column = "list_ref"

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {}
        try:
            clean["list_ref"] = parse_ref(values.get("list_ref", ""), "list_ref")
        except ValueProblem as problem:
            problems.append(problem)
        for column in ("handed_over_on", "crossed_on"):
            if values.get(column):
                try:
                    day = parse_date(values[column], column)
                    clean[column] = [day.start.isoformat(), day.end.isoformat(), day.precision]
                except ValueProblem as problem:
                    problems.append(problem)
        clean["crossing_point"] = values.get("crossing_point", "")[:128]
        clean["note"] = values.get("note", "")
        person, person_problems = person_block(values, context.areas, context.source)
        problems += person_problems
        clean["person"] = person
        if not person["names"] and not any(p.code == "invalid_name" for p in problems):
            problems.append(ValueProblem("no_name", _("Give at least one name column."), "full_name"))
        crossed, handed = clean.get("crossed_on"), clean.get("handed_over_on")
        if crossed and handed and crossed[0] > handed[1]:
            problems.append(
                ValueProblem("after_handover", _("The crossing is dated after the handover."), "crossed_on")
            )
        if crossed and person["birth"] and crossed[1] < person["birth"][0]:
            problems.append(
                ValueProblem("before_birth", _("The crossing is dated before the person's birth."), "crossed_on")
            )
        if problems:
            raise RowProblems(problems)
        facts = {
            "list_ref": clean["list_ref"],
            "handed_over_on": values.get("handed_over_on", ""),
            "crossing_point": clean["crossing_point"],
        }
        return clean, facts

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        """All rows of one list agree on the list's own columns (its first row says what the list is)."""
        scratch.index("list_ref")
        errors = []
        for column in ("handed_over_on", "crossing_point"):
            for row, value, first, first_value in scratch.iterate(
                f"SELECT r.row, r.{column}, f.row, f.{column} FROM rows r "  # noqa: S608
                "JOIN rows f ON f.row = (SELECT MIN(row) FROM rows WHERE list_ref = r.list_ref) "
                f"WHERE r.ok = 1 AND r.row != f.row AND r.{column} != f.{column} ORDER BY r.row"
            ):
                errors.append(
                    RowError(
                        row,
                        column,
                        "list_disagrees",
                        _("The list's first row (row %(row)s) says “%(first)s”, this one “%(value)s”.")
                        % {"row": first, "first": first_value, "value": value},
                    )
                )
        return errors

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        """New lists are recorded whole; new items of a list already recorded (a later file) are added to it."""
        lists: dict[str, list[StagedRow]] = {}
        for row in rows:
            lists.setdefault(row.clean["list_ref"], []).append(row)
        known = {
            handback_list.list_ref: handback_list
            for handback_list in HandbackList.objects.filter(sender=context.sender, list_ref__in=list(lists))
        }
        results: dict[int, Written] = {}
        for list_ref, items in lists.items():
            first = items[0].clean
            handback_list = known.get(list_ref)
            if handback_list is None:
                handback_list = record_handback_list(
                    acting_user=context.user,
                    sender=context.sender,
                    list_ref=list_ref,
                    handed_over_on=datetime.date.fromisoformat(first["handed_over_on"][0]),
                    crossing_point=first["crossing_point"],
                    note=first["note"],
                    items=[self._item(row) for row in items],
                    import_batch_id=context.batch_id,
                )
            else:
                _same_list(handback_list, first)
                add_handback_items(
                    acting_user=context.user,
                    handback_list=handback_list,
                    items=[self._item(row) for row in items],
                    import_batch_id=context.batch_id,
                )
            item_ids = dict(handback_list.items.values_list("ref", "id"))
            for row in items:
                results[row.row] = Written(
                    targets={"handback_list": handback_list.pk, "item": item_ids.get(row.ref)},
                    facts={"list_ref": list_ref},
                )
        return [results[row.row] for row in rows]

    @staticmethod
    def _item(row: StagedRow) -> HandbackItemInput:
        person = row.clean["person"]
        year, month, day = birth_parts(person["birth"])
        crossed = row.clean.get("crossed_on")
        return HandbackItemInput(
            ref=row.ref,
            names=tuple(
                NameInput(system=n["system"], full=n["full"], family=n["family"], given=n["given"], source=n["source"])
                for n in person["names"]
            ),
            sex=person["sex"],
            birth_year=year,
            birth_month=month,
            birth_day=day,
            nationality=person["nationality"],
            home_area_id=person["home_area_id"],
            person_ref=person["person_ref"],
            crossed_on=datetime.date.fromisoformat(crossed[0]) if crossed else None,
            note=row.clean["note"],
        )

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        """The sender corrected an item: it takes the new content and keeps the earlier one as a version."""
        item = HandbackItem.objects.select_related("handback_list").get(pk=previous_targets["item"])
        if item.handback_list.list_ref != row.clean["list_ref"]:
            raise ValidationError(
                {
                    "list_ref": _("The item %(ref)s belongs to list %(list)s; it cannot move to another list.")
                    % {"ref": row.ref, "list": item.handback_list.list_ref}
                }
            )
        _same_list(item.handback_list, row.clean)
        corrected = correct_handback_item(
            acting_user=context.user,
            item=item,
            replacement=self._item(row),
            reason=_("Corrected by the sender's file (import %(batch)s, row %(row)s).")
            % {"batch": context.batch_id, "row": row.row},
            import_batch_id=context.batch_id,
        )
        return Written(
            targets={"handback_list": item.handback_list_id, "item": corrected.pk},
            facts={"list_ref": row.clean["list_ref"]},
        )


def _same_list(handback_list: HandbackList, clean: dict[str, Any]) -> None:
    """A later row of a recorded list says the same of the list itself (its date and crossing point)."""
    handed_over_on = datetime.date.fromisoformat(clean["handed_over_on"][0])
    if handback_list.handed_over_on != handed_over_on:
        raise ValidationError(
            {
                "handed_over_on": _("The list %(ref)s was recorded as handed over on %(date)s.")
                % {"ref": handback_list.list_ref, "date": handback_list.handed_over_on.isoformat()}
            }
        )
    if handback_list.crossing_point != clean["crossing_point"].strip():
        raise ValidationError(
            {
                "crossing_point": _("The list %(ref)s was recorded with the crossing point “%(point)s”.")
                % {"ref": handback_list.list_ref, "point": handback_list.crossing_point}
            }
        )


register(HandbackLists())
