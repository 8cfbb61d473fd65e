from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from agreements import rules
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

# --- the same rules as the pages --------------------------------------------------------


class TextOfAProgramme:
    """For the admin of what makes up a programme's text — the programme, its parties
    and signatories, clauses, indicators, its signing and amendments: changed, added to
    or deleted only when the programme's own pages would allow it
    (`rules.can_edit_programme`). A signed text is frozen for everyone, the
    administrator included; the admin then shows it read-only. Signings and amendments
    are recorded by their pages, which fix the text's fingerprint; never here.
    Works for a ModelAdmin (given the record) and an inline (given its parent)."""

    def programmes_of(self, obj):
        return [obj]

    def may_edit(self, request, obj):
        return all(rules.can_edit_programme(request.user, p) for p in self.programmes_of(obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))


class TextOfAProgrammeInline(TextOfAProgramme):
    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))


class EditableProgrammeForm(forms.ModelForm):
    """Refuses a record for a programme whose text is frozen (a new clause for a signed
    programme, say), with the rule's own reason."""

    user = None  # set by the admin's get_form for the request

    def programme_chosen(self):
        return self.cleaned_data.get("programme")

    def clean(self):
        data = super().clean()
        programme = self.programme_chosen()
        if programme is not None:
            decision = rules.can_edit_programme(self.user, programme)
            if not decision:
                raise ValidationError(decision.reason)
        return data


class FormForTheUser:
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form


class NoRevert:
    """django-simple-history's "revert to this version" would put a signed programme back
    to a draft's words; nothing on the pages does that. The history stays readable, and a
    revert posted by hand is refused (the library hides the button but saves the post)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class ProgrammePartyInline(TextOfAProgrammeInline, admin.TabularInline):
    model = ProgrammeParty
    extra = 0
    autocomplete_fields = ["body"]


class SignatoryInline(TextOfAProgrammeInline, admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["body", "official"]


class ClauseInline(TextOfAProgrammeInline, admin.StackedInline):
    model = Clause
    extra = 0
    fk_name = "programme"
    fields = ["number", "text", "topic", "lead_body", "supporting_bodies", "cadence", "due_date"]
    autocomplete_fields = ["lead_body", "supporting_bodies", "topic"]
    show_change_link = True


class AmendmentInline(admin.TabularInline):
    """Amendments are recorded on the programme's page, which applies their clauses."""

    model = Amendment
    extra = 0
    fields = ["number", "date", "title"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class ProgrammeAdmin(NoRevert, TextOfAProgramme, SimpleHistoryAdmin):
    list_display = ["reference", "title", "status", "period_start", "period_end", "issuer"]
    list_filter = ["status", "topics", "year", "issuer__unit"]
    search_fields = ["title", "symbol", "legal_basis", "parties__name"]
    autocomplete_fields = ["issuer", "signing", "topics"]
    list_select_related = ["issuer"]
    date_hierarchy = "period_start"
    # The scan has no public URL: it is offered through the checked download view,
    # and uploaded from the programme's page, where it is checked to be a PDF.
    exclude = ["scanned_copy"]
    # The life of a programme (signed, closed) is recorded on its pages, never typed here.
    readonly_fields = [
        "status",
        "signing",
        "closed_on",
        "closing_note",
        "fingerprint",
        "scan",
        "created_at",
        "updated_at",
    ]
    inlines = [ProgrammePartyInline, SignatoryInline, ClauseInline, AmendmentInline]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and bool(
            rules.can_draft_programmes(request.user)
        )

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


class SigningWitnessInline(TextOfAProgrammeInline, admin.TabularInline):
    model = SigningWitness
    extra = 0
    autocomplete_fields = ["official"]

    def programmes_of(self, signing):
        return list(signing.programmes.all())


@admin.register(Signing)
class SigningAdmin(NoRevert, TextOfAProgramme, SimpleHistoryAdmin):
    list_display = ["date", "place"]
    search_fields = ["place", "programmes__title"]
    date_hierarchy = "date"
    inlines = [SigningWitnessInline]

    def programmes_of(self, signing):
        return list(signing.programmes.all())

    def has_add_permission(self, request):
        return False  # the signing page records it, freezing each programme's text


class IndicatorInline(TextOfAProgrammeInline, admin.TabularInline):
    model = Indicator
    extra = 0

    def programmes_of(self, clause):
        return [clause.programme]


@admin.register(Clause)
class ClauseAdmin(NoRevert, FormForTheUser, TextOfAProgramme, SimpleHistoryAdmin):
    form = EditableProgrammeForm
    list_display = ["number", "short_text", "programme", "lead_body", "cadence", "due_date"]
    list_filter = ["cadence", "topic", "programme__status"]
    search_fields = ["text", "programme__title"]
    autocomplete_fields = ["programme", "lead_body", "supporting_bodies", "topic", "replaces"]
    list_select_related = ["programme__issuer", "lead_body"]
    inlines = [IndicatorInline]

    def programmes_of(self, clause):
        return [clause.programme]

    @admin.display(description=Clause._meta.get_field("text").verbose_name)
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(Amendment)
class AmendmentAdmin(NoRevert, TextOfAProgramme, SimpleHistoryAdmin):
    list_display = ["programme", "number", "date", "title"]
    search_fields = ["title", "text", "programme__title"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme__issuer"]

    def programmes_of(self, amendment):
        return [amendment.programme]

    def has_add_permission(self, request):
        return False  # the programme's page records it, with the clauses it changes


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


class IndicatorAdminForm(EditableProgrammeForm):
    def programme_chosen(self):
        clause = self.cleaned_data.get("clause")
        return clause.programme if clause else None


@admin.register(Indicator)
class IndicatorAdmin(FormForTheUser, TextOfAProgramme, admin.ModelAdmin):
    form = IndicatorAdminForm
    list_display = ["name", "unit", "target", "clause"]
    search_fields = ["name", "clause__text"]
    autocomplete_fields = ["clause"]
    list_select_related = ["clause"]

    def programmes_of(self, indicator):
        return [indicator.clause.programme]
