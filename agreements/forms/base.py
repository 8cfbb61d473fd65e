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


# A province's list of programmes would make every filter a page of megabytes.
RECENT_CHOICES = 100


def offer_recent_only(form, name, limit=RECENT_CHOICES, *, columns=()):
    """Let the select `name` list only the first `limit` rows of its queryset, and the
    chosen one; any row of the queryset is still accepted (a link from its own page).
    With `columns`, the rows offered are read with those only (`.only()`): what the
    options' labels show, not each row's long texts."""
    field = form.fields[name]
    value = str(form.data.get(form.add_prefix(name)) or "") if form.is_bound else ""
    offered = field.queryset.only(*columns) if columns else field.queryset
    rows = list(offered[:limit])
    if value.isdigit() and all(str(row.pk) != value for row in rows):
        rows += list(offered.filter(pk=int(value)))
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = empty + [(row.pk, field.label_from_instance(row)) for row in rows]
