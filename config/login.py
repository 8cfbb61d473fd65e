"""Signing in: throttled per account and address (django-axes), and sessions that end
after a while without use (SESSION_COOKIE_AGE; each request renews it, written at most
once a minute: a write on every request would cost every page a query).

After `AXES_FAILURE_LIMIT` wrong passwords for one account from one address, that
pair may not sign in for `AXES_COOLOFF_TIME`; every failure and lockout is kept
(AccessAttempt, in the admin) and logged. The pair, not the account alone: one
person's typos must not lock a whole office sharing an address, and nobody can lock
another's account from elsewhere. This holds for /login/ and /admin/login/ alike.
"""

import ipaddress
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse


def client_address(request):
    """The address a request came from. Behind `DJANGO_PROXY_COUNT` reverse proxies, each
    appending the address it saw to X-Forwarded-For (nginx in docs/deploy.md), the entry
    the nearest one wrote: the client cannot forge it. With none, REMOTE_ADDR — and any
    X-Forwarded-For a client sends is ignored."""
    count = settings.PROXY_COUNT
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if count and len(hops) >= count:
        try:
            return str(ipaddress.ip_address(hops[-count]))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The site's own page for a locked sign-in (AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


class HtmxLoginMiddleware:
    """A page that polls or a modal loaded by htmx after the session has ended: send the
    whole window to the login page, rather than put the login page inside the panel."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code == 302
            and response.url.startswith(reverse(settings.LOGIN_URL))
        ):
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            page = current.path + (f"?{current.query}" if current.query else "")
            target = redirect_to_login(page or request.get_full_path()).url
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
        return response


RENEWED = "_renewed_at"
RENEW_EVERY = 60  # seconds: the idle time is kept to within a minute


def renew(session):
    session[RENEWED] = int(time.time())


def session_started(sender, request, user, **kwargs):
    renew(request.session)


def connect_signals():
    user_logged_in.connect(session_started, dispatch_uid="config.login.session_started")


class IdleSessionMiddleware:
    """A signed-in user's session is renewed by their requests, so that it ends only
    after SESSION_COOKIE_AGE without one; changing the session makes Django write it
    with a new expiry and cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and time.time() - request.session.get(RENEWED, 0) >= RENEW_EVERY:
            renew(request.session)
        return response
