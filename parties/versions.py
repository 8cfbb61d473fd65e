"""No lost update: each record two people may edit at once carries a version number.

An edit form sends back the version it was opened at (a hidden field). The
service locks the row, and if someone saved it in the meantime it refuses the
save with `EditConflict`: what is saved now beside what this person typed,
field by field. The form is shown again with everything they typed and the
new version, so that saving once more keeps their values on purpose.
"""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _


class EditConflict(ValidationError):
    """Someone else saved the record since this edit began."""

    def __init__(self, *, version, changes):
        super().__init__(
            _(
                "Someone else saved this while you were editing it. What is saved now is "
                "shown beside what you typed; nothing you typed is lost. Check it, then save "
                "again to keep your version."
            )
        )
        self.version = version
        self.changes = changes  # [(label, saved now, yours)]


def shown(value):
    """A value as a person reads it, to compare what is saved with what was typed."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(sorted(shown(item) for item in value)) or "—"
    if hasattr(value, "all") and not isinstance(value, Model):  # a queryset or manager
        return shown(list(value.all()))
    return str(value).strip() or "—"


def version_check(*, record, version, compare):
    """Refuse the save if `record` (read under a row lock) moved on from `version`.

    `compare` is called only then; it gives (label, saved value, submitted value)
    triples, and those that differ are what the person is shown. `version` None
    (a caller that is not a form) skips the check.
    """
    if version is None or version == record.version:
        return
    changes = []
    for label, saved, yours in compare():
        if shown(saved) != shown(yours):
            changes.append((capfirst(str(label)), shown(saved), shown(yours)))
    raise EditConflict(version=record.version, changes=changes)


def version_field():
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


def form_show_conflict(form, conflict):
    """Keep everything typed in `form`, point its version at the saved one, and list
    the differences for the template (`form.conflict`, includes/_edit_conflict.html)."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(conflict.version)
    form.data = data
    form.conflict = conflict.changes
    form.add_error(None, conflict.messages[0])
