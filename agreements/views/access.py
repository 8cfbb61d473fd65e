"""Fetching what the user may see and refusing what they may not do."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from agreements.selectors import clause_visible, programme_visible


def require(allowed):
    if not allowed:
        raise PermissionDenied


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
