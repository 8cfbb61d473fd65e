from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from parties.models import (
    AdministrativeUnit,
    Body,
    BodyName,
    Membership,
    Official,
    Position,
    Reorganisation,
    Succession,
    UnitName,
)

# Django stores a permission's name in English ("Can add clause"); say it again here.
PERMISSION_ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


class PermissionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, permission):
        """ "Chương trình phối hợp | Được thêm nội dung phối hợp": in the reader's language."""
        model = permission.content_type.model_class()
        action, _sep, model_name = permission.codename.partition("_")
        if (
            model is None
            or action not in PERMISSION_ACTIONS
            or model_name != model._meta.model_name
        ):
            return str(permission)
        app = apps.get_app_config(model._meta.app_label).verbose_name
        return f"{app} | {PERMISSION_ACTIONS[action] % {'name': model._meta.verbose_name}}"


class ReadablePermissions:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(get_user_model())
admin.site.unregister(Group)


@admin.register(get_user_model())
class AccountAdmin(ReadablePermissions, UserAdmin):
    pass


@admin.register(Group)
class PermissionGroupAdmin(ReadablePermissions, GroupAdmin):
    pass


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
    list_display = ["name", "full_name", "code", "kind", "unit", "parent"]
    list_filter = ["kind", "unit__level", "unit"]
    search_fields = ["name", "full_name", "code", "unit__name"]
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


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


class BodyNameInline(admin.TabularInline):
    model = BodyName
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    fk_name = "official"
    extra = 0
    autocomplete_fields = ["body"]


AdministrativeUnitAdmin.inlines = [UnitNameInline]
BodyAdmin.inlines = [OfficialInline, BodyNameInline]
OfficialAdmin.inlines = [PositionInline]


class SuccessionInline(admin.TabularInline):
    model = Succession
    extra = 0
    autocomplete_fields = [
        "predecessor_unit",
        "successor_unit",
        "predecessor_body",
        "successor_body",
    ]


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    list_display = ["legal_basis", "decided_on", "effective_on"]
    search_fields = ["legal_basis"]
    inlines = [SuccessionInline]
