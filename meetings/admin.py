from django.contrib import admin

from meetings.models import Attendance, Directive, DirectiveUpdate, Meeting, PlannedBriefing


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["official"]
    fields = [
        "official",
        "position",
        "invited",
        "present",
        "deputy",
        "deputy_position",
        "reminder_sent_at",
    ]
    readonly_fields = ["reminder_sent_at"]


class DirectiveInline(admin.StackedInline):
    model = Directive
    extra = 0
    autocomplete_fields = ["addressed_body", "given_by", "programme"]
    fields = [
        "text",
        "given_by",
        "addressed_body",
        "programme",
        "deadline",
        "status",
        "completed_on",
        "follow_up_note",
    ]


class PlannedBriefingInline(admin.TabularInline):
    model = PlannedBriefing
    extra = 0
    autocomplete_fields = ["programme"]


class DirectiveUpdateInline(admin.TabularInline):
    model = DirectiveUpdate
    extra = 0
    fields = ["recorded_on", "status", "note", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "place", "organiser", "status"]
    list_filter = ["kind", "status", "organiser"]
    search_fields = ["title", "place", "agenda", "conclusions", "programmes__title"]
    autocomplete_fields = ["programmes", "organiser", "chair", "signing"]
    list_select_related = ["organiser"]
    date_hierarchy = "starts_at"
    readonly_fields = ["uid", "sequence", "created_at", "updated_at"]
    inlines = [AttendanceInline, PlannedBriefingInline, DirectiveInline]


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "addressed_body", "deadline", "status", "meeting"]
    list_filter = ["status", "addressed_body"]
    search_fields = ["text", "follow_up_note", "meeting__title"]
    autocomplete_fields = ["meeting", "addressed_body", "given_by", "programme"]
    list_select_related = ["addressed_body", "meeting"]
    inlines = [DirectiveUpdateInline]
