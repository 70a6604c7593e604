"""Every indicator of spec/indicators.md: its code, name and definition (zh, ko, en through gettext).

This is a stable interface: reports, exports and snapshots look indicators up here by code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    name: Promise | str
    definition: Promise | str
    counts_persons: bool
    breakdowns: tuple[str, ...]
    source_kind: str  # "ledger" | "permits" | "remains" | "rations"


def _define(
    code: str,
    name: Promise,
    definition: Promise,
    *,
    source_kind: str,
    counts_persons: bool = True,
    breakdowns: tuple[str, ...] = (),
) -> IndicatorDefinition:
    return IndicatorDefinition(code, name, definition, counts_persons, breakdowns, source_kind)


_ALL = [
    # Crossings and outcomes: a cohort of the persons whose crossing was detected in the period.
    _define(
        "crossing.detected",
        _("Crossings detected"),
        _("Crossing-detected events in the period, counted where they were detected."),
        source_kind="ledger",
    ),
    _define(
        "crossing.persons",
        _("Persons crossing"),
        _("Distinct persons among the crossings detected in the period (repeat crossers make this smaller)."),
        source_kind="ledger",
    ),
    _define(
        "return.persuaded",
        _("Persuaded to return"),
        _("Of the persons crossing in the period: last known as persuaded to return, at the report date."),
        source_kind="ledger",
    ),
    _define(
        "return.voluntary",
        _("Returned on their own"),
        _("Of the persons crossing in the period: returned on their own after reaching the other side."),
        source_kind="ledger",
    ),
    _define(
        "return.handed_back",
        _("Handed back"),
        _("Of the persons crossing in the period: handed back by the other state, as confirmed by our units."),
        source_kind="ledger",
    ),
    _define(
        "return.total",
        _("Returned (all ways)"),
        _(
            "Of the persons crossing in the period: returned by any of the three ways, handed back included; "
            "reported by sources that do not split them."
        ),
        source_kind="ledger",
    ),
    _define(
        "return.handed_back_claimed",
        _("Handed back (claimed by the other state)"),
        _("Persons on the other state's handback lists dated in the period."),
        source_kind="ledger",
    ),
    _define(
        "abroad.remaining",
        _("Remaining abroad"),
        _("Of the persons crossing in the period: last known as abroad at the report date."),
        source_kind="ledger",
    ),
    _define(
        "death.crossing",
        _("Died crossing"),
        _("Of the persons crossing in the period: died."),
        source_kind="ledger",
    ),
    _define(
        "crossing.unaccounted",
        _("Unaccounted for"),
        _("Persons crossing minus those persuaded, returned on their own, handed back, remaining abroad or dead."),
        source_kind="ledger",
    ),
    _define(
        "abroad.stock",
        _("Abroad (all)"),
        _("Persons with a home area in the area who are abroad at the end of the period, whenever they left."),
        source_kind="ledger",
    ),
    # Deaths at the border
    _define(
        "remains.found",
        _("Remains found"),
        _("Remains found in the period, by where they were found; broken down by river and by nationality."),
        source_kind="remains",
        breakdowns=("river", "nationality"),
    ),
    _define(
        "remains.identified",
        _("Remains identified"),
        _("Of the remains found in the period: identified (confirmed) by the report date."),
        source_kind="remains",
        breakdowns=("river", "nationality"),
    ),
    # Letters, applications, reunification
    _define(
        "letter.received",
        _("Authorization letters received"),
        _("Authorization letters received in the period by offices in the area."),
        source_kind="permits",
    ),
    _define(
        "application.filed",
        _("Applications filed"),
        _("Travel applications filed in the period at offices in the area."),
        source_kind="permits",
        breakdowns=("purpose",),
    ),
    _define(
        "application.approved",
        _("Applications approved"),
        _("Approvals made in the period, whenever the application was filed."),
        source_kind="permits",
    ),
    _define(
        "application.denied",
        _("Applications denied"),
        _("Denials made in the period, whenever the application was filed."),
        source_kind="permits",
        breakdowns=("reason",),
    ),
    _define(
        "application.withdrawn",
        _("Applications withdrawn"),
        _("Withdrawals made in the period, whenever the application was filed."),
        source_kind="permits",
    ),
    _define(
        "application.pending",
        _("Applications pending"),
        _("Applications without a decision at the end of the period."),
        source_kind="permits",
    ),
    _define(
        "application.overdue",
        _("Applications overdue"),
        _("Of the applications pending at the end of the period: filed more than the service standard before it."),
        source_kind="permits",
    ),
    _define(
        "application.days_to_decision",
        _("Days to decision"),
        _(
            "Days from filing to decision, for approvals and denials made in the period: "
            "the median and the 90th percentile (nearest rank)."
        ),
        source_kind="permits",
        counts_persons=False,
    ),
    _define(
        "departure.legal",
        _("Legal departures"),
        _("Legal-departure events in the period."),
        source_kind="permits",
    ),
    _define(
        "reunification.requested",
        _("Reunification requested"),
        _("Persons named in the other state's reunification requests."),
        source_kind="permits",
    ),
    _define(
        "reunification.travelled",
        _("Reunification: travelled"),
        _("Persons of reunification requests who have travelled, at the report date."),
        source_kind="permits",
    ),
    _define(
        "reunification.pending",
        _("Reunification: pending"),
        _("Persons of reunification requests still pending at the report date."),
        source_kind="permits",
    ),
    _define(
        "reunification.declined",
        _("Reunification: declined"),
        _("Persons of reunification requests declined, at the report date."),
        source_kind="permits",
    ),
    # Rations
    _define(
        "ration.population",
        _("Ration population"),
        _("Persons covered by ration entitlements."),
        source_kind="rations",
    ),
    _define(
        "ration.entitled",
        _("Grain entitled"),
        _("Catties of grain stipulated for the period."),
        source_kind="rations",
        counts_persons=False,
    ),
    _define(
        "ration.delivered",
        _("Grain delivered"),
        _("Catties of grain delivered in the period."),
        source_kind="rations",
        counts_persons=False,
    ),
    _define(
        "ration.delivery_rate",
        _("Delivery rate"),
        _("Grain delivered divided by grain entitled."),
        source_kind="rations",
        counts_persons=False,
    ),
    _define(
        "ration.outflow_rate",
        _("Outflow rate"),
        _("Persons crossing with a home area in the unit divided by the ration population."),
        source_kind="rations",
        counts_persons=False,
    ),
]

DEFINITIONS: dict[str, IndicatorDefinition] = {definition.code: definition for definition in _ALL}

# Figures that add up over areas and over periods (cohorts of persons do not: a repeat crosser counts
# once in the year and once in each month they crossed).
ADDITIVE = frozenset(
    {
        "crossing.detected",
        "return.handed_back_claimed",
        "remains.found",
        "letter.received",
        "application.filed",
        "application.approved",
        "application.denied",
        "application.withdrawn",
        "departure.legal",
        "ration.entitled",
        "ration.delivered",
    }
)


def definition_of(code: str) -> IndicatorDefinition:
    """The definition of `code`; KeyError naming the code otherwise."""
    try:
        return DEFINITIONS[code]
    except KeyError:
        raise KeyError(f"unknown indicator {code!r}") from None
