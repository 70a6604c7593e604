"""Writes of permits: letters, applications and their state machine, departures into the ledger.

Every write: keyword-only arguments, acting_user, one transaction, an audit row. Importers, pages and the
API call these same functions (acting_user None is the system itself, e.g. the demo loader).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yalu.areas.models import Area
from yalu.core.access import area_in_scope, check_permission
from yalu.core.audit import record_audit
from yalu.core.errors import InvalidTransition
from yalu.core.models import Agency, User
from yalu.people.models import Person
from yalu.permits.matching import match_person
from yalu.permits.models import (
    ApplicationStatus,
    ApplicationTransition,
    AuthorizationLetter,
    Decision,
    DenialReason,
    MatchStatus,
    TravelApplication,
)
from yalu.permits.reunification import track_persons
from yalu.permits.validation import Problems, check_date, check_office, check_purpose, denial_reason

S = ApplicationStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    # a decision taken on a filed application passes review implicitly (imports report only the decision)
    S.FILED: frozenset({S.UNDER_REVIEW, S.APPROVED, S.DENIED, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.APPROVED, S.DENIED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.DEPARTED, S.EXPIRED}),
}
DECISIONS = frozenset({S.APPROVED, S.DENIED, S.WITHDRAWN})


class AlreadyDecided(InvalidTransition):
    """Someone else decided the application first (two approvers at the same moment)."""

    def __init__(self, *, current: str, requested: str, decided_on: datetime.date | None) -> None:
        super().__init__(current=current, requested=requested)
        self.args = (
            _("This application was already decided (%(decision)s on %(date)s).")
            % {"decision": current, "date": decided_on or "?"},
        )


@dataclass(frozen=True)
class LetterInput:
    number: str
    issued_on: datetime.date | None
    issued_by: str
    received_on: datetime.date | None
    received_by: Area | None
    invitee_name: str
    valid_until: datetime.date | None = None
    invitee: Person | None = None
    invitee_birth_year: int | None = None
    inviter_name: str = ""
    inviter_relation: str = ""
    inviter_address: str = ""
    sender: Agency | None = None
    import_batch_id: uuid.UUID | None = None


def check_letter(acting_user: User | None, letter: LetterInput, *, existing: AuthorizationLetter | None = None) -> None:
    problems = Problems()
    if not letter.number.strip():
        problems.add("number", _("A letter needs its number."))
    elif (
        AuthorizationLetter.objects.filter(number=letter.number.strip())
        .exclude(pk=existing.pk if existing else 0)
        .exists()
    ):
        message = _("A letter with the number %(number)s is already recorded.")
        problems.add("number", message % {"number": letter.number})
    if not letter.issued_by.strip():
        problems.add("issued_by", _("Say who issued the letter."))
    if not letter.invitee_name.strip() and letter.invitee is None:
        problems.add("invitee_name", _("Name the invitee."))
    check_date(problems, "issued_on", letter.issued_on)
    check_date(problems, "received_on", letter.received_on)
    check_date(problems, "valid_until", letter.valid_until, required=False)
    if letter.received_by is None:
        problems.add("received_by", _("Unknown area: the letter must be received by one of our offices."))
    else:
        check_office(problems, acting_user, "received_by", letter.received_by)
    if letter.issued_on and letter.received_on and letter.received_on < letter.issued_on:
        problems.add("received_on", _("A letter cannot be received before it was issued."))
    if letter.issued_on and letter.valid_until and letter.valid_until < letter.issued_on:
        problems.add("valid_until", _("A letter cannot expire before it was issued."))
    problems.raise_if_any()


def _letter_values(letter: LetterInput) -> dict[str, Any]:
    match_status, candidate, invitee = MatchStatus.NONE, None, letter.invitee
    if invitee is not None:
        match_status = MatchStatus.CERTAIN
    else:
        found = match_person([letter.invitee_name], letter.invitee_birth_year)
        if found.status == MatchStatus.CERTAIN:
            match_status, invitee = MatchStatus.CERTAIN, found.person
        elif found.status == MatchStatus.LIKELY:
            match_status, candidate = MatchStatus.LIKELY, found.person
    return {
        "number": letter.number.strip(),
        "sender": letter.sender,
        "issued_on": letter.issued_on,
        "issued_by": letter.issued_by.strip(),
        "valid_until": letter.valid_until,
        "received_on": letter.received_on,
        "received_by": letter.received_by,
        "invitee": invitee,
        "invitee_name": letter.invitee_name.strip() or (invitee.display_name if invitee else ""),
        "invitee_match": match_status,
        "invitee_candidate": candidate,
        "inviter_name": letter.inviter_name.strip(),
        "inviter_relation": letter.inviter_relation.strip(),
        "inviter_address": letter.inviter_address.strip(),
        "import_batch_id": letter.import_batch_id,
    }


@transaction.atomic
def record_letter(*, acting_user: User | None, letter: LetterInput) -> AuthorizationLetter:
    if acting_user is not None:
        check_permission(acting_user, "permits.add_authorizationletter")
    check_letter(acting_user, letter)
    row = AuthorizationLetter.objects.create(**_letter_values(letter), created_by=acting_user)
    if row.invitee_id is not None and row.received_on is not None:
        track_persons(acting_user=acting_user, person_ids=[row.invitee_id], on=row.received_on)
    record_audit(actor=acting_user, action="create", target=row, detail={"number": row.number})
    return row


@transaction.atomic
def correct_letter(
    *, acting_user: User | None, letter: AuthorizationLetter, replacement: LetterInput
) -> AuthorizationLetter:
    """A corrected version of a letter (the import machinery keeps the earlier version of the row)."""
    if acting_user is not None:
        check_permission(acting_user, "permits.add_authorizationletter")
    check_letter(acting_user, replacement, existing=letter)
    values = _letter_values(replacement)
    before = {field: str(getattr(letter, field)) for field in values}
    for field, value in values.items():
        setattr(letter, field, value)
    letter.save()
    after = {field: str(getattr(letter, field)) for field in values}
    changed = {field: [old, after[field]] for field, old in before.items() if old != after[field]}
    record_audit(actor=acting_user, action="update", target=letter, detail={"changes": changed})
    return letter


@dataclass(frozen=True)
class ApplicationInput:
    office: Area | None
    person: Person | None
    filed_on: datetime.date | None
    purpose: str
    letter: AuthorizationLetter | None = None
    group_ref: str = ""
    note: str = ""
    sender: Agency | None = None
    source_ref: str = ""
    import_batch_id: uuid.UUID | None = None


def death_date(person_id: int) -> datetime.date | None:
    """The first effective `died` event of the person in the ledger, if any."""
    from yalu.ledger.models import EventType, MovementEvent

    died = (
        MovementEvent.objects.filter(person_id=person_id, event_type=EventType.DIED, void=False)
        .filter(superseded_by__isnull=True)
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    return died


def check_application(acting_user: User | None, application: ApplicationInput) -> None:
    problems = Problems()
    check_office(problems, acting_user, "office", application.office)
    check_date(problems, "filed_on", application.filed_on)
    check_purpose(problems, application.purpose)
    if application.person is None:
        problems.add("person", _("Name the applicant."))
    elif application.filed_on is not None:
        died = death_date(application.person.pk)
        if died is not None and died <= application.filed_on:
            message = _("The applicant is recorded as dead (died %(date)s): no application can be filed.")
            problems.add("person", message % {"date": died})
    letter = application.letter
    if letter is not None and application.filed_on is not None and letter.received_on > application.filed_on:
        problems.add("letter_ref", _("The letter was received after the application was filed."))
    problems.raise_if_any()


@transaction.atomic
def file_application(*, acting_user: User | None, application: ApplicationInput) -> TravelApplication:
    if acting_user is not None:
        check_permission(acting_user, "permits.add_travelapplication")
    check_application(acting_user, application)
    if application.person is None or application.office is None or application.filed_on is None:
        raise ValidationError({"person": _("An application needs an applicant, an office and a filing date.")})
    row = TravelApplication.objects.create(
        office=application.office,
        person=application.person,
        filed_on=application.filed_on,
        purpose=application.purpose,
        letter=application.letter,
        group_ref=application.group_ref.strip(),
        note=application.note,
        sender=application.sender,
        source_ref=application.source_ref,
        import_batch_id=application.import_batch_id,
        created_by=acting_user,
    )
    ApplicationTransition.objects.create(
        application=row, from_status="", to_status=S.FILED, on=row.filed_on, actor=acting_user
    )
    track_persons(acting_user=acting_user, person_ids=[row.person_id], on=row.filed_on)
    record_audit(actor=acting_user, action="create", target=row, detail={"person": row.person_id})
    return row


@transaction.atomic
def file_group_application(
    *, acting_user: User | None, applications: list[ApplicationInput]
) -> list[TravelApplication]:
    """A family group: one application per person, sharing a group reference."""
    if not applications:
        raise ValidationError({"person": _("Name at least one applicant.")})
    group_ref = applications[0].group_ref or f"G-{uuid.uuid4().hex[:10]}"
    rows = []
    for application in applications:
        rows.append(
            file_application(
                acting_user=acting_user,
                application=ApplicationInput(**{**application.__dict__, "group_ref": group_ref}),
            )
        )
    return rows


def _check_decider(
    acting_user: User | None, application: TravelApplication, to_status: str, decided_by: User | None
) -> None:
    if decided_by is not None and acting_user is not None:
        check_permission(acting_user, "permits.change_travelapplication")
    decider = decided_by or acting_user
    if decider is None:
        return
    # approving and denying is the approver's; a withdrawal or a departure is recorded by the office (or an approver)
    permissions = ["permits.decide_travelapplication"]
    if to_status not in (S.APPROVED, S.DENIED):
        permissions.append("permits.change_travelapplication")
    if not any(decider.has_perm(permission) for permission in permissions):
        raise PermissionDenied(_("%(user)s may not do this.") % {"user": decider.get_username()})
    if not area_in_scope(decider, application.office):
        raise ValidationError(
            {
                "decided_by": _("%(user)s has no jurisdiction over the office %(code)s.")
                % {"user": decider.get_username(), "code": application.office.code}
            }
        )


@transaction.atomic
def transition_application(
    *,
    acting_user: User | None,
    application: TravelApplication,
    to_status: str,
    on: datetime.date,
    reason: str = "",
    note: str = "",
    decided_by: User | None = None,
    decided_by_name: str = "",
    decision_ref: str = "",
) -> TravelApplication:
    """The one way an application changes state; the row is locked so that concurrent deciders queue."""
    locked = TravelApplication.objects.select_for_update().select_related("office").get(pk=application.pk)
    if to_status not in S.values:
        raise ValidationError({"decision": _("Unknown status %(value)s.") % {"value": to_status}})
    _check_decider(acting_user, locked, to_status, decided_by)
    if to_status not in TRANSITIONS.get(locked.status, frozenset()):
        if to_status in DECISIONS and locked.decision:
            raise AlreadyDecided(current=locked.status, requested=to_status, decided_on=locked.decided_on)
        raise InvalidTransition(current=locked.status, requested=to_status)
    problems = Problems()
    check_date(problems, "decided_on", on)
    if on < locked.filed_on:
        message = _("The date %(date)s is before the filing (%(filed)s).")
        problems.add("decided_on", message % {"date": on, "filed": locked.filed_on})
    if locked.decided_on and to_status in (S.DEPARTED, S.EXPIRED) and on < locked.decided_on:
        message = _("The date %(date)s is before the approval (%(decided)s).")
        problems.add("decided_on", message % {"date": on, "decided": locked.decided_on})
    reason_row: DenialReason | None = None
    if to_status in DECISIONS:
        reason_row = denial_reason(problems, to_status, reason)
    problems.raise_if_any()
    previous = locked.status
    locked.status = to_status
    if to_status in DECISIONS:
        locked.decision = Decision(to_status)
        locked.decided_on = on
        locked.denial_reason = reason_row
        locked.decided_by = decided_by or (acting_user if to_status != S.WITHDRAWN else None)
        locked.decided_by_name = decided_by_name.strip()
        locked.decision_ref = decision_ref
    if to_status == S.DEPARTED:
        locked.departed_on = on
        locked.departure_event_id = _write_departure(acting_user, locked, on)
    locked.save()
    ApplicationTransition.objects.create(
        application=locked, from_status=previous, to_status=to_status, on=on, actor=acting_user, note=note
    )
    track_persons(acting_user=acting_user, person_ids=[locked.person_id], on=on)
    record_audit(
        actor=acting_user,
        action="update",
        target=locked,
        detail={"from": previous, "to": to_status, "on": on.isoformat(), "reason": reason},
    )
    return locked


def _write_departure(acting_user: User | None, application: TravelApplication, on: datetime.date) -> int:
    from yalu.ledger.actions import EventInput, append_events

    (event,) = append_events(
        acting_user=acting_user,
        events=[
            EventInput(
                person_id=application.person_id,
                event_type="legal_departure",
                occurred_on=on,
                occurred_precision="day",
                area_id=application.office_id,
                group_ref=application.group_ref,
                source_ref=f"permits:application:{application.pk}",
                note=_("Legal departure on an approved travel application."),
            )
        ],
    )
    return int(event.pk)


def decide_application(
    *,
    acting_user: User | None,
    application: TravelApplication,
    decision: str,
    decided_on: datetime.date,
    reason: str = "",
    note: str = "",
    decided_by: User | None = None,
    decided_by_name: str = "",
    decision_ref: str = "",
) -> TravelApplication:
    if decision not in Decision.values:
        message = _("Unknown decision %(value)s: use one of %(choices)s.")
        raise ValidationError({"decision": message % {"value": decision, "choices": ", ".join(Decision.values)}})
    return transition_application(
        acting_user=acting_user,
        application=application,
        to_status=decision,
        on=decided_on,
        reason=reason,
        note=note,
        decided_by=decided_by,
        decided_by_name=decided_by_name,
        decision_ref=decision_ref,
    )


def record_departure(
    *, acting_user: User | None, application: TravelApplication, departed_on: datetime.date
) -> TravelApplication:
    return transition_application(
        acting_user=acting_user, application=application, to_status=S.DEPARTED, on=departed_on
    )
