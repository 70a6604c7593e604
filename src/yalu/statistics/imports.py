"""What the `aggregates` import kind says, kept here so the statistics app's catalog translates it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

AGGREGATES_LABEL = gettext_lazy("aggregates")


def duplicate_cell_message(first_row: int) -> str:
    return _("Row %(first)s already gives this figure (same indicator, breakdown, area and period).") % {
        "first": first_row
    }
