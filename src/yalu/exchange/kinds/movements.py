"""`movements`: our border units' and offices' events, written to the ledger (`append_events`, `correct_event`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yalu.exchange.kinds import CheckContext, Kind, RowsRefused, WriteContext, Written, register
from yalu.exchange.models import ImportedRow, SenderPersonRef
from yalu.exchange.persons import PersonRequest, resolve_persons
from yalu.exchange.rows import RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.exchange.values import PERSON_COLUMNS, parse_date, parse_ref, person_block
from yalu.ledger.actions import EventInput, append_event_ids, correct_event
from yalu.ledger.models import OUTCOME_TYPES, EventType, MovementEvent

# the ledger's field names, as the file's columns
LEDGER_FIELDS = {
    "event_type": "event",
    "related_event": "related_ref",
    "person": "person_ref",
    "occurred_precision": "occurred_on",
    "supersedes": "ref",
    "correction_reason": "ref",
}
RELATABLE = (EventType.CROSSING_DETECTED,)
EVENTS = frozenset(EventType.values)


class Movements(Kind):
    name = "movements"
    label = gettext_lazy("movements")
    required = frozenset({"event", "occurred_on", "area"})
    optional = frozenset({"sector", "unit", "related_ref", "group_ref", "note"}) | PERSON_COLUMNS
    fact_columns = ("event", "start", "end", "related_ref", "person_ref", "has_name")
    permission = "ledger.add_movementevent"
    # crossings before the outcomes that name them, so the outcome finds its crossing's event
    write_order = "related_ref != '', row"

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {}
        event = values.get("event", "").strip().lower()
        if event and event not in EVENTS:
            problems.append(
                ValueProblem(
                    "invalid_choice",
                    _("Unknown event: %(event)s. Use one of: %(choices)s.")
                    % {"event": event, "choices": ", ".join(EventType.values)},
                    "event",
                )
            )
        clean["event"] = event
        occurred = None
        if values.get("occurred_on"):
            try:
                occurred = parse_date(values["occurred_on"], "occurred_on")
                clean["occurred"] = [occurred.start.isoformat(), occurred.end.isoformat(), occurred.precision]
            except ValueProblem as problem:
                problems.append(problem)
        for column, parse in (("area", context.areas.area), ("sector", context.areas.sector)):
            if values.get(column):
                try:
                    info = parse(values[column], column)
                    clean[f"{column}_id"] = info.id
                    if column == "area":
                        clean["home_fallback_id"] = info.county_id or info.id
                except ValueProblem as problem:
                    problems.append(problem)
        for column in ("related_ref", "group_ref"):
            try:
                clean[column] = parse_ref(values.get(column, ""), column)
            except ValueProblem as problem:
                problems.append(problem)
        if clean.get("related_ref") and event in EVENTS and event not in OUTCOME_TYPES:
            problems.append(
                ValueProblem(
                    "not_an_outcome",
                    _("Only an outcome of a crossing names the crossing it belongs to."),
                    "related_ref",
                )
            )
        clean["unit"] = values.get("unit", "")[:128]
        clean["note"] = values.get("note", "")
        person, person_problems = person_block(values, context.areas, context.source)
        problems += person_problems
        clean["person"] = person
        if not person["names"] and not person["person_ref"] and not any(p.code == "invalid_name" for p in problems):
            problems.append(
                ValueProblem("no_name", _("Give at least one name column, or a person_ref already known."), "full_name")
            )
        if occurred is not None and person["birth"] and occurred.end.isoformat() < person["birth"][0]:
            problems.append(
                ValueProblem("before_birth", _("The event is dated before the person's birth."), "occurred_on")
            )
        if problems:
            raise RowProblems(problems)
        facts = {
            "event": event,
            "start": clean["occurred"][0],
            "end": clean["occurred"][1],
            "related_ref": clean["related_ref"],
            "person_ref": person["person_ref"],
            "has_name": "1" if person["names"] else "",
        }
        return clean, facts

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        scratch.index("related_ref", "person_ref")
        errors = self._check_related(scratch, context)
        for row, death_row, died in scratch.query(
            "SELECT r.row, d.row, d.end FROM rows r JOIN rows d ON d.person_ref = r.person_ref AND d.event = 'died' "
            "AND d.row != r.row AND d.ok = 1 WHERE r.ok = 1 AND r.person_ref != '' AND r.event != 'died' "
            "AND r.start > d.end ORDER BY r.row"
        ):
            errors.append(
                RowError(
                    row,
                    "occurred_on",
                    "after_death",
                    _("The person died (row %(row)s, %(date)s) before this date.") % {"row": death_row, "date": died},
                )
            )
        unnamed = scratch.query(
            "SELECT row, person_ref FROM rows r WHERE ok = 1 AND has_name = '' AND person_ref != '' AND NOT EXISTS "
            "(SELECT 1 FROM rows n WHERE n.person_ref = r.person_ref AND n.has_name = '1')"
        )
        known = set(
            SenderPersonRef.objects.filter(
                sender=context.sender, person_ref__in={ref for _row, ref in unnamed}
            ).values_list("person_ref", flat=True)
        )
        errors += [
            RowError(
                row,
                "person_ref",
                "unknown_person",
                _("The person_ref %(ref)s is not known yet: give the person's name.") % {"ref": ref},
            )
            for row, ref in unnamed
            if ref not in known
        ]
        return errors

    def _check_related(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        join = (
            "FROM rows r LEFT JOIN rows t ON t.row = (SELECT MIN(row) FROM rows WHERE ref = r.related_ref) "
            "WHERE r.ok = 1 AND r.related_ref != ''"
        )
        outside = [ref for (ref,) in scratch.query(f"SELECT DISTINCT r.related_ref {join} AND t.row IS NULL")]
        stored: dict[str, dict[str, Any]] = {}
        for start in range(0, len(outside), 500):
            stored.update(
                ImportedRow.objects.filter(
                    sender=context.sender, kind=self.name, is_current=True, ref__in=outside[start : start + 500]
                ).values_list("ref", "facts")
            )
        errors = []
        for row, ref, end, target, event, target_start, target_ok in scratch.iterate(
            f"SELECT r.row, r.related_ref, r.end, t.row, t.event, t.start, t.ok {join} ORDER BY r.row"
        ):
            if target is None:
                if ref not in stored:
                    errors.append(
                        RowError(
                            row,
                            "related_ref",
                            "unknown_reference",
                            _("No movements row with ref %(ref)s from this sender, in Yalu or in this file.")
                            % {"ref": ref},
                        )
                    )
                    continue
                event, target_start = stored[ref].get("event", ""), stored[ref].get("start", "")
            elif not target_ok:
                errors.append(
                    RowError(
                        row,
                        "related_ref",
                        "reference_in_error",
                        _("The row it refers to (row %(row)s) has errors.") % {"row": target},
                    )
                )
                continue
            if event not in RELATABLE:
                errors.append(
                    RowError(
                        row, "related_ref", "not_a_crossing", _("The row %(ref)s is not a crossing.") % {"ref": ref}
                    )
                )
            elif target_start and end < target_start:
                errors.append(
                    RowError(
                        row,
                        "occurred_on",
                        "before_related",
                        _("The outcome is dated before the crossing it refers to (%(date)s).") % {"date": target_start},
                    )
                )
        return errors

    def _events(
        self, rows: Sequence[StagedRow], context: WriteContext, written: dict[str, int] | None = None
    ) -> list[EventInput]:
        person_ids = resolve_persons(
            sender=context.sender,
            user=context.user,
            batch_id=context.batch_id,
            requests=[PersonRequest(row.row, row.clean["person"], row.clean["home_fallback_id"]) for row in rows],
            on_created=context.on_created,
        )
        related_refs = {row.clean["related_ref"] for row in rows if row.clean["related_ref"]}
        related: dict[str, int] = dict(written or {})
        for ref, targets in ImportedRow.objects.filter(
            sender=context.sender, kind=self.name, is_current=True, ref__in=related_refs - set(related)
        ).values_list("ref", "targets"):
            related[ref] = targets.get("event")
        events = []
        for row, person_id in zip(rows, person_ids, strict=True):
            start, _end, precision = row.clean["occurred"]
            related_ref = row.clean["related_ref"]
            if related_ref and related_ref not in related:
                raise ValidationError(
                    {"related_ref": _("The crossing %(ref)s was not written.") % {"ref": related_ref}}
                )
            events.append(
                EventInput(
                    person_id=person_id,
                    event_type=row.clean["event"],
                    occurred_on=datetime.date.fromisoformat(start),
                    occurred_precision=precision,
                    area_id=row.clean["area_id"],
                    sector_id=row.clean.get("sector_id"),
                    unit=row.clean["unit"],
                    related_event_id=related[related_ref] if related_ref else None,
                    group_ref=row.clean["group_ref"][:64],
                    note=row.clean["note"],
                    sender_id=context.sender.pk,
                    source_ref=row.ref,
                    import_batch_id=context.batch_id,
                )
            )
        return events

    @staticmethod
    def _written(row: StagedRow, event_id: int, person_id: int) -> Written:
        start, end, _precision = row.clean["occurred"]
        return Written(
            targets={"event": event_id, "person": person_id},
            facts={"event": row.clean["event"], "start": start, "end": end},
        )

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        """Crossings first, then the outcomes, which may name a crossing written a moment before."""
        results: dict[int, Written] = {}
        written: dict[str, int] = {}
        positions = {row.row: position for position, row in enumerate(rows)}
        for phase in ([r for r in rows if not r.clean["related_ref"]], [r for r in rows if r.clean["related_ref"]]):
            if not phase:
                continue
            events = self._events(phase, context, written)
            try:
                recorded = append_event_ids(acting_user=context.user, events=events)
            except ValidationError as error:
                by_index = getattr(error, "by_index", None)
                if by_index:
                    raise RowsRefused({positions[phase[i].row]: fields for i, fields in by_index.items()}) from error
                raise
            for row, event, event_id in zip(phase, events, recorded, strict=True):
                results[row.row] = self._written(row, event_id, event.person_id)
                written[row.ref] = event_id
        return [results[row.row] for row in rows]

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        (replacement,) = self._events([row], context)
        event = MovementEvent.objects.get(pk=previous_targets["event"])
        corrected = correct_event(
            acting_user=context.user,
            event=event,
            replacement=replacement,
            reason=_("Corrected by the sender's file (import %(batch)s, row %(row)s).")
            % {"batch": context.batch_id, "row": row.row},
        )
        return self._written(row, corrected.pk, corrected.person_id)

    def column_of(self, field: str) -> str:
        return LEDGER_FIELDS.get(field, field)


register(Movements())
