from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "kind", "state", "status", "issued_on", "created_at"]
    list_filter = ["kind", "state", "status", "issuing_body"]
    search_fields = ["title", "issuing_body__name", "issuing_body__code"]
    autocomplete_fields = ["programme", "body", "unit", "issuing_body", "requested_by"]
    list_select_related = ["issuing_body"]
    # The files have no public URL: they are offered through the checked download views.
    exclude = ["pdf", "appendix_pdf", "xlsx", "html"]
    # Number, date, signer, recipients and state are given by the issue on the report's
    # page (reports/services.py `report_issue`), under its locks, never typed here.
    readonly_fields = [
        "state",
        "number",
        "number_year",
        "issued_on",
        "signer",
        "signer_position",
        "recipients",
        "text_sha256",
        "supersedes",
        "issued_by",
        "issued_at",
        "discarded_by",
        "discarded_at",
        "version",
        "narrative_filled",
        "status",
        "error",
        "attempts",
        "automatic_key",
        "files",
        "created_at",
        "started_at",
        "finished_at",
    ]
    date_hierarchy = "issued_on"

    # A report is asked for on the reports page, which numbers it in the issuing body's
    # register and builds it; once built, its document is frozen like the pages keep it.
    def has_add_permission(self, request):
        return False

    # An issued (or discarded) report is frozen, whatever its build says.
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or (obj.status != Report.Status.DONE and obj.is_draft))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or (obj.status != Report.Status.DONE and obj.is_draft))

    @admin.display(description=Report._meta.get_field("number").verbose_name)
    def reference(self, obj):
        return obj.label

    @admin.display(description=_("Files"))
    def files(self, obj):
        if not obj.pk or obj.status != Report.Status.DONE:
            return "–"
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">Excel</a> · <a href="{}">HTML</a>',
            reverse("reports:pdf", args=[obj.pk]),
            reverse("reports:xlsx", args=[obj.pk]),
            reverse("reports:preview", args=[obj.pk]),
        )
