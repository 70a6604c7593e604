"""Writes: recording aggregate submissions and moving them up the approval hierarchy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, check_permission, not_found
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition
from yalu.core.models import Agency, User
from yalu.statistics.definitions import DEFINITIONS
from yalu.statistics.models import (
    AggregateSubmission,
    Qualifier,
    ReportingObligation,
    SubmissionEvent,
    SubmissionStatus,
)
from yalu.statistics.periods import parse_period

S = SubmissionStatus

# from → to → the permission the move needs
TRANSITIONS: dict[str, dict[str, str]] = {
    S.SUBMITTED: {
        S.APPROVED: "statistics.approve_aggregatesubmission",
        S.RETURNED: "statistics.approve_aggregatesubmission",
    },
    S.APPROVED: {
        S.ACCEPTED: "statistics.accept_aggregatesubmission",
        S.RETURNED: "statistics.accept_aggregatesubmission",
    },
    S.RETURNED: {S.SUBMITTED: "statistics.add_aggregatesubmission"},
    S.ACCEPTED: {},
}


def check_breakdown(indicator: str, breakdown: str) -> str:
    breakdown = breakdown.strip()
    if not breakdown:
        return ""
    dimension, sep, value = breakdown.partition(":")
    allowed = DEFINITIONS[indicator].breakdowns
    if not sep or not value.strip() or dimension.strip() not in allowed:
        raise ValidationError(
            {
                "breakdown": _("%(breakdown)s is not a breakdown of %(indicator)s (allowed: %(allowed)s).")
                % {
                    "breakdown": breakdown,
                    "indicator": indicator,
                    "allowed": ", ".join(f"{name}:…" for name in allowed) or "—",
                }
            }
        )
    return f"{dimension.strip()}:{value.strip()}"


def check_submission(
    *, indicator: str, breakdown: str, period: str, value: Any, qualifier: str, source: str
) -> dict[str, Any]:
    """The clean values of a submission, or a ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {"indicator": indicator.strip(), "qualifier": (qualifier or Qualifier.EXACT).strip()}
    if clean["indicator"] not in DEFINITIONS:
        errors["indicator"] = _("Unknown indicator: %(code)s.") % {"code": indicator}
    else:
        try:
            clean["breakdown"] = check_breakdown(clean["indicator"], breakdown)
        except ValidationError as error:
            errors["breakdown"] = error.message_dict["breakdown"][0]
    try:
        clean["period_start"], clean["period_end"] = parse_period(period)
        clean["period"] = period.strip()
    except ValueError as error:
        errors["period"] = str(error)
    try:
        number = float(value)
        if number < 0 or number != number:
            raise ValueError
        definition = DEFINITIONS.get(clean["indicator"])
        if definition is not None and definition.counts_persons and not number.is_integer():
            raise ValueError
        clean["value"] = number
    except (TypeError, ValueError):
        errors["value"] = _("The value must be a non-negative number (a whole number for counts): %(value)s.") % {
            "value": value
        }
    if clean["qualifier"] not in Qualifier.values:
        errors["qualifier"] = _("The qualifier must be exact, about or minimum.")
    if not source.strip():
        errors["source"] = _("Say where the figure comes from.")
    clean["source"] = source.strip()[:300]
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def record_submission(
    *,
    acting_user: User | None,
    indicator: str,
    area: Area,
    period: str,
    value: Any,
    source: str,
    breakdown: str = "",
    qualifier: str = Qualifier.EXACT,
    note: str = "",
    sender: Agency | None = None,
    import_batch_id: str = "",
    ref: str = "",
    supersedes: AggregateSubmission | None = None,
) -> AggregateSubmission:
    """Record a reported figure (status submitted); `supersedes` makes it the correction of an earlier one."""
    if acting_user is not None:
        check_permission(acting_user, "statistics.add_aggregatesubmission")
        if not area_in_scope(acting_user, area):
            raise ValidationError({"area": _("The area %(code)s is outside your jurisdiction.") % {"code": area.code}})
    clean = check_submission(
        indicator=indicator, breakdown=breakdown, period=period, value=value, qualifier=qualifier, source=source
    )
    if supersedes is not None and AggregateSubmission.objects.filter(supersedes=supersedes).exists():
        raise ValidationError({"supersedes": _("That submission has already been corrected.")})
    submission = AggregateSubmission.objects.create(
        **clean,
        area=area,
        note=note,
        sender=sender or (acting_user.agency if acting_user is not None else None),
        submitted_by=acting_user,
        import_batch_id=str(import_batch_id or ""),
        ref=ref,
        supersedes=supersedes,
        status_changed_at=timezone.now(),
    )
    SubmissionEvent.objects.create(submission=submission, actor=acting_user, to_status=S.SUBMITTED)
    record_audit(
        actor=acting_user,
        action="create",
        target=submission,
        detail={"indicator": submission.indicator, "area": area.code, "period": submission.period},
    )
    return submission


def allowed_transitions(user: Any, submission: AggregateSubmission) -> list[str]:
    """The statuses `user` may move `submission` to now."""
    if not area_in_scope(user, submission.area):
        return []
    return [
        status for status, permission in TRANSITIONS.get(submission.status, {}).items() if user.has_perm(permission)
    ]


@transaction.atomic
def transition_submission(
    *, acting_user: User, submission: AggregateSubmission, to_status: str, reason: str = ""
) -> AggregateSubmission:
    """Approve, accept, return (with a reason) or resubmit; InvalidTransition when the table does not allow it."""
    submission = AggregateSubmission.objects.select_for_update().select_related("area").get(pk=submission.pk)
    if not area_in_scope(acting_user, submission.area):
        raise not_found(acting_user, object_type="statistics.aggregatesubmission", object_id=submission.pk, exists=True)
    allowed = TRANSITIONS.get(submission.status, {})
    if to_status not in allowed:
        raise InvalidTransition(current=submission.status, requested=to_status)
    if not acting_user.has_perm(allowed[to_status]):
        raise PermissionDenied(allowed[to_status])
    if to_status == S.RETURNED and not reason.strip():
        raise ValidationError({"reason": _("Say why the submission is returned.")})
    previous = submission.status
    submission.status = to_status
    submission.status_changed_at = timezone.now()
    submission.save(update_fields=["status", "status_changed_at"])
    SubmissionEvent.objects.create(
        submission=submission, actor=acting_user, from_status=previous, to_status=to_status, reason=reason.strip()
    )
    record_audit(
        actor=acting_user,
        action="update",
        target=submission,
        detail={"from": previous, "to": to_status, "reason": reason.strip()},
    )
    return submission


@transaction.atomic
def set_reporting_obligation(
    *, acting_user: User | None, sender: Agency, indicator: str, area: Area, period: str, due_on: Any
) -> ReportingObligation:
    """Say that `sender` owes `indicator` for `area` and `period` by `due_on` (idempotent: the due date is updated)."""
    if acting_user is not None:
        check_permission(acting_user, "statistics.add_reportingobligation")
    if indicator not in DEFINITIONS:
        raise ValidationError({"indicator": _("Unknown indicator: %(code)s.") % {"code": indicator}})
    try:
        start, end = parse_period(period)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error
    obligation, _created = ReportingObligation.objects.update_or_create(
        sender=sender,
        indicator=indicator,
        area=area,
        period=period.strip(),
        defaults={"period_start": start, "period_end": end, "due_on": due_on},
    )
    record_audit(actor=acting_user, action="update", target=obligation, detail={"due_on": str(due_on)})
    return obligation


@transaction.atomic
def record_period_figures(
    *,
    acting_user: User,
    area: Area,
    period: str,
    source: str,
    figures: dict[str, tuple[Any, str]],
    note: str = "",
) -> list[AggregateSubmission]:
    """A unit's figures for one area and period, entered together: all recorded, or none (errors by indicator)."""
    if not figures:
        raise ValidationError({"__all__": _("Enter at least one figure.")})
    errors: dict[str, list[str]] = {}
    recorded = []
    for code, (value, qualifier) in figures.items():
        try:
            with transaction.atomic():
                recorded.append(
                    record_submission(
                        acting_user=acting_user,
                        indicator=code,
                        area=area,
                        period=period,
                        value=value,
                        qualifier=qualifier,
                        source=source,
                        note=note,
                    )
                )
        except ValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            for field, field_messages in messages.items():
                key = field if field in ("area", "period", "source") else code
                errors.setdefault(key, []).extend(field_messages)
    if errors:
        raise ValidationError(errors)
    return recorded
