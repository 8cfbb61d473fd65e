"""Fetching what the user may see and refusing what they may not do."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.selectors import clause_visible, programme_visible
from parties import rules


def back_to_programme(programme):
    """The way forward from a refusal on a programme: its own page."""
    return reverse("agreements:programme_detail", args=[programme.pk]), _("Open the programme")


def require(decision, programme=None):
    """Go on if `decision` allows; else a 403 that says why and leads back to the programme."""
    way_forward = back_to_programme(programme) if programme is not None else None
    rules.require(decision, way_forward=way_forward)


def programme_or_404(request, pk):
    return programme_visible(user=request.user, pk=pk)


def clause_or_404(request, pk):
    return clause_visible(user=request.user, pk=pk, today=timezone.localdate())


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def query_string_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
