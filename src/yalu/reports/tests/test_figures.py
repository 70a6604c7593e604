"""Where the numbers come from: the monthly series in one query gives what `yalu.statistics` gives month by month."""

from __future__ import annotations

import datetime

from yalu.areas.models import Area
from yalu.reports.definitions import months_of
from yalu.reports.figures import LiveFigures, evaluate
from yalu.reports.freezing import frozen_source, snapshot_figures
from yalu.reports.tests.conftest import crossing_with_outcome

AS_OF = datetime.date(1962, 3, 31)


def test_crossings_by_month_match_the_statistics_month_by_month(crossings) -> None:
    # given a repeat crosser in Yanji in March (two crossings, one person)
    crossing_with_outcome("222401", datetime.date(1961, 3, 20), None)
    area = Area.objects.get(code="222400")
    months = months_of(datetime.date(1961, 1, 1), datetime.date(1961, 12, 31))

    # when the series is taken in one query
    series = LiveFigures(user=None, as_of=AS_OF).monthly(area, months, "crossing.detected")

    # then each month is what statistics computes for that month alone (0 where it has no crossing)
    for (first, last), figure in zip(months, series, strict=True):
        alone = evaluate(None, area=area, period_start=first, period_end=last, as_of=AS_OF, codes=["crossing.detected"])
        assert figure.computed == (alone["crossing.detected"].computed or 0), first
    assert [figure.computed for figure in series][:3] == [2, 2, 5]


def test_the_series_is_frozen_and_read_back_as_it_was(crossings) -> None:
    area = Area.objects.get(code="222405")
    months = months_of(datetime.date(1961, 1, 1), datetime.date(1961, 12, 31))
    live = LiveFigures(user=None, as_of=AS_OF)
    live.figures(area, months[0][0], months[-1][1], ["crossing.detected"])
    series = live.monthly(area, months, "crossing.detected")

    figures, _sources = snapshot_figures(live, area=area, period_start=months[0][0], period_end=months[-1][1])
    frozen = frozen_source(figures, area=area, period_start=months[0][0], period_end=months[-1][1], as_of=AS_OF)

    assert [f.computed for f in frozen.monthly(area, months, "crossing.detected")] == [f.computed for f in series]
    assert figures["crossing.detected@222405#1961-03-01/1961-03-31"]["computed"] == 2
