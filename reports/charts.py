"""Small bar charts drawn on the server as SVG: no script, no chart library."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 190
BAR_WIDTH = 260
VALUE_WIDTH = 110


@dataclass
class Bar:
    label: str
    value: float
    maximum: float
    text: str  # the value as people read it, e.g. "12 / 40 (30%)"


def bar_chart(*, title: str, description: str, bars: list[Bar], chart_id: str) -> str:
    """An accessible horizontal bar chart: a titled, described SVG with every value as text."""
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for index, bar in enumerate(bars):
        y = index * (BAR_HEIGHT + GAP)
        share = bar.value / bar.maximum if bar.maximum else 0
        rows.append(
            (
                y,
                y + BAR_HEIGHT * 0.7,
                bar.label,
                LABEL_WIDTH,
                LABEL_WIDTH,
                round(BAR_WIDTH * min(share, 1), 1),
                BAR_HEIGHT,
                LABEL_WIDTH + BAR_WIDTH + 6,
                bar.text,
            )
        )
    body = format_html_join(
        "",
        '<g><text x="0" y="{1}" class="chart-label" font-size="13" fill="currentColor">{2}</text>'
        '<rect x="{4}" y="{0}" width="{5}" height="{6}" class="chart-bar" fill="#2e6b4f"></rect>'
        '<text x="{7}" y="{1}" class="chart-value" font-size="13" fill="currentColor">{8}</text>'
        "</g>",
        rows,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-labelledby="{}-title {}-desc" class="report-chart">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "{}</svg>",
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )
