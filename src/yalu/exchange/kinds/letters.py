"""`letters`: the other state's authorization letters, received by our offices (`permits.actions.record_letter`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yalu.areas.models import Area
from yalu.exchange.kinds import CheckContext, Kind, WriteContext, Written, register
from yalu.exchange.rows import RowProblems, ValueProblem
from yalu.exchange.scratch import StagedRow
from yalu.exchange.values import PERSON_COLUMNS, birth_parts, parse_date, person_block
from yalu.people.models import Person
from yalu.permits.actions import LetterInput, correct_letter, record_letter
from yalu.permits.imports import in_domain, write_each
from yalu.permits.models import AuthorizationLetter

DATES = ("issued_on", "valid_until", "received_on")
FIELD_COLUMNS = {"number": "ref", "invitee_name": "full_name", "invitee": "full_name"}


class Letters(Kind):
    name = "letters"
    label = gettext_lazy("authorization letters")
    required = frozenset({"issued_on", "issued_by", "received_on", "received_by"})
    optional = frozenset({"valid_until", "inviter_name", "inviter_relation", "inviter_address"}) | PERSON_COLUMNS

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {}
        for column in DATES:
            if values.get(column):
                try:
                    day = parse_date(values[column], column)
                    # valid until 1961-09 means to the end of September
                    clean[column] = (day.end if column == "valid_until" else day.start).isoformat()
                except ValueProblem as problem:
                    problems.append(problem)
        try:
            clean["received_by_id"] = context.areas.area(values.get("received_by", ""), "received_by").id
        except ValueProblem as problem:
            problems.append(problem)
        for column in ("issued_by", "inviter_name", "inviter_relation", "inviter_address"):
            clean[column] = values.get(column, "").strip()
        person, person_problems = person_block(values, context.areas, context.source)
        problems += person_problems
        clean["person"] = person
        if not person["names"] and not any(p.code == "invalid_name" for p in problems):
            problems.append(ValueProblem("no_name", _("Name the invitee: give at least one name column."), "full_name"))
        issued, received, valid = (clean.get(column) for column in DATES)
        if issued and received and received < issued:
            problems.append(
                ValueProblem("before_issue", _("The letter is received before it was issued."), "received_on")
            )
        if issued and valid and valid < issued:
            problems.append(ValueProblem("before_issue", _("The letter expires before it was issued."), "valid_until"))
        if problems:
            raise RowProblems(problems)
        return clean, {}

    def _letter(self, row: StagedRow, context: WriteContext) -> LetterInput:
        clean = row.clean
        person = clean["person"]
        year, _month, _day = birth_parts(person["birth"])
        names = [name["full"] for name in person["names"]]
        return LetterInput(
            number=row.ref,
            issued_on=datetime.date.fromisoformat(clean["issued_on"]),
            issued_by=clean["issued_by"],
            received_on=datetime.date.fromisoformat(clean["received_on"]),
            received_by=Area.objects.get(pk=clean["received_by_id"]),
            invitee_name=" / ".join(dict.fromkeys(names)),
            valid_until=datetime.date.fromisoformat(clean["valid_until"]) if clean.get("valid_until") else None,
            invitee=_known_person(context, person.get("person_ref", "")),
            invitee_birth_year=year,
            inviter_name=clean["inviter_name"],
            inviter_relation=clean["inviter_relation"],
            inviter_address=clean["inviter_address"],
            sender=context.sender,
            import_batch_id=context.batch_id,
        )

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        def write_one(row: StagedRow) -> Written:
            letter = record_letter(acting_user=context.user, letter=self._letter(row, context))
            return Written(targets={"letter": letter.pk, "person": letter.invitee_id})

        return write_each(rows, write_one)

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        letter = AuthorizationLetter.objects.get(pk=previous_targets["letter"])
        corrected = in_domain(
            lambda: correct_letter(acting_user=context.user, letter=letter, replacement=self._letter(row, context))
        )
        return Written(targets={"letter": corrected.pk, "person": corrected.invitee_id})

    def column_of(self, field: str) -> str:
        return FIELD_COLUMNS.get(field, field)


def _known_person(context: WriteContext, person_ref: str) -> Person | None:
    """The person this sender already named with this person_ref, if any."""
    if not person_ref:
        return None
    from yalu.exchange.models import SenderPersonRef

    link = (
        SenderPersonRef._default_manager.filter(sender=context.sender, person_ref=person_ref)
        .select_related("person")
        .first()
    )
    return link.person if link is not None else None


register(Letters())
