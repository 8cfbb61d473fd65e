from django.urls import path

from agreements.views import clauses, documents, programmes, reorganisations, signing, verify

app_name = "agreements"

urlpatterns = [
    path("org/reorganisations/", reorganisations.reorganisation_list, name="reorganisation_list"),
    path(
        "org/reorganisations/new/",
        reorganisations.reorganisation_create,
        name="reorganisation_create",
    ),
    path(
        "org/reorganisations/<int:pk>/",
        reorganisations.reorganisation_detail,
        name="reorganisation_detail",
    ),
    path(
        "org/reorganisations/<int:pk>/programmes/<int:programme_pk>/",
        reorganisations.reorganisation_settle,
        name="reorganisation_settle",
    ),
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create_view, name="programme_create"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", programmes.programme_edit, name="programme_edit"),
    path(
        "programmes/<int:pk>/history/", programmes.programme_history_page, name="programme_history"
    ),
    path("programmes/<int:pk>/close/", programmes.programme_close_view, name="programme_close"),
    path(
        "programmes/<int:pk>/scan/", programmes.programme_scan_upload, name="programme_scan_upload"
    ),
    path(
        "programmes/<int:pk>/scan/download/",
        programmes.programme_scan_download,
        name="programme_scan_download",
    ),
    path("programmes/<int:pk>/clauses/new/", clauses.clause_add, name="clause_add"),
    path("programmes/<int:pk>/amendments/new/", signing.amendment_add, name="amendment_add"),
    path("signings/new/", signing.signing_create, name="signing_create"),
    path("clauses/", clauses.clause_list, name="clause_list"),
    path("clauses/bodies/", clauses.clause_list_bodies, name="clause_list_bodies"),
    path("clauses/<int:pk>/", clauses.clause_detail, name="clause_detail"),
    path("clauses/<int:pk>/edit/", clauses.clause_edit, name="clause_edit"),
    path("clauses/<int:pk>/remove/", clauses.clause_remove, name="clause_remove"),
    path("clauses/<int:pk>/move/", clauses.clause_reorder, name="clause_move"),
    path("clauses/<int:pk>/drop/", clauses.clause_drop_view, name="clause_drop"),
    path("clauses/<int:pk>/progress/new/", clauses.progress_report_add, name="progress_add"),
    path("my-work/", clauses.my_work, name="my_work"),
    path("programmes/<int:pk>/document/", documents.document_prepare, name="document_prepare"),
    path(
        "programmes/<int:pk>/document.pdf",
        documents.document_download,
        name="document_download",
    ),
    path(
        "amendments/<int:pk>/document.pdf",
        documents.amendment_document_download,
        name="amendment_document_download",
    ),
    path("verify/", verify.verify, name="verify"),
    path("verify/<uuid:key>/", verify.verify_key, name="verify_key"),
]
