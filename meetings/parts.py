"""What meetings shows on agreements' pages (agreements/parts.py): a programme's
meetings and directives on its page, and on "my work" the directives the
user's body has to carry out."""

from agreements import parts
from meetings.selectors import body_directives_context, programme_meetings_context


def programme_meetings(request, programme):
    return programme_meetings_context(programme=programme, user=request.user)


def body_directives(request, body):
    return body_directives_context(body=body, user=request.user)


def register_parts():
    parts.register(
        parts.PROGRAMME_PAGE,
        name="meetings",
        template="meetings/includes/_programme_meetings.html",
        context=programme_meetings,
        order=20,
    )
    parts.register(
        parts.MY_WORK,
        name="directives",
        template="meetings/includes/_body_directives.html",
        context=body_directives,
        order=10,
    )
