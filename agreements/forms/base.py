"""What the forms share: date inputs, and putting a service's refusal at the right field."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from parties.forms import DateInput, date_field  # noqa: F401 (shared by the forms here)
from parties.versions import EditConflict, form_show_conflict


def apply_errors(form, error, aliases=None):
    """Show a service's ValidationError on `form`: at the field it names, else on top."""
    aliases = aliases or {}
    if not isinstance(error, ValidationError):
        raise TypeError(error)
    if isinstance(error, EditConflict):
        form_show_conflict(form, error)
        return
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
