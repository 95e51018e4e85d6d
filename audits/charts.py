"""The bar of a grade distribution: server-drawn SVG, so that it prints and appears in the PDF,
always shown beside its figures in words (the bar itself is hidden from screen readers).

Its colours are not BRAG's: a grade is not an action's status, and the two never mix. Grades that
count as good or better are purples, darkest for the best; the others browns, darkest for the
worst; cases not graded are grey. White gaps part the segments."""

from django.utils.html import format_html, format_html_join

GOOD_FILLS = ["#3d2375", "#7a64b8", "#b3a6db"]
POOR_FILLS = ["#c89b6d", "#8c5a2b", "#5c3310"]
NOT_GRADED_FILL = "#b1b4b6"
WIDTH, HEIGHT = 300, 24


def grade_fills(grades):
    """Each grade's fill by name, from the scale's grades (best first)."""
    good = [grade for grade in grades if grade.good_or_better]
    poor = [grade for grade in grades if not grade.good_or_better]
    fills = {}
    for index, grade in enumerate(good):
        fills[grade.name] = GOOD_FILLS[min(index, len(GOOD_FILLS) - 1)]
    # The worst is darkest: count from the end of the scale.
    for index, grade in enumerate(reversed(poor)):
        fills[grade.name] = POOR_FILLS[max(len(POOR_FILLS) - 1 - index, 0)]
    return fills


def fill_for(distribution, name):
    return grade_fills(distribution.grades).get(name, NOT_GRADED_FILL)


def grade_bar(distribution):
    """The distribution as one bar of segments, each as wide as its share of the cases."""
    if not distribution.cases:
        return ""
    fills = grade_fills(distribution.grades)
    segments, x = [], 0.0
    for bar in distribution.bars:
        width = WIDTH * bar.count / distribution.cases
        segments.append((f"{x:.2f}", f"{width:.2f}", fills.get(bar.name, NOT_GRADED_FILL)))
        x += width
    rects = format_html_join(
        "",
        '<rect x="{}" y="0" width="{}" height="{}" fill="{}" stroke="#ffffff" '
        'stroke-width="2"></rect>',
        ((x, width, HEIGHT, fill) for x, width, fill in segments),
    )
    return format_html(
        '<svg class="app-grade-bar" viewBox="0 0 {} {}" width="100%" height="{}" '
        'preserveAspectRatio="none" aria-hidden="true" focusable="false">{}</svg>',
        WIDTH,
        HEIGHT,
        HEIGHT,
        rects,
    )


def swatch(fill):
    """A small square of a grade's colour, for the figures beside the bar."""
    return format_html(
        '<svg class="app-grade-swatch" width="14" height="14" viewBox="0 0 14 14" '
        'aria-hidden="true" focusable="false"><rect width="14" height="14" fill="{}" '
        'stroke="#0b0c0c" stroke-width="1"></rect></svg>',
        fill,
    )
