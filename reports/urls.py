from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/retry/", views.report_retry_view, name="retry"),
    path("<int:pk>/retry/<slug:part>/", views.report_part_retry_view, name="retry_part"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/issue/", views.report_issue_view, name="issue"),
    path("<int:pk>/discard/", views.report_discard_view, name="discard"),
    path("<int:pk>/correct/", views.report_correct_view, name="correct"),
    path("<int:pk>/preview/", views.report_preview, name="preview"),
    path("<int:pk>/pdf/", views.report_download, {"fmt": "pdf"}, name="pdf"),
    path("<int:pk>/appendix/", views.report_download, {"fmt": "appendix_pdf"}, name="appendix"),
    path("<int:pk>/xlsx/", views.report_download, {"fmt": "xlsx"}, name="xlsx"),
]
