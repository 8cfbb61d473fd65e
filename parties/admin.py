from django.contrib import admin

from parties.models import AdministrativeUnit, Body, Membership, Official


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "level", "parent"]
    list_filter = ["level", "category"]
    search_fields = ["name", "parent__name"]
    autocomplete_fields = ["parent"]


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0
    fields = ["full_name", "position", "email", "active_from", "active_to"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "unit", "parent"]
    list_filter = ["kind", "unit__level", "unit"]
    search_fields = ["name", "code", "unit__name"]
    autocomplete_fields = ["unit", "parent"]
    list_select_related = ["unit", "parent"]
    inlines = [OfficialInline]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "body", "email", "active_from", "active_to"]
    list_filter = ["body__kind", "body__unit"]
    search_fields = ["full_name", "position", "body__name", "email"]
    autocomplete_fields = ["body"]
    list_select_related = ["body"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "body", "official"]
    list_filter = ["role", "body__unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "body__name"]
    autocomplete_fields = ["user", "body", "official"]
    list_select_related = ["user", "body", "official"]
