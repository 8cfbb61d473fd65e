"""Forms of the organisation pages (/org/), and the date input every form of the product
uses (the apps above import it from here)."""

import copy

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from parties.dates import date_bounds
from parties.models import AdministrativeUnit, Body, Membership, Official, Succession


class DateInput(forms.DateInput):
    """Every date of the product, typed as Vietnamese write it: 09/04/2024.

    Not the browser's date picker, which shows the browser's own order
    (mm/dd/yyyy in an English one); yyyy-mm-dd is accepted too.
    """

    def __init__(self, attrs=None):
        attrs = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", **(attrs or {})}
        super().__init__(attrs=attrs, format="%d/%m/%Y")


def date_field(label, **kwargs):
    """A date typed dd/mm/yyyy, within the product's range (parties/dates.py)."""
    return forms.DateField(label=label, widget=DateInput(), validators=date_bounds(), **kwargs)


class Labelled:
    """Labels start with a capital, as a ModelForm's do (the msgids are the models'
    lower-case verbose names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)


class NamedBodyField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})"


class UnitForm(Labelled, forms.ModelForm):
    began_on = date_field(_("in existence from"), required=False)

    class Meta:
        model = AdministrativeUnit
        fields = ["name", "category", "parent", "began_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, units, may_add_provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units.order_by("level", "name")
        self.may_add_provinces = may_add_provinces

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category:
            self.instance.level = AdministrativeUnit.CATEGORY_LEVELS[category]
        if not data.get("parent") and not self.may_add_provinces:
            # A province is added by the system's administrator (a superuser); a unit
            # administrator adds units below their own.
            self.add_error("parent", _("Choose the unit above it."))
        return data


class BodyForm(Labelled, forms.ModelForm):
    began_on = date_field(_("in existence from"), required=False)

    class Meta:
        model = Body
        fields = ["name", "full_name", "kind", "code", "unit", "parent", "began_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, units, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("level", "name")
        self.fields["parent"] = NamedBodyField(
            queryset=bodies.select_related("unit"),
            required=False,
            label=Body._meta.get_field("parent").verbose_name,
            help_text=Body._meta.get_field("parent").help_text,
        )


class OfficialForm(Labelled, forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=120)
    body = NamedBodyField(queryset=Body.objects.none(), label=_("body"))
    title = forms.CharField(
        label=_("position"),
        max_length=250,
        help_text=_("For example: Phó Bí thư, Chủ tịch UBND xã"),
    )
    held_from = date_field(_("held from"))
    held_to = date_field(_("held until"), required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies.select_related("unit")

    def clean(self):
        data = super().clean()
        start, end = data.get("held_from"), data.get("held_to")
        if start and end and end < start:
            self.add_error("held_to", _("The end of the term cannot be before its start."))
        return data


class PositionForm(OfficialForm):
    """Another position of an official already recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["full_name"], self.fields["email"]


class AccountForm(Labelled, forms.Form):
    """Who a new account is for; the person sets the password from the invitation."""

    username = forms.CharField(
        label=_("user name"),
        max_length=150,
        help_text=_("Letters, digits and . _ - only, for example canbo.daithanh"),
    )
    last_name = forms.CharField(label=_("family and middle name"), max_length=150)
    first_name = forms.CharField(label=_("given name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), help_text=_("The invitation is sent here."))
    body = NamedBodyField(queryset=Body.objects.none(), label=_("body"))
    role = forms.ChoiceField(label=_("role"), choices=Membership.Role.choices)
    official = forms.ModelChoiceField(
        queryset=Official.objects.none(), required=False, label=_("official record")
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies.select_related("unit")
        self.fields["official"].queryset = Official.objects.filter(body__in=bodies)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        validator = get_user_model().username_validator
        validator(username)
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken; choose another."))
        return username


class AccountChangeForm(AccountForm):
    """Another body or role for an account (what it recorded stays as recorded)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("username", "last_name", "first_name", "email"):
            del self.fields[name]


class ReorganisationForm(Labelled, forms.Form):
    legal_basis = forms.CharField(
        label=_("legal basis"),
        max_length=300,
        help_text=_("For example: Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025"),
    )
    decided_on = date_field(_("decided on"))
    effective_on = date_field(
        _("in effect from"),
        help_text=_("The first day of the successors; the others end the day before."),
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sources, and what in this record is illustrative."),
    )

    def clean(self):
        data = super().clean()
        decided, effective = data.get("decided_on"), data.get("effective_on")
        if decided and effective and effective < decided:
            self.add_error("effective_on", _("It cannot take effect before it was decided."))
        return data


class SuccessionForm(forms.Form):
    """One row: what ended, how, and what succeeded it (both units, or both bodies)."""

    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", "—"), *Succession.Kind.choices[:2]], required=False
    )
    predecessor = forms.ModelChoiceField(queryset=None, required=False, label=_("ended"))
    successor = forms.ModelChoiceField(queryset=None, required=False, label=_("successor"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessor"].queryset = choices
        self.fields["successor"].queryset = choices
        # Shown as a table row under one heading, not as a form of its own.
        for field in self.fields.values():
            field.widget.attrs.update(
                {"class": "form-select form-select-sm", "aria-label": field.label}
            )

    def clean(self):
        data = super().clean()
        filled = [data.get(n) for n in ("kind", "predecessor", "successor")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Give the kind, what ended and its successor."))
        if all(filled) and data["predecessor"] == data["successor"]:
            self.add_error("successor", _("A unit or body cannot succeed itself."))
        return data


SuccessionFormSet = forms.formset_factory(SuccessionForm, extra=4, max_num=20, validate_max=True)


class RenameRow(forms.Form):
    """One row: a unit or body that goes on under a new name from the day the
    reorganisation takes effect. The new name is checked as the record would be saved
    (capitals, a name already used in the same unit), field by field."""

    record_field = "record"
    name_fields = ()

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.record_field].queryset = choices
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.update({"class": f"{css} {css}-sm", "aria-label": field.label})

    def clean(self):
        data = super().clean()
        record = data.get(self.record_field)
        names = {name: data.get(name) for name in self.name_fields}
        given = [value for value in names.values() if value]
        if not record and not given:
            return data  # an empty row
        if not record:
            self.add_error(self.record_field, _("Choose what is renamed."))
            return data
        missing = [name for name, value in names.items() if not value and name in self.fields]
        for name in missing:
            self.add_error(name, _("Give the new name."))
        if missing or self.errors:
            return data
        if all(getattr(record, name) == value for name, value in names.items()):
            self.add_error(self.name_fields[0], _("This is already its name."))
            return data
        candidate = copy.copy(record)
        for name, value in names.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data


class BodyRenameForm(RenameRow):
    record_field = "body"
    name_fields = ("name", "full_name")

    body = NamedBodyField(queryset=Body.objects.none(), required=False, label=_("body"))
    name = forms.CharField(label=_("new short name"), max_length=200, required=False)
    full_name = forms.CharField(label=_("new full official name"), max_length=250, required=False)


class UnitRenameForm(RenameRow):
    record_field = "unit"
    name_fields = ("name", "category")

    unit = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.none(), required=False, label=_("administrative unit")
    )
    name = forms.CharField(label=_("new name"), max_length=120, required=False)
    category = forms.ChoiceField(
        label=_("category"),
        choices=[("", "—"), *AdministrativeUnit.Category.choices],
        required=False,
    )


class RenameRows(forms.BaseFormSet):
    """Each unit or body at most once in an act."""

    def clean(self):
        if any(self.errors):
            return
        chosen = [form.cleaned_data.get(form.record_field) for form in self.forms]
        chosen = [record for record in chosen if record]
        if len({record.pk for record in chosen}) < len(chosen):
            raise forms.ValidationError(_("Each is renamed once in a reorganisation."))

    def renames(self):
        """(record, *new names) for each row filled."""
        return [
            (
                form.cleaned_data[form.record_field],
                *(form.cleaned_data[n] for n in form.name_fields),
            )
            for form in self.forms
            if form.cleaned_data.get(form.record_field)
        ]


BodyRenameFormSet = forms.formset_factory(
    BodyRenameForm, formset=RenameRows, extra=2, max_num=20, validate_max=True
)
UnitRenameFormSet = forms.formset_factory(
    UnitRenameForm, formset=RenameRows, extra=2, max_num=20, validate_max=True
)
