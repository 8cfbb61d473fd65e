"""Charts drawn as SVG on the server: no browser, no JavaScript, the same in the
PDF, the HTML preview and the dashboard.

Each function takes rows of `StatusCount` (a label and a count per clause
status) and returns safe SVG markup.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from agreements.models import ClauseStatus
from parties.numbers import grouped
from reports.selectors.records import DASHBOARD_ORDER, status_label

S = ClauseStatus

COLOURS = {
    S.DONE: "#2e7d32",
    S.ON_TRACK: "#1e88e5",
    S.STALE: "#90caf9",
    S.AT_RISK: "#f9a825",
    S.OVERDUE: "#c62828",
    S.NOT_STARTED: "#9e9e9e",
    S.DROPPED: "#cfd8dc",
}
TEXT = "#212529"
MUTED = "#495057"
GRID = "#dee2e6"
INK = "#000000"

# Each status has a pattern as well as a colour, so a chart printed in black and
# white still tells them apart: solid, diagonal lines, vertical lines, dots,
# cross-hatch, horizontal lines, blank. (kind, spacing) drawn over the colour.
PATTERNS = {
    S.DONE: ("solid", 0),
    S.ON_TRACK: ("diagonal", 6),
    S.STALE: ("vertical", 6),
    S.AT_RISK: ("dots", 5),
    S.OVERDUE: ("cross", 6),
    S.NOT_STARTED: ("horizontal", 5),
    S.DROPPED: ("blank", 0),
}
# Sizes in the SVG's units: drawn 600 wide on a 165 mm text column (0.78 pt each),
# 13 units print at 10 pt and 12 at 9.4 pt: never under 9 pt on paper.
FONT = 13
SMALL = 12


def pattern_id(status):
    return f"pattern-{status}"


def pattern_defs(statuses):
    """<defs> with a pattern per status: the colour, with marks in black over it."""
    parts = []
    for status in statuses:
        kind, step = PATTERNS[status]
        marks = ""
        if kind == "diagonal":
            marks = f'<path d="M0,{step} L{step},0" stroke="{INK}" stroke-width="1.2" fill="none"/>'
        elif kind == "dots":
            marks = f'<circle cx="{step / 2}" cy="{step / 2}" r="1.2" fill="{INK}" stroke="none"/>'
        elif kind == "cross":
            marks = (
                f'<path d="M0,0 L{step},{step} M0,{step} L{step},0" stroke="{INK}" '
                'stroke-width="1" fill="none"/>'
            )
        elif kind == "vertical":
            marks = (
                f'<path d="M{step / 2},0 L{step / 2},{step}" stroke="{INK}" '
                'stroke-width="1" fill="none"/>'
            )
        elif kind == "horizontal":
            marks = (
                f'<path d="M0,{step / 2} L{step},{step / 2}" stroke="{INK}" '
                'stroke-width="1" fill="none"/>'
            )
        size = step or 4
        parts.append(
            f'<pattern id="{pattern_id(status)}" patternUnits="userSpaceOnUse" '
            f'width="{size}" height="{size}">{marks}</pattern>'
        )
    return "<defs>" + "".join(parts) + "</defs>"


def shape(x, y, w, h, status, title=""):
    """A rectangle in the status's colour, its pattern's marks laid over it (a tile
    with its own background shows seams between tiles in WeasyPrint)."""
    tooltip = f"<title>{title}</title>" if title else ""
    base = (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'fill="{COLOURS[status]}" stroke="{INK}" stroke-width="0.6">{tooltip}</rect>'
    )
    if PATTERNS[status][0] in ("solid", "blank"):
        return base
    return base + (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'fill="url(#{pattern_id(status)})" stroke="none"/>'
    )


def count_label(x, y, count):
    """A count on a bar, on a white tag so it reads over any pattern."""
    text = grouped(count)
    width = 6 + len(text) * SMALL * 0.6
    return (
        f'<rect x="{x - width / 2:.1f}" y="{y - SMALL + 1:.1f}" width="{width:.1f}" '
        f'height="{SMALL + 2}" fill="#ffffff" stroke="{INK}" stroke-width="0.4"/>'
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{SMALL}" text-anchor="middle" '
        f'fill="{INK}">{text}</text>'
    )


def used_statuses(rows):
    return [s for s in DASHBOARD_ORDER if any(row.counts.get(s) for row in rows)]


def legend(statuses, width, y=14, font=FONT):
    """A row of patterned squares with the status names, wrapped to the width."""
    parts, x, line = [pattern_defs(statuses)], 0, 0
    box = font + 3
    for status in statuses:
        label = str(status_label(status))
        step = box + 14 + len(label) * font * 0.55
        if x and x + step > width:
            x, line = 0, line + 1
        top = y + line * (font + 10)
        parts.append(
            shape(x, top - font + 1, box, box, status)
            + f'<text x="{x + box + 5:.1f}" y="{top + 2:.1f}" font-size="{font}" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        x += step
    return parts, y + line * (font + 10) + 12


def svg(width, height, title, body, font_family):
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
        f'font-family="{escape(font_family)}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def status_by_body_chart(rows, *, width=640, font_family="serif", title=None):
    """One horizontal bar per body, split by the status of the clauses it leads."""
    title = title or _("Clause status by lead body")
    if not rows:
        return ""
    statuses = used_statuses(rows)
    parts, y = legend(statuses, width)
    longest = max(row.total for row in rows) or 1
    bar_width = width - 40
    y += 6
    for row in rows:
        parts_row = [
            f'<text x="0" y="{y + FONT:.1f}" font-size="{FONT}" fill="{TEXT}">'
            f"{escape(row.label)}</text>"
        ]
        y += FONT + 5
        x = 0.0
        for status in statuses:
            count = row.counts.get(status, 0)
            if not count:
                continue
            w = bar_width * count / longest
            parts_row.append(
                shape(x, y, w, 18, status, f"{escape(str(status_label(status)))}: {grouped(count)}")
            )
            if w >= 22:
                parts_row.append(count_label(x + w / 2, y + 14, count))
            x += w
        parts_row.append(
            f'<text x="{x + 5:.1f}" y="{y + 14:.1f}" font-size="{SMALL}" fill="{MUTED}">'
            f"{grouped(row.total)}</text>"
        )
        parts.append("".join(parts_row))
        y += 30
    return svg(width, y, title, "".join(parts), font_family)


def status_over_time_chart(columns, *, width=640, height=170, font_family="serif", title=None):
    """One stacked column per quarter (or year): how the clauses stood at its end."""
    title = title or _("Clause status at the end of each period")
    if not columns:
        return ""
    statuses = used_statuses(columns) or [S.NOT_STARTED]
    parts, top = legend(statuses, width)
    axis = 32
    bottom = top + height
    tallest = max(column.total for column in columns) or 1
    scale = (height - 10) / tallest
    for tick in sorted({0, tallest // 2, tallest}):
        ty = bottom - tick * scale
        parts.append(
            f'<line x1="{axis}" y1="{ty:.1f}" x2="{width}" y2="{ty:.1f}" stroke="{GRID}"/>'
            f'<text x="{axis - 6}" y="{ty + 4:.1f}" font-size="{SMALL}" text-anchor="end" '
            f'fill="{MUTED}">{grouped(tick)}</text>'
        )
    slot = (width - axis) / len(columns)
    column_width = min(60.0, slot * 0.6)
    for index, column in enumerate(columns):
        x = axis + slot * index + (slot - column_width) / 2
        y = bottom
        for status in statuses:
            count = column.counts.get(status, 0)
            if not count:
                continue
            h = count * scale
            y -= h
            label = (
                f"{escape(column.label)} – {escape(str(status_label(status)))}: {grouped(count)}"
            )
            parts.append(shape(x, y, column_width, h, status, label))
            if h >= SMALL + 4:
                parts.append(count_label(x + column_width / 2, y + h / 2 + 5, count))
        parts.append(
            f'<text x="{x + column_width / 2:.1f}" y="{bottom + 18:.1f}" font-size="{FONT}" '
            f'text-anchor="middle" fill="{TEXT}">{escape(column.label)}</text>'
        )
    return svg(width, bottom + 26, title, "".join(parts), font_family)
