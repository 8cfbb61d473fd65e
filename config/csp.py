"""The Content-Security-Policy of every page (django-csp; the policy is in settings).

The Django admin runs under the same policy with one allowance: style="" attributes
(`style-src-attr 'unsafe-inline'`). Django's own admin templates and scripts need
nothing more — no inline script, no eval — but the templates of the apps it shows
(django-simple-history's change history) write style attributes, and a copy of
them kept here would drift from the library. A style attribute cannot run a
script; scripts stay 'self' in the admin as everywhere.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

ADMIN_ALLOWANCES = {"style-src-attr": [UNSAFE_INLINE]}


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, extended where its documentation says to: the admin's
    allowance is added to the policy of the admin's pages."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and is_admin(request):
            parts.update = ADMIN_ALLOWANCES
        return parts


def is_admin(request):
    return request.path_info.startswith(reverse("admin:index"))
