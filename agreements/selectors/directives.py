"""Directives addressed to a body, read here for the "my work" page.

The meetings app owns directives and their follow-up; this is a read-only view.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from meetings.models import Directive


def directive_list_open_for_body(*, body, today):
    """Directives to `body` not yet done: overdue first, then by deadline (none last)."""
    return (
        Directive.objects.filter(addressed_body=body)
        .exclude(status=Directive.Status.DONE)
        .select_related("meeting", "programme__issuer", "given_by")
        .annotate(
            overdue=Case(
                When(Q(deadline__lt=today), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            no_deadline=Case(
                When(deadline__isnull=True, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("overdue", "no_deadline", "deadline", "pk")
    )
