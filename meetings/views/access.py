"""What every meeting view asks first: may this user see, or change, this?"""

from django.core.exceptions import PermissionDenied
from django.http import QueryDict

from meetings.selectors import meeting_get_visible, officials_of_parties
from parties.models import Body
from parties.permissions import (
    Role,
    body_of,
    can_run_meeting,
    has_role,
    schedulable_programmes,
    sees_everything,
    visible_programmes,
)


def meeting_to_run(request, pk):
    """The meeting, if the user may see it (else 404) and run it (else 403)."""
    meeting = meeting_get_visible(user=request.user, pk=pk)
    if not can_run_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def require_secretariat(user):
    if not has_role(user, Role.SECRETARIAT):
        raise PermissionDenied


def scheduling_choices(user):
    """Programmes, organising bodies and officials a secretariat's forms offer."""
    programmes = (
        schedulable_programmes(user).select_related("issuer").order_by("-period_start", "pk")
    )
    if sees_everything(user):
        organisers = Body.objects.filter(programme_memberships__isnull=False).distinct()
    else:
        organisers = Body.objects.filter(pk=body_of(user).pk)
    officials = officials_of_parties(programmes=programmes).order_by("body__name", "full_name")
    return programmes, organisers, officials


def party_bodies_visible(user):
    """Bodies that are parties to a programme the user sees (for the filters)."""
    return (
        Body.objects.filter(programme_memberships__programme__in=visible_programmes(user))
        .select_related("unit")
        .distinct()
        .order_by("unit__name", "name")
    )


def programmes_visible(user):
    return visible_programmes(user).select_related("issuer").order_by("-period_start", "pk")


def query_without(request, *names):
    """The current query string without some parameters (for links that change them)."""
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in names and any(values):
            query.setlist(key, values)
    return query.urlencode()
