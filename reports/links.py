"""Where the dashboard's figures lead: the lists other parts of the app show.

These pages are built in other apps; their paths are kept here, in one place,
so they can be switched to reverse() once those apps are merged.
"""

from urllib.parse import urlencode

PROGRAMME_LIST = "/programmes/"  # ?status=signed, also body=, year=
CLAUSE_LIST = "/clauses/"  # ?status=not_started|on_track|at_risk|done|overdue&body=<id>
MEETING_CALENDAR = "/meetings/"
DIRECTIVE_LIST = "/meetings/directives/"  # ?status=open|in_progress|overdue&body=<id>


def with_query(path, **params):
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def programmes_in_force():
    return with_query(PROGRAMME_LIST, status="signed")


def clauses(status=None, body=None):
    return with_query(CLAUSE_LIST, status=status, body=body)


def directives(status=None, body=None):
    return with_query(DIRECTIVE_LIST, status=status, body=body)


def meetings():
    return MEETING_CALENDAR
