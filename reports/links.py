"""Where the dashboard's figures lead: the lists other parts of the app show."""

from urllib.parse import urlencode

from django.urls import reverse


def with_query(name, **params):
    path = reverse(name)
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def programmes_in_force():
    return with_query("agreements:programme_list", status="in_force")


def clauses(status=None, lead=None):
    """Clauses of the programmes in force by status, and by the body that leads them
    (as the dashboard counts them)."""
    return with_query("agreements:clause_list", status=status, lead=lead, in_force=1)


def directives(status=None, body=None):
    return with_query("meetings:directive_list", status=status, body=body)


def meetings():
    return reverse("meetings:calendar")
