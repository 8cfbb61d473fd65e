"""What every meeting view asks first: may this user see, or change, this?"""

from django.db.models import Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.models import Handover, Programme, ProgrammeInvolvement, ProgrammeParty
from agreements.rules import programme_visible_row_by_row, visible_programmes
from agreements.selectors import bodies_named_on_seen
from meetings.rules import (
    can_run_meeting,
    is_secretariat,
    schedulable_programmes,
    visible_directives,
)
from meetings.selectors import meeting_get_visible, officials_of_parties
from parties.models import Body
from parties.rules import body_of, require, sees_everything


def back_to_meeting(meeting):
    """The way forward from a refusal on a meeting: its own page."""
    return reverse("meetings:meeting_detail", args=[meeting.pk]), _("Open the meeting")


def meeting_to_run(request, pk):
    """The meeting, if the user may see it (else 404) and run it (else 403)."""
    meeting = meeting_get_visible(user=request.user, pk=pk)
    require(can_run_meeting(request.user, meeting), ways_forward=[back_to_meeting(meeting)])
    return meeting


def programme_in_query(request):
    """The programme ?programme= names, if the user may see it; None without one.
    Anything that is not the id of a visible programme is a 404, never a 500."""
    value = request.GET.get("programme", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        raise Http404
    return get_object_or_404(visible_programmes(request.user), pk=int(value))


def require_secretariat(user):
    require(is_secretariat(user))


def scheduling_choices(user):
    """Programmes, organising bodies and officials a secretariat's forms offer."""
    programmes = (
        schedulable_programmes(user).select_related("issuer").order_by("-period_start", "pk")
    )
    if sees_everything(user):
        organisers = Body.objects.filter(
            Q(pk__in=ProgrammeParty.objects.values("body_id"))
            | Q(pk__in=Handover.objects.values("to_body_id"))
        )
    else:
        organisers = Body.objects.filter(pk=body_of(user).pk)
    officials = officials_of_parties(programmes=programmes).order_by("body__name", "full_name")
    return programmes, organisers, officials


def bodies_visible(user, *, addressees=False):
    """Bodies of the programmes the user sees — parties and supporting bodies — and, with
    `addressees`, the bodies their visible directives go to (for the filters)."""
    bodies = bodies_named_on_seen(user, ProgrammeInvolvement.objects.all())
    if addressees:
        addressed = visible_directives(user).values("addressed_body_id")
        bodies = Body.objects.filter(Q(pk__in=bodies.values("pk")) | Q(pk__in=addressed))
    return bodies.select_related("unit").order_by("unit__name", "name")


def programmes_visible(user):
    """For a filter's select, which offers the first rows only: visibility asked of the
    rows read in the newest-first index, not of every programme (programme_visible_row_by_row)."""
    return (
        Programme.objects.filter(programme_visible_row_by_row(user))
        .select_related("issuer")
        .order_by("-period_start", "pk")
    )


def query_without(request, *names):
    """The current query string without some parameters (for links that change them)."""
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in names and any(values):
            query.setlist(key, values)
    return query.urlencode()
