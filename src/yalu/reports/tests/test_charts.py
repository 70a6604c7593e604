"""Charts are SVG drawn in Python: labels in the page's language, withheld values drawn as no bar at all."""

from __future__ import annotations

from django.utils import translation

from yalu.reports.charts import bar_chart, funnel, stacked_bar
from yalu.reports.suppression import Mark
from yalu.reports.tables import Cell, Label, Series


def months(*values: int, withheld: tuple[int, ...] = ()) -> Series:
    points: list[tuple[Label, Cell]] = []
    for index, value in enumerate(values):
        cell = Cell(value)
        if index in withheld:
            cell.computed_mark = Mark.PRIMARY
        points.append((f"1961-{index + 1:02d}", cell))
    return Series("months", "Crossings detected, by month", points, Cell(sum(values)))


def test_a_bar_is_drawn_for_each_published_month_and_none_for_a_withheld_one() -> None:
    svg = bar_chart(months(120, 3, 80, withheld=(1,)))

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 2
    assert ">&lt;5</text>" in svg and ">120</text>" in svg and ">3<" not in svg


def test_chart_labels_follow_the_language() -> None:
    from yalu.reports.definitions import OUTCOME_COLUMNS

    for language, word in (("zh-hans", "劝返"), ("ko", "설득 귀환"), ("en", "persuaded to return")):
        with translation.override(language):
            points = [(column.label, Cell(10 + i)) for i, column in enumerate(OUTCOME_COLUMNS)]
            svg = stacked_bar(Series("outcomes", "t", points, Cell(100)))
            assert word in svg
    with translation.override("ko"):
        assert "Noto Sans CJK KR" in funnel(Series("funnel", "t", [("a", Cell(5)), ("b", Cell(2))]))


def test_text_in_a_chart_is_escaped() -> None:
    svg = funnel(Series("funnel", "<script>", [("<b>", Cell(5))]))

    assert "<script>" not in svg and "&lt;script&gt;" in svg
