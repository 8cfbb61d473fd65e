from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.health import healthz, livez
from reports.views import home

admin.site.site_header = _("Coordination programmes – administration")
admin.site.site_title = _("Coordination programmes")


def superusers_only(request):
    """The Django admin is for superusers: everyone else, staff or not, manages the
    organisation from the app's own pages (/org/, parties/views.py)."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = superusers_only

# Uploaded files (scans, reports) are never served from MEDIA_URL: each has a
# view that checks who may see it first.
urlpatterns = [
    path("", home, name="home"),
    path("", include("agreements.urls")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("meetings/", include("meetings.urls")),
    path("org/", include("parties.urls")),
    path("healthz/", healthz, name="healthz"),
    path("livez/", livez, name="livez"),
]

# The site's own bad-request, refusal, missing-page and server-error pages.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
