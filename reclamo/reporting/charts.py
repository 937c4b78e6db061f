"""Bar charts as server-rendered SVG: readable without JavaScript, scaled by the browser, and
accessible (``role="img"`` with a ``<title>`` and ``<desc>``; every chart's page also shows
the same numbers as a table). Text is escaped here; the result is safe to insert."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
ROW = 34
BAR = 14
_ids = count(1)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown next to the bar ("12", "83 %")
    tone: str = ""  # "", "warn" or "bad"


def bar_chart(
    *, title: str, description: str, bars: Sequence[Bar], scale: float | None = None
) -> SafeString:
    """Horizontal bars, one row each: the label above its bar, the value after it. ``scale``
    is the value of a full-width bar (default: the largest value)."""
    chart_id = f"chart-{next(_ids)}"
    top = max([scale or 0.0] + [bar.value for bar in bars]) or 1.0
    height = max(ROW * len(bars), ROW) + 4
    usable = WIDTH - 60
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            WIDTH,
            height,
            chart_id,
            chart_id,
            chart_id,
            title,
            chart_id,
            description,
        )
    ]
    for index, bar in enumerate(bars):
        y = index * ROW
        width = round(usable * max(bar.value, 0) / top, 1)
        parts.append(
            format_html(
                '<text x="0" y="{}">{}</text>'
                '<rect class="bar {}" x="0" y="{}" width="{}" height="{}" rx="2"></rect>'
                '<text x="{}" y="{}">{}</text>',
                y + 12,
                bar.label,
                bar.tone,
                y + 16,
                max(width, 1),
                BAR,
                width + 6,
                y + 28,
                bar.text,
            )
        )
    if not bars:
        parts.append(format_html('<text x="0" y="20">{}</text>', "—"))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


__all__ = ["Bar", "bar_chart"]
