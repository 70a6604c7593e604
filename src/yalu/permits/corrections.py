"""Corrections from a sender's later file: the row's earlier version stays with the import; the record is changed
here, audited with what changed, and its state machine history notes the correction."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.core.access import check_permission
from yalu.core.audit import record_audit
from yalu.core.models import User
from yalu.permits.actions import DECISIONS, ApplicationInput, check_application
from yalu.permits.models import ApplicationStatus, ApplicationTransition, Decision, ReunificationItem, TravelApplication
from yalu.permits.reunification import ItemInput
from yalu.permits.validation import Problems, check_date, denial_reason


def _changes(row: Any, values: dict[str, Any]) -> dict[str, list[str]]:
    changed = {}
    for field, value in values.items():
        old = getattr(row, field)
        if str(old) != str(value):
            changed[field] = [str(old), str(value)]
            setattr(row, field, value)
    return changed


@transaction.atomic
def correct_application(
    *, acting_user: User | None, application: TravelApplication, replacement: ApplicationInput
) -> TravelApplication:
    if acting_user is not None:
        check_permission(acting_user, "permits.change_travelapplication")
    check_application(acting_user, replacement)
    locked = TravelApplication.objects.select_for_update().get(pk=application.pk)
    if locked.decided_on and replacement.filed_on and replacement.filed_on > locked.decided_on:
        raise ValidationError(
            {
                "filed_on": _("The application was decided on %(date)s, before this filing date.")
                % {"date": locked.decided_on}
            }
        )
    changed = _changes(
        locked,
        {
            "office": replacement.office,
            "person": replacement.person,
            "filed_on": replacement.filed_on,
            "purpose": replacement.purpose,
            "letter": replacement.letter,
            "group_ref": replacement.group_ref.strip(),
        },
    )
    if changed:
        locked.save()
        record_audit(actor=acting_user, action="update", target=locked, detail={"correction": changed})
    return locked


@transaction.atomic
def correct_decision(
    *,
    acting_user: User | None,
    application: TravelApplication,
    decision: str,
    decided_on: datetime.date,
    reason: str = "",
    decided_by_name: str = "",
) -> TravelApplication:
    """Replace a recorded decision (its date, outcome or reason) as long as nothing followed an approval."""
    if acting_user is not None:
        check_permission(acting_user, "permits.decide_travelapplication")
    locked = TravelApplication.objects.select_for_update().get(pk=application.pk)
    problems = Problems()
    if locked.status not in DECISIONS:
        problems.add(
            "decision",
            _("The application is %(status)s: its decision can no longer be corrected.") % {"status": locked.status},
        )
    check_date(problems, "decided_on", decided_on)
    if decided_on < locked.filed_on:
        problems.add(
            "decided_on",
            _("The date %(date)s is before the filing (%(filed)s).") % {"date": decided_on, "filed": locked.filed_on},
        )
    reason_row = denial_reason(problems, decision, reason)
    problems.raise_if_any()
    previous = locked.status
    changed = _changes(
        locked,
        {
            "status": decision,
            "decision": Decision(decision),
            "decided_on": decided_on,
            "denial_reason": reason_row,
            "decided_by_name": decided_by_name.strip(),
        },
    )
    if changed:
        locked.save()
        ApplicationTransition.objects.create(
            application=locked,
            from_status=previous,
            to_status=decision,
            on=decided_on,
            actor=acting_user,
            note=_("correction of the decision"),
        )
        record_audit(actor=acting_user, action="update", target=locked, detail={"correction": changed})
    return locked


@transaction.atomic
def correct_item(*, acting_user: User | None, item: ReunificationItem, replacement: ItemInput) -> ReunificationItem:
    if acting_user is not None:
        check_permission(acting_user, "permits.change_reunificationrequest")
    locked = ReunificationItem.objects.select_for_update().get(pk=item.pk)
    changed = _changes(
        locked,
        {
            "name": (replacement.name or replacement.name_hangul or replacement.name_hanzi).strip(),
            "name_hangul": replacement.name_hangul.strip(),
            "name_hanzi": replacement.name_hanzi.strip(),
            "birth_year": replacement.birth_year,
            "sex": replacement.sex,
            "relative_abroad": replacement.relative_abroad.strip(),
            "relation": replacement.relation.strip(),
        },
    )
    if changed:
        locked.save()
        record_audit(actor=acting_user, action="update", target=locked, detail={"correction": changed})
    return locked


__all__ = ["ApplicationStatus", "correct_application", "correct_decision", "correct_item"]
