"""Forms of the meeting pages. They only collect input: the rules are in the services."""

from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import date_field, offer_recent_only
from agreements.forms.filters import BODIES_OFFERED, offer_bodies
from agreements.models import Programme
from meetings.models import Directive, Meeting
from meetings.planning import DAY_OF_MONTH, NTH_WEEKDAY, ORDINALS, RULE_CHOICES, BriefingRule
from meetings.quarters import Quarter, quarters_between
from parties.models import Body, Official
from parties.versions import EditConflict, form_show_conflict, version_field

# Times typed as Vietnamese write them, whatever the browser's own language: 14:00.
TIME_WIDGET = forms.TimeInput(
    format="%H:%M", attrs={"placeholder": _("hh:mm"), "inputmode": "numeric"}
)
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]


def apply_service_errors(form, error, mapping=None):
    """Put a service's ValidationError next to the fields it concerns."""
    mapping = mapping or {}
    if isinstance(error, EditConflict):
        form_show_conflict(form, error)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        target = mapping.get(key, key)
        form.add_error(target if target in form.fields else None, messages)


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.position} ({obj.body})"


class OfficialsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.position} ({obj.body})"


class ProgrammesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return str(obj)


class ProgrammeChoiceField(forms.ModelChoiceField):
    # What the label reads (Programme.__str__, reference, status): offer_recent_only's
    # columns, so that a filter's 100 programmes are read without their texts.
    label_columns = ("number", "symbol", "title", "status", "issuer__kind")

    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_status_display()})"


class WhenMixin:
    """A day with a start and an end time, combined into aware datetimes."""

    def when(self):
        day = self.cleaned_data.get("day")
        start, end = self.cleaned_data.get("start_time"), self.cleaned_data.get("end_time")
        if day is None or start is None:
            return None, None
        starts_at = timezone.make_aware(datetime.combine(day, start))
        ends_at = timezone.make_aware(datetime.combine(day, end)) if end else None
        return starts_at, ends_at


WHEN_ERRORS = {"starts_at": "day", "ends_at": "end_time"}


def quarter_choices(programmes):
    programmes = list(programmes)
    if not programmes:
        return [("", "—")]
    first = min(p.period_start for p in programmes)
    last = max(p.period_end for p in programmes)
    return [("", "—")] + [(q.param, q.label) for q in reversed(quarters_between(first, last))]


# The organiser is the secretariat's own body, often a hidden field: say so if it is forged.
ORGANISER = {
    "invalid_choice": _(
        "The organising body is your own body, and it must be a party to the programmes."
    ),
    "required": _("Choose the organising body."),
}


class MeetingForm(WhenMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title of the meeting"), max_length=300)
    programmes = ProgrammesField(label=_("Programmes concerned"), queryset=Programme.objects.none())
    organiser = forms.ModelChoiceField(
        label=_("Organising body"), queryset=Body.objects.none(), error_messages=ORGANISER
    )
    day = date_field(_("Date"))
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET, initial=time(8))
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET, initial=time(10))
    place = forms.CharField(label=_("Place"), max_length=250)
    chair = OfficialChoiceField(label=_("Chair"), queryset=Official.objects.none(), required=False)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    invitees = OfficialsField(
        label=_("Officials invited"), queryset=Official.objects.none(), required=False
    )
    quarter = forms.ChoiceField(
        label=_("Quarter reviewed"),
        required=False,
        help_text=_(
            "For a quarterly briefing: the quarter it reviews. Each programme has one briefing "
            "per quarter."
        ),
    )

    def __init__(self, *args, programmes, officials, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = programmes
        self.fields["chair"].queryset = officials
        self.fields["invitees"].queryset = officials
        self.fields["organiser"].queryset = organisers
        if organisers.count() == 1:
            self.fields["organiser"].initial = organisers.get()
            self.fields["organiser"].widget = forms.HiddenInput()
        self.fields["quarter"].choices = quarter_choices(programmes)

    def clean_quarter(self):
        value = self.cleaned_data.get("quarter")
        return Quarter.parse(value) if value else None


class MeetingEditForm(forms.Form):
    version = version_field()
    title = forms.CharField(label=_("Title of the meeting"), max_length=300)
    place = forms.CharField(label=_("Place"), max_length=250)
    chair = OfficialChoiceField(label=_("Chair"), queryset=Official.objects.none(), required=False)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    invitees = OfficialsField(
        label=_("Officials invited"), queryset=Official.objects.none(), required=False
    )

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = officials
        self.fields["invitees"].queryset = officials


class MeetingMoveForm(WhenMixin, forms.Form):
    version = version_field()
    day = date_field(_("New date"))
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MeetingRecordForm(forms.Form):
    version = version_field()
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    conclusions = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    results = forms.CharField(
        label=_("Results achieved"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    limitations = forms.CharField(
        label=_("Limitations"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_tasks = forms.CharField(
        label=_("Next tasks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if not meeting.is_review:
            for name in ("results", "limitations", "next_tasks"):
                del self.fields[name]


ATTENDANCE_CHOICES = [
    ("present", _("Present")),
    ("absent", _("Absent")),
    ("deputy", _("Sent a deputy")),
]


class AttendanceForm(forms.Form):
    """One row per invited official, plus officials who came without an invitation."""

    also_present = OfficialsField(
        label=_("Also present, without an invitation"),
        queryset=Official.objects.none(),
        required=False,
    )
    version = version_field()

    def __init__(self, *args, attendances, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = list(attendances)
        for row in self.attendances:
            self.fields[f"state_{row.pk}"] = forms.ChoiceField(
                label=row.official.full_name,
                choices=ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=row.state or None,
            )
            self.fields[f"deputy_{row.pk}"] = forms.CharField(
                label=_("Deputy's name"), max_length=250, required=False, initial=row.deputy
            )
            self.fields[f"deputy_position_{row.pk}"] = forms.CharField(
                label=_("Deputy's position"),
                max_length=250,
                required=False,
                initial=row.deputy_position,
            )
        self.fields["also_present"].queryset = others

    def rows(self):
        for row in self.attendances:
            yield (
                row,
                self[f"state_{row.pk}"],
                self[f"deputy_{row.pk}"],
                self[f"deputy_position_{row.pk}"],
            )

    def clean(self):
        data = super().clean()
        for row in self.attendances:
            if data.get(f"state_{row.pk}") == "deputy" and not data.get(f"deputy_{row.pk}"):
                self.add_error(f"deputy_{row.pk}", _("Give the deputy's name."))
            if not data.get(f"state_{row.pk}"):
                self.add_error(f"state_{row.pk}", _("Choose present, absent or sent a deputy."))
        return data

    def entries(self):
        return {
            row: {
                "state": self.cleaned_data.get(f"state_{row.pk}"),
                "deputy": self.cleaned_data.get(f"deputy_{row.pk}", ""),
                "deputy_position": self.cleaned_data.get(f"deputy_position_{row.pk}", ""),
            }
            for row in self.attendances
        }


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})"


NOT_ADDRESSABLE = _(
    "A directive is addressed to a party, to a body supporting a clause, or to a body of the "
    "parties' localities."
)


class DirectiveForm(forms.Form):
    text = forms.CharField(label=_("Directive"), widget=forms.Textarea(attrs={"rows": 3}))
    addressed_body = BodyChoiceField(
        label=_("Addressed to"),
        queryset=Body.objects.none(),
        error_messages={"invalid_choice": NOT_ADDRESSABLE},
    )
    deadline = date_field(_("Deadline"), required=False)
    given_by = OfficialChoiceField(
        label=_("Given by"), queryset=Official.objects.none(), required=False
    )
    programme = ProgrammeChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )

    def __init__(self, *args, bodies, speakers, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_body"].queryset = bodies
        self.fields["given_by"].queryset = speakers
        self.fields["programme"].queryset = programmes
        # One programme to choose from (the meeting's only one, or the only one of a joint
        # meeting this secretariat sees): no question to ask, the directive is on it.
        self.only_programme = None
        if programmes.count() <= 1:
            self.only_programme = programmes.first()
            del self.fields["programme"]

    def clean(self):
        data = super().clean()
        if self.only_programme is not None:
            data["programme"] = self.only_programme
        return data


class FollowUpForm(forms.Form):
    version = version_field()
    status = forms.ChoiceField(label=_("Follow-up status"), choices=Directive.Status.choices)
    note = forms.CharField(
        label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    on = date_field(_("Date"))


class PlanForm(forms.Form):
    """The rule and the details every planned briefing shares."""

    programme = ProgrammeChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    together_with = ProgrammesField(
        label=_("Reviewed at the same briefings"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Other programmes signed with the same parties' secretariat, if any."),
    )
    organiser = forms.ModelChoiceField(
        label=_("Organising body"), queryset=Body.objects.none(), error_messages=ORGANISER
    )
    rule = forms.ChoiceField(
        label=_("Date rule"),
        choices=RULE_CHOICES,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=NTH_WEEKDAY,
    )
    n = forms.TypedChoiceField(
        label=_("Which"),
        choices=list(ORDINALS.items()),
        coerce=int,
        initial=2,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=WEEKDAYS,
        coerce=int,
        initial=1,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    day = forms.IntegerField(
        label=_("Day of the month"),
        min_value=1,
        max_value=28,
        initial=10,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET, initial=time(8))
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET, initial=time(10))
    place = forms.CharField(label=_("Place"), max_length=250)
    chair = OfficialChoiceField(label=_("Chair"), queryset=Official.objects.none(), required=False)
    invitees = OfficialsField(
        label=_("Officials invited"), queryset=Official.objects.none(), required=False
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        initial=_("Review of the quarter's coordination; tasks for the next quarter."),
    )

    def __init__(self, *args, programmes, officials, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        primary = self.data.get("programme") or getattr(self.initial.get("programme"), "pk", None)
        others = programmes.filter(status=Programme.Status.SIGNED)
        if str(primary or "").isdigit():
            others = others.exclude(pk=primary)
        self.fields["together_with"].queryset = others
        self.fields["chair"].queryset = officials
        self.fields["invitees"].queryset = officials
        self.fields["organiser"].queryset = organisers
        if organisers.count() == 1:
            self.fields["organiser"].initial = organisers.get()
            self.fields["organiser"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A meeting cannot end before it starts."))
        if data.get("rule") == DAY_OF_MONTH and data.get("day") is None:
            self.add_error("day", _("Give the day of the month."))
        return data

    def briefing_rule(self):
        data = self.cleaned_data
        weekday = data.get("weekday")
        try:
            return BriefingRule(
                kind=data["rule"],
                n=data.get("n") or 2,
                weekday=1 if weekday is None else weekday,
                day=data.get("day") or 10,
            )
        except (KeyError, ValueError) as error:
            raise ValidationError({"rule": _("Choose a date rule.")}) from error


class Select(forms.Select):
    """A select written in one pass, the same markup as Django's template (and the same
    class name, which crispy turns into the CSS class "select"): a provincial body's
    filter offers some 900 bodies, and a template include per option cost more than the
    rest of the calendar page (bench/INDEXES.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>',
                        str(option["value"]),
                        flatatt(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append(mark_safe("\n  </optgroup>"))
        parts.append(mark_safe("\n</select>"))
        return mark_safe("".join(parts))


class CalendarFilterForm(forms.Form):
    find = forms.CharField(label=_("Find a body"), required=False, max_length=100)
    body = BodyChoiceField(
        label=_("Body"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("All bodies"),
        widget=Select,
    )
    # Written in one pass too: its 100 latest programmes through Django's template per
    # option cost more than the rest of the directive list.
    programme = ProgrammeChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("All programmes"),
        widget=Select,
    )

    def __init__(self, *args, bodies, programmes, offer=True, first_bodies=None, **kwargs):
        """`first_bodies`, if given, is called with a number for a queryset holding at
        least the first that many of `bodies` in the filter's order, which it offers
        when nothing is typed or chosen, instead of reading every body."""
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["programme"].queryset = programmes.order_by("-period_start", "pk")
        if offer:  # not for a download, which shows no select
            offer_recent_only(self, "programme", columns=self.fields["programme"].label_columns)
            # A provincial body's filter would offer some 900 bodies: a few are offered,
            # narrowed by what is typed in "find", and the chosen one.
            find = self.data.get(self.add_prefix("find")) if self.is_bound else ""
            chosen = self.is_bound and str(self.data.get(self.add_prefix("body")) or "").isdigit()
            if first_bodies is not None and not find and not chosen:
                # `limit` + 1 tells whether more are left (offer_bodies).
                first = BODIES_OFFERED + 1
                offer_bodies(self, ("body",), first_bodies(first), first=first)
            else:
                offer_bodies(self, ("body",), bodies, find)


DIRECTIVE_STATUS_CHOICES = [
    ("", _("All")),
    ("overdue", _("Overdue")),
    *Directive.Status.choices,
]


class DirectiveFilterForm(CalendarFilterForm):
    status = forms.ChoiceField(
        label=_("Follow-up status"), choices=DIRECTIVE_STATUS_CHOICES, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Addressed to")
