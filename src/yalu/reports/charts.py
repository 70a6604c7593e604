"""Charts as SVG strings, drawn here in Python so that the page and the PDF show the very same chart.

Labels are in the active language. A withheld value (a published chart) is drawn as no bar at all, with
its mark (`<5`, `x`) where the value would be: a bar's length would give the value away.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from yalu.reports.suppression import Mark
from yalu.reports.tables import Cell, Series, mark_text, number_text

PALETTE = ["#1f5f8b", "#4c956c", "#e0a458", "#8d6a9f", "#a12a2a", "#7a8793", "#2a9d8f"]
INK = "#1d2733"
MUTED = "#5b6877"


def font_family() -> str:
    language = (get_language() or "zh-hans").lower()
    first = "Noto Sans CJK KR" if language.startswith("ko") else "Noto Sans CJK SC"
    return f"{first}, Noto Sans CJK SC, Noto Sans CJK KR, sans-serif"


def _text(x: float, y: float, text: str, *, size: int = 11, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(font_family())}">'
        f"<title>{escape(title)}</title>"
    )
    return mark_safe(head + _text(0, 16, title, size=14) + "".join(body) + "</svg>")  # noqa: S308 (every text escaped)


def _value(cell: Cell) -> tuple[float | None, str]:
    """The length to draw (None: nothing) and the text to write for a cell."""
    value, mark = cell.shown_value, cell.shown_mark
    if value is None:
        return None, number_text(None)
    if mark is not Mark.PUBLISHED:
        return None, mark_text(mark)
    return float(value), number_text(value)


def bar_chart(series: Series, *, width: int = 640, height: int = 240) -> SafeString:
    """Vertical bars, one per point (crossings by month)."""
    top, bottom, left = 40, 30, 10
    drawn = [_value(cell) for _label, cell in series.points]
    largest = max([value for value, _text_ in drawn if value] or [1.0])
    slot = (width - left) / max(1, len(series.points))
    plot = height - top - bottom
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="{MUTED}"/>']
    for index, ((label, _cell), (value, text)) in enumerate(zip(series.points, drawn, strict=True)):
        x = left + index * slot
        bar = plot * (value / largest) if value else 0.0
        if bar:
            body.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{height - bottom - bar:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{bar:.1f}" fill="{PALETTE[0]}"/>'
            )
        body.append(_text(x + slot / 2, height - bottom - bar - 4, text, size=9, anchor="middle"))
        body.append(_text(x + slot / 2, height - bottom + 14, str(label)[-2:], size=9, anchor="middle", fill=MUTED))
    if series.total is not None:
        body.append(_text(width, 16, _("total: %(value)s") % {"value": _value(series.total)[1]}, anchor="end"))
    return _svg(width, height, str(series.title), body)


def stacked_bar(series: Series, *, width: int = 640) -> SafeString:
    """One bar of the whole, split into its parts (the outcomes of the crossings), with a legend."""
    rows = (len(series.points) + 1) // 2
    height = 70 + 20 * rows
    drawn = [_value(cell) for _label, cell in series.points]
    whole = sum(value for value, _text_ in drawn if value) or 1.0
    body = []
    x = 0.0
    for index, (value, _shown) in enumerate(drawn):
        if value:
            length = width * value / whole
            body.append(
                f'<rect x="{x:.1f}" y="28" width="{length:.1f}" height="22" fill="{PALETTE[index % len(PALETTE)]}"/>'
            )
            x += length
    if x == 0:
        body.append(f'<rect x="0" y="28" width="{width}" height="22" fill="none" stroke="{MUTED}"/>')
    for index, ((label, _cell), (_length, text)) in enumerate(zip(series.points, drawn, strict=True)):
        column, row = index % 2, index // 2
        lx, ly = column * width / 2, 70 + row * 20
        body.append(
            f'<rect x="{lx:.1f}" y="{ly - 10:.1f}" width="10" height="10" fill="{PALETTE[index % len(PALETTE)]}"/>'
        )
        body.append(_text(lx + 16, ly, f"{label}: {text}"))
    if series.total is not None:
        body.append(_text(width, 16, _("total: %(value)s") % {"value": _value(series.total)[1]}, anchor="end"))
    return _svg(width, height, str(series.title), body)


def funnel(series: Series, *, width: int = 640) -> SafeString:
    """Centred bars narrowing from letters to applications to decisions."""
    step = 30
    height = 34 + step * len(series.points)
    drawn = [_value(cell) for _label, cell in series.points]
    largest = max([value for value, _text_ in drawn if value] or [1.0])
    label_width = 150
    plot = width - label_width - 60
    body = []
    for index, ((label, _cell), (value, text)) in enumerate(zip(series.points, drawn, strict=True)):
        y = 28 + index * step
        length = plot * value / largest if value else 0.0
        x = label_width + (plot - length) / 2
        body.append(_text(label_width - 8, y + 16, str(label), anchor="end"))
        if length:
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="22" fill="{PALETTE[index % len(PALETTE)]}"/>'
            )
        body.append(_text(label_width + plot + 8, y + 16, text))
    return _svg(width, height, str(series.title), body)


def report_charts(series: dict[str, Series]) -> dict[str, SafeString]:
    return {
        "months": bar_chart(series["months"]),
        "outcomes": stacked_bar(series["outcomes"]),
        "funnel": funnel(series["funnel"]),
    }
