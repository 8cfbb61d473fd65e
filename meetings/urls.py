from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    # A calendar app's subscription: the token names the user (meetings/subscriptions.py).
    path(
        "subscription/<str:token>/calendar.ics",
        views.calendar_subscription,
        name="calendar_subscription",
    ),
    path(
        "subscription/renew/", views.calendar_subscription_renew, name="calendar_subscription_renew"
    ),
    path("new/", views.meeting_create, name="meeting_create"),
    path("plan/", views.plan_briefings, name="plan_briefings"),
    path("directives/", views.directive_list, name="directive_list"),
    path("directives/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/move/", views.meeting_move, name="meeting_move"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/record/", views.meeting_record, name="meeting_record"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/directives/new/", views.directive_create, name="directive_create"),
]
