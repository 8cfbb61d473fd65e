"""A directive's follow-up badge and the meeting it was given at, written in Python: a
directive table included them as a template each per row, which cost more than the rest
of its row (bench/INDEXES.md). The characters are those the templates wrote
(tests/meetings/test_directive_tags.py)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

OVERDUE_BADGE = (
    '<span class="badge text-bg-danger"><i class="bi bi-exclamation-triangle-fill"></i> {}</span>'
)
STATUS_BADGES = {"done": "text-bg-success", "in_progress": "text-bg-info"}


@register.simple_tag
def directive_status(directive):
    """The follow-up badge: overdue (as the selectors annotate it), done, in progress or
    open. Each badge but the open one ends its line, as the template's did."""
    if getattr(directive, "overdue", False):
        return format_html("\n" + OVERDUE_BADGE + "\n\n", gettext("Overdue"))
    badge = STATUS_BADGES.get(directive.status)
    if badge is not None:
        return format_html(
            '\n<span class="badge {}">{}</span>\n\n', badge, directive.get_status_display()
        )
    return format_html(
        '\n<span class="badge text-bg-light border">{}</span>\n', directive.get_status_display()
    )


@register.simple_tag
def directive_meeting(directive, visible):
    """The meeting a directive was given at, as a user may know it: its title, linked,
    when `visible` (the user sees the meeting); else only its kind and organiser, as its
    title may name programmes and bodies the user does not see."""
    meeting = directive.meeting
    if visible:
        url = reverse("meetings:meeting_detail", args=[directive.meeting_id])
        return format_html('<a href="{}">{}</a>\n', url, meeting.title)
    # blocktranslate's message, its values escaped.
    text = gettext("%(kind)s organised by %(organiser)s") % {
        "kind": format_html("{}", meeting.get_kind_display()),
        "organiser": format_html("{}", meeting.organiser),
    }
    return mark_safe(f"{text}\n")
