"""Accessible bar charts as inline SVG, drawn on the server: no JavaScript, no chart library.

Each chart is an <svg role="img"> with a <title> and <desc>, and every bar carries its own text
label and value, so the chart reads without colour; the page puts a data table next to it (the
fallback for screen readers and for anyone who wants the numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW = 28
LABEL_WIDTH = 260
BAR_WIDTH = 300
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(*, title: str, description: str, bars: list[Bar], chart_id: str) -> SafeString:
    height = max(1, len(bars)) * ROW + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    top = max((bar.value for bar in bars), default=0) or 1
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="18" text-anchor="end" class="chart-label">'
        '{}</text><rect x="{}" y="4" height="18" width="{}" class="chart-bar"></rect>'
        '<text x="{}" y="18" class="chart-value">{}</text></g>',
        (
            (
                index * ROW + 4,
                LABEL_WIDTH - 8,
                _shorten(bar.label),
                LABEL_WIDTH,
                max(1, round(BAR_WIDTH * bar.value / top)) if bar.value else 0,
                LABEL_WIDTH + max(1, round(BAR_WIDTH * bar.value / top)) + 6,
                bar.value,
            )
            for index, bar in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{rows}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=description,
        rows=rows,
    )


def _shorten(label: str, limit: int = 32) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"
