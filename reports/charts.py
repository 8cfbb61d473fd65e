"""Charts drawn as SVG on the server: no browser, no JavaScript, the same in the
PDF, the HTML preview and the dashboard.

Each function takes rows of `StatusCount` (a label and a count per clause
status) and returns safe SVG markup.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from agreements.models import ClauseStatus
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
MUTED = "#6c757d"
GRID = "#dee2e6"


def used_statuses(rows):
    return [s for s in DASHBOARD_ORDER if any(row.counts.get(s) for row in rows)]


def legend(statuses, width, y=12, font=11):
    """A row of coloured squares with the status names, wrapped to the width."""
    parts, x, line = [], 0, 0
    for status in statuses:
        label = str(status_label(status))
        step = 24 + len(label) * font * 0.62
        if x and x + step > width:
            x, line = 0, line + 1
        top = y + line * (font + 8)
        parts.append(
            f'<rect x="{x:.1f}" y="{top - font + 2:.1f}" width="{font}" height="{font}" '
            f'fill="{COLOURS[status]}"/>'
            f'<text x="{x + font + 5:.1f}" y="{top:.1f}" font-size="{font}" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        x += step
    return parts, y + line * (font + 8) + 10


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
            f'<text x="0" y="{y + 11:.1f}" font-size="12" fill="{TEXT}">{escape(row.label)}</text>'
        ]
        y += 16
        x = 0.0
        for status in statuses:
            count = row.counts.get(status, 0)
            if not count:
                continue
            w = bar_width * count / longest
            parts_row.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="16" '
                f'fill="{COLOURS[status]}"><title>{escape(str(status_label(status)))}: '
                f"{count}</title></rect>"
            )
            if w >= 14:
                colour = TEXT if status in (S.AT_RISK, S.DROPPED, S.STALE) else "#ffffff"
                parts_row.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 12:.1f}" font-size="11" '
                    f'text-anchor="middle" fill="{colour}">{count}</text>'
                )
            x += w
        parts_row.append(
            f'<text x="{x + 5:.1f}" y="{y + 12:.1f}" font-size="11" fill="{MUTED}">'
            f"{row.total}</text>"
        )
        parts.append("".join(parts_row))
        y += 26
    return svg(width, y, title, "".join(parts), font_family)


def status_over_time_chart(columns, *, width=640, height=170, font_family="serif", title=None):
    """One stacked column per quarter (or year): how the clauses stood at its end."""
    title = title or _("Clause status at the end of each period")
    if not columns:
        return ""
    statuses = used_statuses(columns) or [S.NOT_STARTED]
    parts, top = legend(statuses, width)
    axis = 28
    bottom = top + height
    tallest = max(column.total for column in columns) or 1
    scale = (height - 10) / tallest
    for tick in sorted({0, tallest // 2, tallest}):
        ty = bottom - tick * scale
        parts.append(
            f'<line x1="{axis}" y1="{ty:.1f}" x2="{width}" y2="{ty:.1f}" stroke="{GRID}"/>'
            f'<text x="{axis - 6}" y="{ty + 4:.1f}" font-size="10" text-anchor="end" '
            f'fill="{MUTED}">{tick}</text>'
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
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{column_width:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[status]}"><title>{escape(column.label)} – '
                f"{escape(str(status_label(status)))}: {count}</title></rect>"
            )
            if h >= 13:
                colour = TEXT if status in (S.AT_RISK, S.DROPPED, S.STALE) else "#ffffff"
                parts.append(
                    f'<text x="{x + column_width / 2:.1f}" y="{y + h / 2 + 4:.1f}" '
                    f'font-size="11" text-anchor="middle" fill="{colour}">{count}</text>'
                )
        parts.append(
            f'<text x="{x + column_width / 2:.1f}" y="{bottom + 16:.1f}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT}">{escape(column.label)}</text>'
        )
    return svg(width, bottom + 24, title, "".join(parts), font_family)
