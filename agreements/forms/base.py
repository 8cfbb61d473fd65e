"""What the forms share: date inputs, and putting a service's refusal at the right field."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DateInput(forms.DateInput):
    """The browser's date picker; it sends yyyy-mm-dd, which every locale here accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


def apply_errors(form, error, aliases=None):
    """Show a service's ValidationError on `form`: at the field it names, else on top."""
    aliases = aliases or {}
    if not isinstance(error, ValidationError):
        raise TypeError(error)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = aliases.get(name, name)
        target = name if name in form.fields else None
        if name == NON_FIELD_ERRORS:
            target = None
        form.add_error(target, errors)


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})" if hasattr(obj, "unit") else str(obj)


class BodyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})"
