from django.contrib import admin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "kind", "status", "issued_on", "created_at"]
    list_filter = ["kind", "status", "issuing_body"]
    search_fields = ["title", "issuing_body__name", "issuing_body__code"]
    autocomplete_fields = ["programme", "body", "unit", "issuing_body", "requested_by"]
    list_select_related = ["issuing_body"]
    readonly_fields = ["status", "error", "attempts", "created_at", "started_at", "finished_at"]
    date_hierarchy = "issued_on"

    @admin.display(description=Report._meta.get_field("number").verbose_name)
    def reference(self, obj):
        return obj.reference
