"""`applications`: travel applications filed at our offices (`yalu.permits.actions.file_application`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yalu.areas.models import Area
from yalu.exchange.kinds import CheckContext, Kind, WriteContext, Written, register
from yalu.exchange.persons import PersonRequest, resolve_persons
from yalu.exchange.rows import RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import PERSON_COLUMNS, parse_date, parse_ref, person_block
from yalu.people.models import Person
from yalu.permits.actions import ApplicationInput, file_application
from yalu.permits.corrections import correct_application
from yalu.permits.imports import in_domain, write_each
from yalu.permits.models import AuthorizationLetter, Purpose, TravelApplication

FIELD_COLUMNS = {"office": "area", "person": "full_name", "letter": "letter_ref"}


class Applications(Kind):
    name = "applications"
    label = gettext_lazy("travel applications")
    required = frozenset({"filed_on", "area", "purpose"})
    optional = frozenset({"letter_ref", "group_ref"}) | PERSON_COLUMNS
    fact_columns = ("letter_ref", "filed_on")

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {}
        if values.get("filed_on"):
            try:
                clean["filed_on"] = parse_date(values["filed_on"], "filed_on").start.isoformat()
            except ValueProblem as problem:
                problems.append(problem)
        try:
            office = context.areas.area(values.get("area", ""), "area")
            clean["office_id"] = office.id
            clean["home_fallback_id"] = office.county_id or office.id
        except ValueProblem as problem:
            problems.append(problem)
        purpose = values.get("purpose", "").strip().lower()
        if purpose and purpose not in Purpose.values:
            problems.append(
                ValueProblem(
                    "invalid_choice",
                    _("Unknown purpose: %(value)s. Use one of: %(choices)s.")
                    % {"value": purpose, "choices": ", ".join(Purpose.values)},
                    "purpose",
                )
            )
        clean["purpose"] = purpose
        for column in ("letter_ref", "group_ref"):
            try:
                clean[column] = parse_ref(values.get(column, ""), column)
            except ValueProblem as problem:
                problems.append(problem)
        person, person_problems = person_block(values, context.areas, context.source)
        problems += person_problems
        clean["person"] = person
        if not person["names"] and not person["person_ref"] and not any(p.code == "invalid_name" for p in problems):
            problems.append(
                ValueProblem("no_name", _("Name the applicant: give at least one name column."), "full_name")
            )
        if person["birth"] and clean.get("filed_on") and clean["filed_on"] < person["birth"][0]:
            problems.append(
                ValueProblem("before_birth", _("The application is filed before the applicant's birth."), "filed_on")
            )
        if problems:
            raise RowProblems(problems)
        return clean, {"letter_ref": clean["letter_ref"], "filed_on": clean["filed_on"]}

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        rows = scratch.query(
            "SELECT row, letter_ref, filed_on FROM rows WHERE ok = 1 AND letter_ref != '' ORDER BY row"
        )
        refs = {ref for _row, ref, _filed in rows}
        received = dict(AuthorizationLetter.objects.filter(number__in=refs).values_list("number", "received_on"))
        errors = []
        for row, ref, filed_on in rows:
            if ref not in received:
                errors.append(
                    RowError(
                        row,
                        "letter_ref",
                        "unknown_reference",
                        _("No authorization letter %(ref)s in Yalu.") % {"ref": ref},
                    )
                )
            elif received[ref].isoformat() > filed_on:
                errors.append(
                    RowError(
                        row,
                        "letter_ref",
                        "before_letter",
                        _("The application is filed before its letter was received (%(date)s).")
                        % {"date": received[ref]},
                    )
                )
        return errors

    def _inputs(self, rows: Sequence[StagedRow], context: WriteContext) -> list[ApplicationInput]:
        person_ids = resolve_persons(
            sender=context.sender,
            user=context.user,
            batch_id=context.batch_id,
            requests=[PersonRequest(row.row, row.clean["person"], row.clean["home_fallback_id"]) for row in rows],
            on_created=context.on_created,
        )
        persons = Person.objects.in_bulk(person_ids)
        offices = Area.objects.in_bulk({row.clean["office_id"] for row in rows})
        letters = {
            letter.number: letter
            for letter in AuthorizationLetter.objects.filter(number__in={row.clean["letter_ref"] for row in rows})
        }
        return [
            ApplicationInput(
                office=offices[row.clean["office_id"]],
                person=persons[person_id],
                filed_on=datetime.date.fromisoformat(row.clean["filed_on"]),
                purpose=row.clean["purpose"],
                letter=letters.get(row.clean["letter_ref"]),
                group_ref=row.clean["group_ref"][:64],
                sender=context.sender,
                source_ref=row.ref,
                import_batch_id=context.batch_id,
            )
            for row, person_id in zip(rows, person_ids, strict=True)
        ]

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        inputs = dict(zip((row.row for row in rows), self._inputs(rows, context), strict=True))

        def write_one(row: StagedRow) -> Written:
            application = file_application(acting_user=context.user, application=inputs[row.row])
            return Written(targets={"application": application.pk, "person": application.person_id})

        return write_each(rows, write_one)

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        (replacement,) = self._inputs([row], context)
        application = TravelApplication.objects.get(pk=previous_targets["application"])
        corrected = in_domain(
            lambda: correct_application(acting_user=context.user, application=application, replacement=replacement)
        )
        return Written(targets={"application": corrected.pk, "person": corrected.person_id})

    def column_of(self, field: str) -> str:
        return FIELD_COLUMNS.get(field, field)


register(Applications())
