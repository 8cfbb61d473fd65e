from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parties.certificates import certificate_store, read_pkcs12
from parties.models import (
    AdministrativeUnit,
    Body,
    BodyName,
    Membership,
    Official,
    Position,
    Reorganisation,
    SigningCertificate,
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


class SigningCertificateForm(forms.ModelForm):
    """The PKCS#12 file and its passphrase, read and then kept encrypted
    (parties/certificates.py); neither is ever shown again."""

    pkcs12 = forms.FileField(
        label=_("Certificate file (PKCS#12: .p12 or .pfx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx"}),
    )
    passphrase = forms.CharField(
        label=_("Passphrase of the file"), widget=forms.PasswordInput, required=False
    )

    class Meta:
        model = SigningCertificate
        fields = ["body", "note"]

    # A PKCS#12 file is a few kilobytes; anything much larger is not one.
    MAX_BYTES = 1024 * 1024

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12")
        if upload is None:
            return cleaned
        if upload.size > self.MAX_BYTES:
            self.add_error("pkcs12", _("This file is too large to be a PKCS#12 certificate."))
            return cleaned
        data = upload.read()
        try:
            read_pkcs12(data, cleaned.get("passphrase") or "")
        except ValidationError as error:
            self.add_error("pkcs12", error.message_dict["pkcs12"])
        cleaned["pkcs12_bytes"] = data
        return cleaned


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = SigningCertificateForm
    list_display = ["body", "subject", "valid_until", "uploaded_at"]
    search_fields = ["body__name", "subject"]
    autocomplete_fields = ["body"]
    readonly_fields = ["subject", "issuer", "serial_number", "valid_from", "valid_until"]

    def get_fields(self, request, obj=None):
        fields = ["body", "pkcs12", "passphrase", "note"]
        return fields + self.readonly_fields if obj else fields

    def save_model(self, request, obj, form, change):
        stored = certificate_store(
            body=form.cleaned_data["body"],
            data=form.cleaned_data["pkcs12_bytes"],
            passphrase=form.cleaned_data.get("passphrase") or "",
            note=form.cleaned_data.get("note", ""),
        )
        obj.pk = stored.pk
        obj.refresh_from_db()
