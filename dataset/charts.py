"""The dataset's charts, drawn as SVG in Python: a small trend for each scorecard row and the
indicator page's chart of its figures against the target and the comparators. Each has a text
equivalent beside it (the row's words, the page's table of the same figures)."""

import math
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .formatting import figure_text, plain
from .vocabulary import Polarity

INK, GREY, TARGET, RANGE_FILL = "#0b0c0c", "#505a5f", "#00703c", "#cce2d8"


def _scale(values, low, high, top, bottom):
    span = (high - low) or Decimal(1)
    return {
        value: round(bottom - float((value - low) / span) * (bottom - top), 1) for value in values
    }


def _bounds(values):
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    return low, high


def sparkline(points, indicator, *, width=120, height=32):
    """The last figures as a line, with the target (or range) behind it; hidden from screen
    readers, which read the same figures in words (`trend_words`)."""
    values = [p.value for p in points if p.value is not None]
    if len(values) < 2:
        return ""
    targets = [t for t in (indicator.target, indicator.target_high) if t is not None]
    if indicator.polarity == Polarity.CONTEXT:
        targets = []
    low, high = _bounds(values + targets)
    y = _scale(values + targets, low, high, 4, height - 4)
    step = (width - 8) / max(len(points) - 1, 1)
    xs = [round(4 + i * step, 1) for i in range(len(points))]
    parts = []
    if indicator.polarity == Polarity.RANGE and len(targets) == 2:
        top, bottom = y[indicator.target_high], y[indicator.target]
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>',
                top, width, round(max(bottom - top, 1), 1), RANGE_FILL,
            )
        )  # fmt: skip
    elif targets:
        parts.append(
            format_html(
                '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1" '
                'stroke-dasharray="3 2"></line>',
                width, y[targets[0]], y[targets[0]], TARGET,
            )
        )  # fmt: skip
    line = " ".join(
        f"{x},{y[p.value]}" for x, p in zip(xs, points, strict=True) if p.value is not None
    )
    parts.append(
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>', line, INK
        )
    )
    last = points[-1]
    if last.value is not None:
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="3" fill="{}"></circle>',
                xs[-1],
                y[last.value],
                INK,
            )
        )
    return format_html(
        '<svg class="app-sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-hidden="true" focusable="false">{}</svg>',
        mark_safe("".join(parts)),
        w=width,
        h=height,
    )


def trend_words(points, unit):
    """The trend's figures in words: "Q3 2024/25 80%, Q4 2024/25 82%, …"."""
    return ", ".join(
        f"{p.period.label} {figure_text(p.value, unit, suppressed=p.suppressed) or 'not reported'}"
        for p in points
    )


def nice_step(span, ticks=5):
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` gridlines."""
    raw = float(span) / ticks or 1.0
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return Decimal(str(multiple * power))
    return Decimal(str(10 * power))


# The series on the indicator's chart: the figure, then the comparators, told apart by dash as
# well as by colour so that they survive a greyscale printer.
SERIES = [
    ("value", "This partnership", INK, "", 3),
    ("england", "England", "#1d70b8", "8 4", 2),
    ("statistical_neighbours", "Statistical neighbours", "#912b88", "2 3", 2),
    ("region", "Region", "#b58840", "10 3 2 3", 2),
]


def trend_chart(points, indicator, *, width=720, height=300):
    """The indicator's figures over time with its target or range and comparators: a dict with
    the SVG (`svg`) and the legend's entries (`legend`), or None with fewer than two figures."""
    series = []
    for key, label, colour, dash, stroke in SERIES:
        values = [getattr(p, key) for p in points]
        if sum(v is not None for v in values) >= (2 if key == "value" else 1):
            series.append((key, label, colour, dash, stroke, values))
    if not series or series[0][0] != "value":
        return None
    targets = []
    if indicator.polarity != Polarity.CONTEXT:
        targets = [t for t in (indicator.target, indicator.target_high) if t is not None]
    every = [v for *_, values in series for v in values if v is not None] + targets
    low, high = _bounds(every)
    step = nice_step(high - low)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if indicator.unit == "percentage":
        low, high = max(low, Decimal(0)), min(high, Decimal(100)) if high <= 100 else high
    left, right, top, bottom = 56, width - 36, 12, height - 44
    ticks = []
    tick = low
    while tick <= high:
        ticks.append(tick)
        tick += step
    y = _scale(set(every) | set(ticks), low, high, top, bottom)

    def tick_text(tick):
        return figure_text(tick, indicator.unit) if indicator.unit == "percentage" else plain(tick)

    count = len(points)
    gap = (right - left) / max(count - 1, 1)
    xs = [round(left + i * gap, 1) for i in range(count)] if count > 1 else [(left + right) / 2]
    parts = []
    for tick in ticks:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b1b4b6" '
                'stroke-width="1"></line><text x="{}" y="{}" font-size="13" '
                'text-anchor="end" fill="{}">{}</text>',
                left, right, y[tick], y[tick], left - 6, round(y[tick] + 4, 1), INK,
                tick_text(tick),
            )
        )  # fmt: skip
    if indicator.polarity == Polarity.RANGE and len(targets) == 2:
        upper, lower = y[indicator.target_high], y[indicator.target]
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                'fill-opacity="0.8"></rect>',
                left, upper, right - left, round(max(lower - upper, 1), 1), RANGE_FILL,
            )
        )  # fmt: skip
    elif targets:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="6 3"></line>',
                left, right, y[targets[0]], y[targets[0]], TARGET,
            )
        )  # fmt: skip
    for index, point in enumerate(points):
        quarter, _, year = point.period.label.partition(" ")
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">'
                '<tspan x="{}" dy="0">{}</tspan><tspan x="{}" dy="15">{}</tspan></text>',
                xs[index], bottom + 18, INK, xs[index], quarter, xs[index], year,
            )
        )  # fmt: skip
    for key, _label, colour, dash, stroke, values in reversed(series):
        runs, run = [], []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                runs.append(run)
                run = []
            else:
                run.append(f"{x},{y[value]}")
        runs.append(run)
        for run in runs:
            if len(run) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"{}>'
                        "</polyline>",
                        " ".join(run), colour, stroke,
                        format_html(' stroke-dasharray="{}"', dash) if dash else "",
                    )
                )  # fmt: skip
        for x, value in zip(xs, values, strict=True):
            if value is not None and (key == "value" or len(run) <= 1):
                parts.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="{}" fill="{}"></circle>',
                        x, y[value], 4 if key == "value" else 3, colour,
                    )
                )  # fmt: skip
    legend = [
        {"label": label, "colour": colour, "dash": dash, "stroke": stroke}
        for _key, label, colour, dash, stroke, _values in series
    ]
    if targets:
        legend.append(
            {
                "label": "Target range" if len(targets) == 2 else "Target",
                "colour": TARGET,
                "dash": "6 3",
                "stroke": 2,
                "band": len(targets) == 2,
                "fill": RANGE_FILL,
            }
        )
    svg = format_html(
        '<svg class="app-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title '
        'chart-desc" font-family="Arial, \'Liberation Sans\', Helvetica, sans-serif">'
        '<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>{}</svg>',
        f"{indicator.name}: figures by period",
        "The same figures are in the table below the chart.",
        mark_safe("".join(parts)),
        w=width,
        h=height,
    )
    return {"svg": svg, "legend": legend}


def legend_swatch(entry):
    if entry.get("band"):
        return format_html(
            '<svg width="28" height="12" aria-hidden="true" focusable="false"><rect width="28" '
            'height="12" fill="{}"></rect></svg>',
            entry["fill"],
        )
    return format_html(
        '<svg width="28" height="12" aria-hidden="true" focusable="false"><line x1="0" x2="28" '
        'y1="6" y2="6" stroke="{}" stroke-width="{}"{}></line></svg>',
        entry["colour"],
        entry["stroke"],
        format_html(' stroke-dasharray="{}"', entry["dash"]) if entry["dash"] else "",
    )


def legend_html(legend):
    return format_html(
        '<ul class="app-chart-legend">{}</ul>',
        format_html_join(
            "", "<li>{} {}</li>", ((legend_swatch(entry), entry["label"]) for entry in legend)
        ),
    )
