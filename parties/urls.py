from django.urls import path

from parties import views

app_name = "parties"

urlpatterns = [
    path("", views.org_home, name="home"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_edit, name="body_edit"),
    path("officials/", views.official_list, name="official_list"),
    path("officials/new/", views.official_create_view, name="official_create"),
    path("officials/<int:pk>/positions/new/", views.position_create, name="position_create"),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create_view, name="account_create"),
    path("accounts/<int:pk>/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/active/", views.account_deactivate, name="account_deactivate"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
]
