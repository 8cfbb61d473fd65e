import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from agreements.models import VERSION_HELP, Programme, Signing, overdue_cutoff
from meetings.quarters import Quarter
from parties.dates import date_bounds
from parties.models import Body, Official


class Meeting(models.Model):
    """A conference or meeting (hội nghị, cuộc họp) held for one or more programmes."""

    class Kind(models.TextChoices):
        SIGNING = "signing", _("Signing ceremony")
        QUARTERLY_BRIEFING = "quarterly_briefing", _("Quarterly briefing")
        INTERIM_REVIEW = "interim_review", _("Interim review")
        FINAL_REVIEW = "final_review", _("Final review")
        OTHER = "other", _("Other meeting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    REVIEW_KINDS = frozenset({Kind.INTERIM_REVIEW, Kind.FINAL_REVIEW})
    # Briefings and reviews look back on work done, so they may be held in the
    # quarter after a programme's period; a signing may come up to a quarter
    # before the period it opens.
    LOOK_BACK_KINDS = frozenset({Kind.QUARTERLY_BRIEFING, Kind.INTERIM_REVIEW, Kind.FINAL_REVIEW})
    GRACE = timedelta(days=92)

    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes concerned"), related_name="meetings"
    )
    organiser = models.ForeignKey(
        Body,
        verbose_name=_("organising body"),
        help_text=_("The body whose secretariat runs the meeting."),
        related_name="organised_meetings",
        on_delete=models.PROTECT,
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=250)
    chair = models.ForeignKey(
        Official,
        verbose_name=_("chair"),
        related_name="chaired_meetings",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    chair_position = models.CharField(_("chair's position held"), max_length=250, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    results = models.TextField(_("results achieved"), blank=True)
    limitations = models.TextField(_("limitations"), blank=True)
    next_tasks = models.TextField(_("next tasks"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For the record's keepers only, never printed on pages or documents: for example, "
            "which details are illustrative and not from the source."
        ),
    )
    status_reason = models.TextField(
        _("reason for the last change"),
        blank=True,
        help_text=_("Why the meeting was cancelled or moved."),
    )
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Raised each time the meeting is moved or cancelled.")
    )
    signing = models.OneToOneField(
        Signing,
        verbose_name=_("signing recorded"),
        related_name="meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=VERSION_HELP
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        # The calendar, the quarter list and the feed read a span of days, then ask
        # visibility meeting by meeting (meetings/selectors.py).
        indexes = [models.Index(fields=["starts_at", "id"], name="meeting_starts_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="meeting_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(status_reason=""),
                name="meeting_cancelled_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%d/%m/%Y})"

    @property
    def is_review(self):
        return self.kind in self.REVIEW_KINDS

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_moved(self):
        """Still on the calendar, at a time other than the one first announced."""
        return self.status == self.Status.SCHEDULED and self.sequence > 0

    def has_started(self, now):
        return self.starts_at <= now

    @classmethod
    def window_for(cls, kind, programme):
        """The first and last day a meeting of `kind` may be held for `programme`."""
        first, last = programme.period_start, programme.period_end
        if kind == cls.Kind.SIGNING:
            first -= cls.GRACE
        if kind in cls.LOOK_BACK_KINDS:
            last += cls.GRACE
        return first, last

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A meeting cannot end before it starts.")})


class Attendance(models.Model):
    """An official invited to a meeting, and whether they came."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="attendances", on_delete=models.CASCADE
    )
    official = models.ForeignKey(
        Official, verbose_name=_("official"), related_name="attendances", on_delete=models.PROTECT
    )
    position = models.CharField(_("position held"), max_length=250, blank=True)
    invited = models.BooleanField(_("invited"), default=True)
    present = models.BooleanField(_("present"), null=True, blank=True)
    deputy = models.CharField(
        _("deputy sent"),
        max_length=250,
        blank=True,
        help_text=_("Name of whoever came in their place."),
    )
    deputy_position = models.CharField(_("deputy's position"), max_length=250, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "official__body__name", "official__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "official"], name="attendance_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(deputy="", deputy_position="") | Q(present=False),
                name="attendance_deputy_only_for_an_absentee",
            ),
        ]

    def __str__(self):
        return f"{self.official.full_name} – {self.meeting}"

    @property
    def state(self):
        """ "present", "deputy", "absent", or "" while nothing is recorded."""
        if self.present is None:
            return ""
        if self.present:
            return "present"
        return "deputy" if self.deputy else "absent"


class Directive(models.Model):
    """What a leader asked for at a meeting (ý kiến chỉ đạo), followed up like a clause."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="directives", on_delete=models.CASCADE
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        related_name="directives",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    text = models.TextField(_("text"))
    given_by = models.ForeignKey(
        Official,
        verbose_name=_("given by"),
        related_name="directives_given",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    addressed_body = models.ForeignKey(
        Body, verbose_name=_("addressed to"), related_name="directives", on_delete=models.PROTECT
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=date_bounds())
    status = models.CharField(
        _("follow-up status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For the record's keepers only, never printed on pages or documents: for example, "
            "which details are illustrative and not from the source."
        ),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=VERSION_HELP
    )

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="directive_done_has_date",
            ),
        ]
        indexes = [
            # The follow-up order (meetings/selectors.py, directives_with_overdue): a
            # page is read in it and stops at 25 rows seen, not every directive sorted.
            models.Index(
                Case(When(status="done", then=Value(1)), default=Value(0)),
                # PostgreSQL's ASC puts nulls last, as the order does (SQLite has no
                # NULLS LAST in an index).
                F("deadline").asc(),
                name="directive_follow_up_order",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def is_overdue_on(self, day):
        return self.status != self.Status.DONE and self.deadline is not None and self.deadline < day

    @classmethod
    def overdue_on_q(cls, day):
        """is_overdue_on in SQL, for lists that filter, count and sort on it."""
        return Q(deadline__lt=day) & ~Q(status=cls.Status.DONE)

    def follow_up_state_on(self, day):
        """The status a person sees: "overdue" once the deadline has passed unfinished."""
        return "overdue" if self.is_overdue_on(day) else self.status

    def status_on(self, day, today):
        """How the directive stood at the end of `day` if that day is over (a report's
        end), else during it: done only if finished by then, overdue if its deadline
        had passed, else still in hand. (Called on value rows too, as
        Directive.status_on(row, …): it reads only status, completed_on and deadline.)"""
        done = self.status == Directive.Status.DONE
        if done and self.completed_on and self.completed_on <= day:
            return "done"
        if self.deadline and self.deadline < overdue_cutoff(day, day_over=day < today):
            return "overdue"
        return Directive.Status.IN_PROGRESS.value if done else self.status

    def clean(self):
        if self.deadline and self.meeting_id and self.deadline < self.meeting.starts_at.date():
            raise ValidationError({"deadline": _("The deadline cannot be before the meeting.")})


class DirectiveUpdate(models.Model):
    """One step of a directive's follow-up: the status it reached and a note."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), related_name="updates", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("follow-up status"), max_length=12, choices=Directive.Status.choices
    )
    note = models.TextField(_("follow-up note"), blank=True)
    recorded_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["directive", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} – {self.recorded_on:%d/%m/%Y}"


class PlannedBriefing(models.Model):
    """The quarterly briefing that reviews one quarter of one programme.

    The unique constraint is what makes planning idempotent: a programme's
    quarter has at most one briefing, however many times (or by however many
    people at once) the plan is run. One briefing may review the same quarter
    of several programmes signed together.
    """

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        related_name="planned_briefings",
        on_delete=models.CASCADE,
    )
    quarter = models.DateField(_("quarter reviewed"), help_text=_("The first day of the quarter."))
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        related_name="planned_briefings",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("planned quarterly briefing")
        verbose_name_plural = _("planned quarterly briefings")
        ordering = ["programme", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "quarter"], name="briefing_once_per_programme_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.programme.short_citation} – {self.period.label}"

    @property
    def period(self):
        return Quarter.of(self.quarter)

    def clean(self):
        if self.quarter and (self.quarter.day != 1 or self.quarter.month not in (1, 4, 7, 10)):
            raise ValidationError(
                {"quarter": _("A quarter starts on the first day of its first month.")}
            )


class CalendarSubscription(models.Model):
    """The version of a user's calendar subscription address (meetings/subscriptions.py):
    the address is signed with it, so a new version puts every earlier address out of use.
    A user who never renewed has no row: version 0."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        related_name="calendar_subscription",
        on_delete=models.CASCADE,
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    renewed_at = models.DateTimeField(_("renewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self):
        return f"{self.user} – {self.version}"
