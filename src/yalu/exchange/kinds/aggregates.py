"""`aggregates`: figures reported by any unit, written as aggregate submissions (`record_submission`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError

from yalu.areas.models import Area
from yalu.exchange.kinds import CheckContext, Kind, WriteContext, Written, register
from yalu.exchange.rows import RowError, RowProblems, ValueProblem
from yalu.exchange.scratch import Scratch, StagedRow
from yalu.statistics.actions import check_submission, record_submission
from yalu.statistics.imports import AGGREGATES_LABEL, duplicate_cell_message
from yalu.statistics.models import AggregateSubmission


class Aggregates(Kind):
    name = "aggregates"
    label = AGGREGATES_LABEL
    required = frozenset({"indicator", "area", "period", "value", "source"})
    optional = frozenset({"breakdown", "qualifier", "note"})
    fact_columns = ("cell",)
    permission = "statistics.add_aggregatesubmission"

    def check_row(self, values: dict[str, str], context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        problems: list[ValueProblem] = []
        clean: dict[str, Any] = {"note": values.get("note", "")}
        if values.get("area"):
            try:
                info = context.areas.area(values["area"], "area")
                clean["area_id"], clean["area_code"] = info.id, info.code
            except ValueProblem as problem:
                problems.append(problem)
        try:
            checked = check_submission(
                indicator=values.get("indicator", ""),
                breakdown=values.get("breakdown", ""),
                period=values.get("period", ""),
                value=values.get("value", ""),
                qualifier=values.get("qualifier", "") or "exact",
                source=values.get("source", ""),
            )
            clean.update(
                {key: checked[key] for key in ("indicator", "breakdown", "period", "value", "qualifier", "source")}
            )
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                problems += [ValueProblem("invalid", message, column) for message in messages]
        if problems:
            raise RowProblems(problems)
        cell = "|".join([clean["indicator"], clean["breakdown"], clean["area_code"], clean["period"]])
        return clean, {"cell": cell}

    def cross_check(self, scratch: Scratch, context: CheckContext) -> list[RowError]:
        """One figure per cell (indicator, breakdown, area, period) in a file: two would contradict each other."""
        scratch.index("cell")
        return [
            RowError(row, "value", "duplicate_cell", duplicate_cell_message(first))
            for row, first in scratch.iterate(
                "SELECT row, first FROM (SELECT r.row AS row, "
                "(SELECT MIN(f.row) FROM rows f WHERE f.cell = r.cell AND f.ok = 1) AS first "
                "FROM rows r WHERE r.ok = 1) WHERE row != first ORDER BY row"
            )
        ]

    def _record(self, row: StagedRow, context: WriteContext, supersedes: AggregateSubmission | None) -> Written:
        clean = row.clean
        submission = record_submission(
            acting_user=context.user,
            indicator=clean["indicator"],
            breakdown=clean["breakdown"],
            area=Area.objects.get(pk=clean["area_id"]),
            period=clean["period"],
            value=clean["value"],
            qualifier=clean["qualifier"],
            source=clean["source"],
            note=clean["note"],
            sender=context.sender,
            import_batch_id=str(context.batch_id),
            ref=row.ref,
            supersedes=supersedes,
        )
        return Written(targets={"submission": submission.pk})

    def write_new(self, rows: Sequence[StagedRow], context: WriteContext) -> list[Written]:
        return [self._record(row, context, None) for row in rows]

    def write_correction(self, row: StagedRow, previous_targets: dict[str, Any], context: WriteContext) -> Written:
        previous = AggregateSubmission.objects.get(pk=previous_targets["submission"])
        return self._record(row, context, previous)


register(Aggregates())
