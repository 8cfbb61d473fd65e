from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from agreements.models import (
    Amendment,
    Clause,
    Indicator,
    IndicatorValue,
    Programme,
    ProgrammeParty,
    ProgressReport,
    Signatory,
    Signing,
    SigningWitness,
    Topic,
)
from agreements.services import programme_refresh_search_text


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class ProgrammePartyInline(admin.TabularInline):
    model = ProgrammeParty
    extra = 0
    autocomplete_fields = ["body"]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["body", "official"]


class ClauseInline(admin.StackedInline):
    model = Clause
    extra = 0
    fk_name = "programme"
    fields = ["number", "text", "topic", "lead_body", "supporting_bodies", "cadence", "due_date"]
    autocomplete_fields = ["lead_body", "supporting_bodies", "topic"]
    show_change_link = True


class AmendmentInline(admin.TabularInline):
    model = Amendment
    extra = 0
    fields = ["number", "date", "title"]
    show_change_link = True


class ReadableHistory(HistoricalRecordContextHelper):
    """The admin's history as people read it: "Đã ký, có hiệu lực", not "signed";
    a dash where there was nothing, not "None"."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
            return "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "status", "period_start", "period_end", "issuer"]
    list_filter = ["status", "topics", "year", "issuer__unit"]
    search_fields = ["title", "symbol", "legal_basis", "parties__name"]
    autocomplete_fields = ["issuer", "signing", "topics"]
    list_select_related = ["issuer"]
    date_hierarchy = "period_start"
    # The scan has no public URL: it is offered through the checked download view,
    # and uploaded from the programme's page, where it is checked to be a PDF.
    exclude = ["scanned_copy"]
    readonly_fields = ["fingerprint", "scan", "created_at", "updated_at"]
    inlines = [ProgrammePartyInline, SignatoryInline, ClauseInline, AmendmentInline]

    @admin.display(description=Programme._meta.get_field("number").verbose_name)
    def reference(self, obj):
        return obj.reference

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        super().set_history_delta_changes(request, historical_records, **kwargs)
        for record in historical_records:  # its template would print a missing reason "None"
            record.history_change_reason = record.history_change_reason or "—"

    @admin.display(description=Programme._meta.get_field("scanned_copy").verbose_name)
    def scan(self, obj):
        if not obj.pk or not obj.scanned_copy:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("agreements:programme_scan_download", args=[obj.pk]),
            _("Download the scanned signed copy (PDF)"),
        )

    def save_related(self, request, form, formsets, change):
        """Keep the diacritic-free search text in step with edits made here."""
        super().save_related(request, form, formsets, change)
        programme_refresh_search_text(form.instance)


class SigningWitnessInline(admin.TabularInline):
    model = SigningWitness
    extra = 0
    autocomplete_fields = ["official"]


@admin.register(Signing)
class SigningAdmin(SimpleHistoryAdmin):
    list_display = ["date", "place"]
    search_fields = ["place", "programmes__title"]
    date_hierarchy = "date"
    inlines = [SigningWitnessInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ["number", "short_text", "programme", "lead_body", "cadence", "due_date"]
    list_filter = ["cadence", "topic", "programme__status"]
    search_fields = ["text", "programme__title"]
    autocomplete_fields = ["programme", "lead_body", "supporting_bodies", "topic", "replaces"]
    list_select_related = ["programme__issuer", "lead_body"]
    inlines = [IndicatorInline]

    @admin.display(description=Clause._meta.get_field("text").verbose_name)
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(Amendment)
class AmendmentAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "number", "date", "title"]
    search_fields = ["title", "text", "programme__title"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme__issuer"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    autocomplete_fields = ["indicator"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["clause", "reported_on", "reporting_body", "status"]
    list_filter = ["status", "reporting_body"]
    search_fields = ["note", "clause__text", "clause__programme__title"]
    autocomplete_fields = ["clause", "reporting_body"]
    list_select_related = ["clause", "reporting_body"]
    date_hierarchy = "reported_on"
    inlines = [IndicatorValueInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "target", "clause"]
    search_fields = ["name", "clause__text"]
    autocomplete_fields = ["clause"]
    list_select_related = ["clause"]
