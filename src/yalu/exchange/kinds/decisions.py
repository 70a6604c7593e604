"""`decisions`: our offices' decisions on travel applications (`yalu.permits.actions.decide_application`).

`decided_by` is kept as written; when it is the username of a Yalu user, that user must be an approver whose
jurisdiction holds the application's office, exactly as when they decide on the page.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yalu.core.models import User
from yalu.exchange.kinds import CheckContext, Kind, WriteContext, Written, register
from yalu.exchange.rows import RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import parse_date, parse_ref
from yalu.permits.actions import decide_application
from yalu.permits.corrections import correct_decision
from yalu.permits.imports import in_domain, write_each
from yalu.permits.models import Decision, DenialReason, TravelApplication

FIELD_COLUMNS = {"decided_on": "decided_on", "denial_reason": "reason"}


class Decisions(Kind):
    name = "decisions"
    label = gettext_lazy("decisions on travel applications")
    required = frozenset({"application_ref", "decided_on", "decision"})
    optional = frozenset({"reason", "decided_by"})
    fact_columns = ("application_ref", "decided_on")

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {}
        try:
            clean["application_ref"] = parse_ref(values.get("application_ref", ""), "application_ref")
        except ValueProblem as problem:
            problems.append(problem)
        if values.get("decided_on"):
            try:
                clean["decided_on"] = parse_date(values["decided_on"], "decided_on").start.isoformat()
            except ValueProblem as problem:
                problems.append(problem)
        decision = values.get("decision", "").strip().lower()
        reason = values.get("reason", "").strip()
        if decision and decision not in Decision.values:
            problems.append(
                ValueProblem(
                    "invalid_choice",
                    _("Unknown decision: %(value)s. Use one of: %(choices)s.")
                    % {"value": decision, "choices": ", ".join(Decision.values)},
                    "decision",
                )
            )
        elif decision == Decision.DENIED and not reason:
            problems.append(ValueProblem("required", _("A denial needs a reason."), "reason"))
        elif reason and reason not in _reasons(context):
            problems.append(
                ValueProblem(
                    "invalid_choice",
                    _("The reason %(code)s is not in the list: %(codes)s.")
                    % {"code": reason, "codes": ", ".join(sorted(_reasons(context)))},
                    "reason",
                )
            )
        clean.update(decision=decision, reason=reason, decided_by=values.get("decided_by", "").strip()[:200])
        if problems:
            raise RowProblems(problems)
        return clean, {"application_ref": clean["application_ref"], "decided_on": clean["decided_on"]}

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        scratch.index("application_ref")
        rows = scratch.query("SELECT row, application_ref, decided_on FROM rows WHERE ok = 1 ORDER BY row")
        applications = {
            ref: (filed_on, path, decided)
            for ref, filed_on, path, decided in TravelApplication.objects.filter(
                sender=context.sender, source_ref__in={ref for _row, ref, _on in rows}
            ).values_list("source_ref", "filed_on", "office__path", "decision")
        }
        errors: list[RowError] = []
        seen: dict[str, int] = {}
        for row, ref, decided_on in rows:
            found = applications.get(ref)
            if found is None:
                errors.append(
                    RowError(
                        row,
                        "application_ref",
                        "unknown_reference",
                        _("No application %(ref)s from this sender in Yalu.") % {"ref": ref},
                    )
                )
                continue
            filed_on, path, _decided = found
            if decided_on < filed_on.isoformat():
                errors.append(
                    RowError(
                        row,
                        "decided_on",
                        "before_filing",
                        _("The decision is dated before the application was filed (%(date)s).") % {"date": filed_on},
                    )
                )
            if context.areas.scope is None or not path.startswith(context.areas.scope):
                errors.append(
                    RowError(
                        row,
                        "application_ref",
                        "out_of_jurisdiction",
                        _("The application %(ref)s is outside your jurisdiction.") % {"ref": ref},
                    )
                )
            if ref in seen:
                errors.append(
                    RowError(
                        row,
                        "application_ref",
                        "duplicate_decision",
                        _("The application %(ref)s is already decided in row %(row)s.")
                        % {"ref": ref, "row": seen[ref]},
                    )
                )
            seen.setdefault(ref, row)
        return errors

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        def write_one(row: StagedRow) -> Written:
            clean = row.clean
            application = TravelApplication.objects.get(sender=context.sender, source_ref=clean["application_ref"])
            decided = decide_application(
                acting_user=context.user,
                application=application,
                decision=clean["decision"],
                decided_on=datetime.date.fromisoformat(clean["decided_on"]),
                reason=clean["reason"],
                decided_by=User.objects.filter(username=clean["decided_by"]).first() if clean["decided_by"] else None,
                decided_by_name=clean["decided_by"],
                decision_ref=row.ref,
            )
            return Written(targets={"application": decided.pk})

        return write_each(rows, write_one)

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        clean = row.clean
        application = TravelApplication.objects.get(pk=previous_targets["application"])
        if application.source_ref != clean["application_ref"]:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"application_ref": _("A decision cannot be moved to another application; withdraw it instead.")}
            )
        corrected = in_domain(
            lambda: correct_decision(
                acting_user=context.user,
                application=application,
                decision=clean["decision"],
                decided_on=datetime.date.fromisoformat(clean["decided_on"]),
                reason=clean["reason"],
                decided_by_name=clean["decided_by"],
            )
        )
        return Written(targets={"application": corrected.pk})

    def column_of(self, field: str) -> str:
        return FIELD_COLUMNS.get(field, field)


def _reasons(context: CheckContext) -> set[str]:
    cached = getattr(context, "_permits_reasons", None)
    if cached is None:
        cached = set(DenialReason.objects.filter(active=True).values_list("code", flat=True))
        context._permits_reasons = cached  # type: ignore[attr-defined]
    return cached


register(Decisions())
