"""The site's own pages for a request it cannot read (400), a refusal (403), a missing
page (404) and a server error (500): in the user's language, saying why where the rule
knows it, with a way on.

A refusal raised by a rule (`parties.rules.Refused`) carries its reason and the
ways forward its view knows. Nothing else is shown of an exception: a page that
does not exist and a page the user may not see look the same (404), so that
nothing names what they may not see. The 500 page needs neither the request
nor the database, which may be what failed.
"""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme


def back_link(request):
    """Where the user came from, if it is a page of this site other than this one."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very reason for a 400: no page of ours to name
        return ""
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return ""
    return "" if referer == request.build_absolute_uri() else referer


def bad_request(request, exception=None):
    """A request Django could not take (a forged host, too many fields, a broken upload):
    nothing names what was wrong with it, which only an attacker needs to know."""
    return render(request, "400.html", {"back": back_link(request)}, status=400)


def permission_denied(request, exception=None):
    return render(
        request,
        "403.html",
        {
            "reason": getattr(exception, "reason", ""),
            "ways_forward": getattr(exception, "ways_forward", []),
            "back": back_link(request),
        },
        status=403,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", {"back": back_link(request)}, status=404)


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())
