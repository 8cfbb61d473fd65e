"""Fetching what the user may see and refusing what they may not do."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from agreements.rules import SIGNED_IS_LOCKED, can_amend_programme
from agreements.selectors import clause_visible, programme_visible
from parties import rules


def back_to_programme(programme):
    """The way forward from a refusal on a programme: its own page."""
    return reverse("agreements:programme_detail", args=[programme.pk]), _("Open the programme")


def require(request, decision, programme=None):
    """Go on if `decision` allows; else a 403 that says why and leads back to the
    programme, or to an amendment when the signed text is what stands in the way."""
    if decision:
        return
    ways = []
    if programme is not None:
        locked = decision.reason is SIGNED_IS_LOCKED
        if locked and can_amend_programme(request.user, programme):
            url = reverse("agreements:amendment_add", args=[programme.pk])
            ways.append((url, _("Make an amendment")))
        ways.append(back_to_programme(programme))
    rules.require(decision, ways_forward=ways)


def programme_or_404(request, pk):
    return programme_visible(user=request.user, pk=pk)


def clause_or_404(request, pk):
    return clause_visible(user=request.user, pk=pk, today=timezone.localdate())


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


# The id of a list's body filter, which its "find" box asks the list's own page for
# (templates/includes/_body_find.html): no page of its own, no list read.
BODY_PICKER = "body-picker"


def is_body_picker(request):
    return is_htmx(request) and request.headers.get("HX-Target") == BODY_PICKER


def body_picker(request, form, name, *, small=False):
    """The body filter `name` of a list's filter `form` alone, as narrowed by "find"
    (agreements.forms.filters.offer_bodies). The list pages vary on HX-Request."""
    context = {"form": form, "field": form[name], "small": small}
    return render(request, "includes/_body_picker.html", context)


def query_string_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def next_or(request, default):
    """Where to go after the form: the `next` it was given, if that is a page of this site
    (never `//evil.example`, `/\\evil.example` or `javascript:`), else `default`."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


class CountedPaginator(Paginator):
    """A paginator whose total comes from `count()`, a query of its own: a list read in
    an index's order with visibility asked per row would, counted as it is, probe every
    row; the count asks visibility once for all (a hashed IN)."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count()
