import calendar
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.storage import private_storage, scan_file_name
from parties.dates import date_bounds
from parties.models import Body, IssuedDocument, Official, Reorganisation

# Raised on every edit so that a form opened before another person's save is refused
# instead of silently reverting it (parties/versions.py).
VERSION_HELP = _("Raised by one at each edit; an edit begun on an older version is refused.")


class ClauseStatus(models.TextChoices):
    """What a progress report says of a clause, plus "dropped" for the clause itself."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")
    DROPPED = "dropped", _("Dropped")
    # Said "on track" longer ago than STALE_AFTER: the claim is no longer believed.
    STALE = "stale", _("Not reported recently")


# Stored statuses of work still to do: past its due date, such a clause is overdue.
OPEN_STATUSES = (
    ClauseStatus.NOT_STARTED,
    ClauseStatus.ON_TRACK,
    ClauseStatus.AT_RISK,
    ClauseStatus.OVERDUE,
)
# A report older than a quarter no longer vouches that the work is on track.
STALE_AFTER_MONTHS = 3


def stale_cutoff(day):
    """Reports before the date returned are too old to say a clause is on track on `day`."""
    month = day.month - STALE_AFTER_MONTHS
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def overdue_cutoff(day, *, day_over=False):
    """Work not done and due before the date returned is overdue on `day`.

    While `day` runs, work due that day is still in time; once the day is over
    (the last day of a period a report looks back on) it is late too.
    """
    return day + timedelta(days=1) if day_over else day


class Topic(models.Model):
    """A field of work (lĩnh vực): tuyên truyền, ATGT, nông thôn mới …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)

    class Meta:
        verbose_name = _("field of work")
        verbose_name_plural = _("fields of work")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Signing(models.Model):
    """A signing ceremony (lễ ký kết); one ceremony may sign several programmes."""

    # Empty only for a signing recorded from a source that does not give its date or
    # place; the signing page always asks for both (agreements/forms/signing.py).
    date = models.DateField(_("date"), validators=date_bounds(), null=True, blank=True)
    place = models.CharField(
        _("place"),
        max_length=250,
        blank=True,
        help_text=_("For example: phòng họp số 1 UBND huyện"),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signing")
        verbose_name_plural = _("signings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        if self.date is None:
            return str(
                _("Signing at %(place)s") % {"place": self.place} if self.place else _("Signing")
            )
        return _("Signing of %(date)s at %(place)s") % {
            "date": self.date.strftime("%d/%m/%Y"),
            "place": self.place,
        }


class SigningWitness(models.Model):
    """Someone who witnessed the signing, with the position held that day."""

    signing = models.ForeignKey(
        Signing, verbose_name=_("signing"), related_name="witnesses", on_delete=models.CASCADE
    )
    official = models.ForeignKey(
        Official, verbose_name=_("official"), related_name="+", on_delete=models.PROTECT
    )
    position = models.CharField(_("position held"), max_length=250)

    class Meta:
        verbose_name = _("witness")
        verbose_name_plural = _("witnesses")
        ordering = ["signing", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["signing", "official"], name="witness_once_per_signing"
            ),
        ]

    def __str__(self):
        return f"{self.official.full_name} – {self.position}"


class Programme(models.Model):
    """A coordination programme (chương trình phối hợp) between two or more bodies."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed, in force")
        CLOSED = "closed", _("Closed")

    # Number and symbol go together; both empty only for a programme recorded from a
    # source that does not give them (it is then cited by its title, as a text cites an
    # act whose number it does not know). A draft made on the pages always has them.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(
        _("symbol"), max_length=60, blank=True, help_text=_("For example: CTrPH/BTGHU-UBND")
    )
    year = models.PositiveSmallIntegerField(_("year of the number"))
    issuer = models.ForeignKey(
        Body,
        verbose_name=_("issuing body"),
        help_text=_("The body whose register gives the number."),
        related_name="issued_programmes",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("title"), max_length=500)
    legal_basis = models.TextField(
        _("legal basis"), blank=True, help_text=_("For example: Quyết định số 238-QĐ/TW")
    )
    content = models.TextField(
        _("purpose and requirements"),
        blank=True,
        help_text=_("The programme's own text, apart from its clauses."),
    )
    parties = models.ManyToManyField(
        Body,
        through="ProgrammeParty",
        verbose_name=_("parties"),
        related_name="programmes",
    )
    period_start = models.DateField(_("period start"), validators=date_bounds())
    period_end = models.DateField(_("period end"), validators=date_bounds())
    topics = models.ManyToManyField(
        Topic, verbose_name=_("fields of work"), related_name="programmes", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    fingerprint = models.CharField(
        _("content fingerprint (SHA-256)"), max_length=64, blank=True, editable=False
    )
    signing = models.ForeignKey(
        Signing,
        verbose_name=_("signing"),
        related_name="programmes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    scanned_copy = models.FileField(
        _("scanned signed copy"), upload_to=scan_file_name, storage=private_storage, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For the record's keepers only, never printed on pages or documents: for example, "
            "which details are illustrative and not from the source."
        ),
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Reference, words and party names without diacritics, kept by the services."),
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
    # The note is for the record's keepers: no page shows it, the history included.
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at", "version", "note"])

    class Meta:
        verbose_name = _("coordination programme")
        verbose_name_plural = _("coordination programmes")
        ordering = ["-period_start", "-year", F("number").desc(nulls_last=True), "pk"]
        indexes = [
            # The few drafts, so that lists of clauses leave them out by a hashed NOT IN
            # instead of reading every programme row (agreements/selectors/clauses.py).
            models.Index(fields=["id"], condition=Q(status="draft"), name="programme_drafts"),
            # The most recent first: the clause list's clauses without a due date, and
            # the clause list's programme picker (its first 100).
            models.Index(F("period_start").desc(), "id", name="programme_recent"),
            # The list's (and the admin's) order: a page is read in it and stops at 25
            # rows the user sees, only the ties of a period sorted (bench/INDEXES.md).
            # Not "number DESC NULLS LAST" as the order: SQLite has no NULLS in indexes.
            models.Index(
                F("period_start").desc(),
                F("year").desc(),
                F("number").desc(),
                F("id"),
                name="programme_newest_first",
            ),
            # The list's year filter offers up to the last period's end.
            models.Index(fields=["period_end"], name="programme_period_end"),
            # The programmes in force (signed, period not over) counted from the index
            # alone, without reading a heap page each: the leaders' dashboard.
            models.Index(
                fields=["period_end", "id"],
                condition=Q(status="signed"),
                name="programme_signed_period_end",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number", "symbol"],
                name="programme_unique_reference_per_issuer_year",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="programme_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(fingerprint="") & Q(signing__isnull=False)),
                name="programme_signed_has_signing_and_fingerprint",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="programme_closed_has_date",
            ),
            models.CheckConstraint(
                condition=(Q(number__isnull=True) & Q(symbol=""))
                | (Q(number__isnull=False) & ~Q(symbol="")),
                name="programme_number_and_symbol_together",
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.title}" if self.reference else self.title

    @property
    def reference(self):
        """ "01-CTrPH/BTGHU-UBND"; empty when the number is not known."""
        if self.number is None:
            return ""
        return self.issuer.format_reference(self.number, self.symbol)

    @property
    def citation(self):
        """How a text cites the programme: its number and symbol, or, when the source
        does not give them, its title (the act's own name)."""
        return self.reference or self.title

    @property
    def short_citation(self):
        """The citation short enough for a link in a list or a breadcrumb."""
        return self.reference or Truncator(self.title).chars(70)

    @staticmethod
    def signed_by_q(day):
        """Programmes signed on or before `day`; one whose signing day the source does not
        give counts from the start of its period."""
        return Q(signing__date__lte=day) | Q(
            signing__isnull=False, signing__date__isnull=True, period_start__lte=day
        )

    @property
    def file_stem(self):
        """The name its files are downloaded under: the reference, else the title's words."""
        if self.reference:
            return self.reference.replace("/", "_")
        return slugify(self.title.replace("đ", "d").replace("Đ", "D"))[:80] or str(self.pk)

    @property
    def signed_on(self):
        """The day it was signed; None while a draft or when the source does not give it."""
        return self.signing.date if self.signing_id else None

    @property
    def in_force_from(self):
        """The first day its work counts from: the signing's day, or, for a programme
        whose signing day is not known, the start of its period."""
        return self.signed_on or self.period_start

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @classmethod
    def in_force_q(cls, day, prefix=""):
        """Signed and its period not over by `day`: what the dashboard counts as in force.
        `prefix` reaches the programme from another model ("programme__")."""
        return Q(**{f"{prefix}status": cls.Status.SIGNED, f"{prefix}period_end__gte": day})

    def period_over_unclosed(self, day):
        """Signed, its period ended before `day`, and not closed by its final review: no
        longer in force (the dashboard does not count it), though nobody closed it."""
        return self.status == self.Status.SIGNED and self.period_end < day

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The end of the period cannot be before its start.")}
            )
        if (self.number is None) != (not self.symbol):
            raise ValidationError(
                {
                    "symbol": _(
                        "Give the number and the symbol together, or neither when the source "
                        "does not give them."
                    )
                }
            )


class ProgrammeParty(models.Model):
    """A body that is a party to a programme; at most one party leads."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="memberships", on_delete=models.CASCADE
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), related_name="programme_memberships", on_delete=models.PROTECT
    )
    is_lead = models.BooleanField(_("lead party"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["programme", "-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "body"], name="party_once_per_programme"),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(is_lead=True),
                name="party_at_most_one_lead",
            ),
        ]

    def __str__(self):
        return str(self.body)


class ProgrammeReach(models.Model):
    """Kept by agreements/reach.py, never written by hand: a unit whose bodies see the
    programme because a body of a unit below it (one or two levels) is a party to it or
    supports one of its clauses. Visibility asks this one indexed table instead of
    joining every supporting body of every clause (bench/INDEXES.md); rebuilt with
    `manage.py rebuild_programme_reach` after a bulk load."""

    # No database constraint: rows of a programme being deleted may be written again by
    # the same deletion's signals; they name nothing and a rebuild drops them.
    programme = models.ForeignKey(
        Programme, related_name="+", on_delete=models.CASCADE, db_constraint=False
    )
    unit_id = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "programme"], name="programme_reach_once")
        ]

    def __str__(self):
        return f"{self.programme_id} @ {self.unit_id}"


class ProgrammeInvolvement(models.Model):
    """Kept by agreements/reach.py, never written by hand: a body that is a party to the
    programme or supports one of its clauses, once. A body's own programmes are read here
    by one index, not through every clause it supports."""

    # Indexed by programme_involvement_bodies, which begins with it.
    programme = models.ForeignKey(
        Programme, related_name="+", on_delete=models.CASCADE, db_constraint=False, db_index=False
    )
    body_id = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["body_id", "programme"], name="programme_involvement_once"
            )
        ]
        indexes = [
            # The bodies of given programmes read from the index alone: the clause list's
            # body pickers for a user who sees few programmes (bench/INDEXES.md).
            models.Index(fields=["programme", "body_id"], name="programme_involvement_bodies")
        ]

    def __str__(self):
        return f"{self.programme_id} @ body {self.body_id}"


class Signatory(models.Model):
    """The official who signed a programme for one of its parties."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="signatories", on_delete=models.CASCADE
    )
    body = models.ForeignKey(
        Body, verbose_name=_("for the party"), related_name="+", on_delete=models.PROTECT
    )
    official = models.ForeignKey(
        Official, verbose_name=_("official"), related_name="signatures", on_delete=models.PROTECT
    )
    position = models.CharField(_("position held"), max_length=250)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "body"], name="signatory_once_per_party"),
        ]

    def __str__(self):
        return f"{self.official.full_name} – {self.position}"

    def clean(self):
        if not (self.programme_id and self.body_id):
            return
        if not self.programme.memberships.filter(body_id=self.body_id).exists():
            raise ValidationError({"body": _("This body is not a party to the programme.")})
        if self.official_id and self.official.body_id != self.body_id:
            raise ValidationError(
                {"official": _("The signing official must belong to the party they sign for.")}
            )


class Amendment(models.Model):
    """A change to a signed programme: its own date and text, the original kept."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="amendments", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="amendment_unique_number"),
        ]

    def __str__(self):
        return _("Amendment %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y"),
        }


class ClauseQuerySet(models.QuerySet):
    def current(self):
        """Clauses no amendment has replaced: NOT IN the few replaced ids, which PostgreSQL
        hashes once (the `replaces_id` index holds them) and probes per row. The NOT
        EXISTS anti-join it replaces hashed every clause of the province each time
        (519 → 214 ms for the clause list's count, bench/INDEXES.md); replaced_by__isnull,
        a LEFT JOIN … IS NULL, was estimated at one row and nested-looped over 13,000."""
        replaced = Clause.objects.filter(replaces__isnull=False).order_by().values("replaces_id")
        return self.exclude(pk__in=replaced)

    def status_refresh(self):
        """Store each clause's latest progress report, its date and the status it gives
        (dropped first): one UPDATE, run after any write to a clause's reports; then count
        their programmes' clauses again (ClauseTally)."""
        latest = ProgressReport.objects.filter(clause=OuterRef("pk")).order_by(
            "-reported_on", "-pk"
        )
        refreshed = self.update(
            latest_report=Subquery(latest.values("pk")[:1]),
            reported_on=Subquery(latest.values("reported_on")[:1]),
            status=Case(
                When(dropped_on__isnull=False, then=Value(ClauseStatus.DROPPED.value)),
                default=Coalesce(
                    Subquery(latest.values("status")[:1]), Value(ClauseStatus.NOT_STARTED.value)
                ),
                output_field=models.CharField(),
            ),
        )
        # The dashboard's counts follow the stored status (agreements/tally.py, which
        # imports this module).
        from agreements.tally import clauses_counted_again

        clauses_counted_again(self.order_by().values_list("programme_id", flat=True).distinct())
        return refreshed


class Clause(models.Model):
    """A task clause (nội dung phối hợp) of a programme."""

    class Cadence(models.TextChoices):
        ONCE = "once", _("Once, by a deadline")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")
        ONGOING = "ongoing", _("Ongoing")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="clauses", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("field of work"),
        related_name="clauses",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    lead_body = models.ForeignKey(
        Body, verbose_name=_("lead body"), related_name="led_clauses", on_delete=models.PROTECT
    )
    supporting_bodies = models.ManyToManyField(
        Body, verbose_name=_("supporting bodies"), related_name="supported_clauses", blank=True
    )
    cadence = models.CharField(
        _("cadence"), max_length=10, choices=Cadence.choices, default=Cadence.ONGOING
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=date_bounds())
    amendment = models.ForeignKey(
        Amendment,
        verbose_name=_("added by amendment"),
        related_name="clauses",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces clause"),
        related_name="replaced_by",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    dropped_on = models.DateField(_("dropped on"), null=True, blank=True)
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    # Kept by ProgressReport.save/delete and Clause.save (ClauseQuerySet.status_refresh):
    # lists filter and sort on them instead of finding each clause's latest report.
    status = models.CharField(
        _("stored status"),
        max_length=12,
        choices=ClauseStatus.choices,
        default=ClauseStatus.NOT_STARTED,
        editable=False,
        help_text=_("Dropped, else what the latest progress report says; kept by the services."),
    )
    latest_report = models.ForeignKey(
        "ProgressReport",
        verbose_name=_("latest progress report"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    reported_on = models.DateField(_("last reported on"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=VERSION_HELP
    )
    history = HistoricalRecords(
        excluded_fields=["version", "status", "latest_report", "reported_on"]
    )

    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["programme", "number", "pk"]
        indexes = [
            # Lists and the dashboard: a programme's clauses by stored status; overdue
            # (open work past due) and lead-body filters.
            models.Index(fields=["programme", "status"], name="clause_programme_status"),
            models.Index(
                fields=["due_date"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="clause_open_due_date",
            ),
            models.Index(fields=["lead_body", "status"], name="clause_lead_status"),
            # The clause list's urgencies (Clause.status_is_sql): each walked in due-date
            # order by status; the columns included let a count per urgency read this
            # index alone (UrgencyPages in agreements/selectors/clauses.py).
            models.Index(
                fields=["status", "due_date"],
                include=["reported_on", "programme", "id"],
                name="clause_urgency",
            ),
            # The same for the clauses without a due date, walked programme by programme
            # from the most recent (programme_recent).
            models.Index(
                fields=["programme", "status"],
                condition=Q(due_date__isnull=True),
                name="clause_undated",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                condition=Q(amendment__isnull=True),
                name="clause_unique_number_in_original",
            ),
            models.UniqueConstraint(
                fields=["amendment", "number"],
                condition=Q(amendment__isnull=False),
                name="clause_unique_number_in_amendment",
            ),
            models.CheckConstraint(
                condition=Q(dropped_on__isnull=True, dropped_reason="")
                | (Q(dropped_on__isnull=False) & ~Q(dropped_reason="")),
                name="clause_dropped_with_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | Q(amendment__isnull=False),
                name="clause_replacement_comes_with_amendment",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    def save(self, *args, **kwargs):
        # A dropped clause's stored status is "dropped" whoever saved it.
        if self.dropped_on is not None and self.status != ClauseStatus.DROPPED:
            self.status = ClauseStatus.DROPPED
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "status"}
        super().save(*args, **kwargs)

    @property
    def is_dropped(self):
        return self.dropped_on is not None

    def clean(self):
        errors = {}
        if (
            self.programme_id
            and self.lead_body_id
            and not self.programme.memberships.filter(body_id=self.lead_body_id).exists()
        ):
            errors["lead_body"] = _("The lead body must be a party to the programme.")
        if self.programme_id and self.due_date:
            programme = self.programme
            if not programme.period_start <= self.due_date <= programme.period_end:
                errors["due_date"] = _(
                    "The due date must fall within the programme's period (%(start)s – %(end)s)."
                ) % {
                    "start": programme.period_start.strftime("%d/%m/%Y"),
                    "end": programme.period_end.strftime("%d/%m/%Y"),
                }
        if self.cadence == self.Cadence.ONCE and not self.due_date:
            errors["due_date"] = _("A one-off task needs a due date.")
        if self.amendment_id and self.amendment.programme_id != self.programme_id:
            errors["amendment"] = _("The amendment belongs to another programme.")
        if errors:
            raise ValidationError(errors)

    def effective_status(self, *, latest_status, today, day_over=False, reported_on=None):
        """The clause's state on `today`: dropped by then, else its latest report
        (up to that day), overdue once past due undone (see overdue_cutoff); "on track"
        said before stale_cutoff(today) is not reported recently (when `reported_on`,
        the latest report's date, is given)."""
        if self.dropped_on is not None and self.dropped_on <= today:
            return ClauseStatus.DROPPED
        status = latest_status or ClauseStatus.NOT_STARTED
        late = self.due_date and self.due_date < overdue_cutoff(today, day_over=day_over)
        if status != ClauseStatus.DONE and late:
            return ClauseStatus.OVERDUE
        if status == ClauseStatus.ON_TRACK and reported_on and reported_on < stale_cutoff(today):
            return ClauseStatus.STALE
        return status

    @staticmethod
    def status_sql(today):
        """effective_status in SQL on the stored `status` and `reported_on`, for lists
        that filter and sort on it (the partial index clause_open_due_date serves
        "overdue")."""
        S = ClauseStatus
        return Case(
            When(
                status__in=[s.value for s in OPEN_STATUSES],
                due_date__lt=overdue_cutoff(today),
                then=Value(S.OVERDUE.value),
            ),
            When(
                status=S.ON_TRACK.value,
                reported_on__lt=stale_cutoff(today),
                then=Value(S.STALE.value),
            ),
            default=F("status"),
            output_field=models.CharField(),
        )

    @staticmethod
    def status_is_sql(status, today):
        """A filter equal to status_sql(today) == `status`, written so indexes serve it."""
        S = ClauseStatus
        open_values = [s.value for s in OPEN_STATUSES]
        late = Q(status__in=open_values, due_date__lt=overdue_cutoff(today))
        stale = Q(status=S.ON_TRACK.value, reported_on__lt=stale_cutoff(today))
        if status == S.OVERDUE:
            return late | Q(status=S.OVERDUE.value)
        if status == S.STALE:
            return stale & ~late
        if status in open_values:
            condition = Q(status=status) & ~late
            return condition & ~stale if status == S.ON_TRACK else condition
        return Q(status=status)


class Indicator(models.Model):
    """A measurable target of a clause, e.g. "hội nghị chuyên đề: 1000"."""

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), related_name="indicators", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example: hội nghị"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["clause", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gte=0), name="indicator_target_not_negative"
            ),
            models.UniqueConstraint(fields=["clause", "name"], name="indicator_unique_name"),
        ]

    def __str__(self):
        return f"{self.name}: {self.target.normalize():f} {self.unit}"


class ProgressReport(models.Model):
    """A body's account of a clause on a day; the latest one is the clause's state."""

    REPORTABLE_STATUSES = [
        (s.value, s.label)
        for s in (
            ClauseStatus.NOT_STARTED,
            ClauseStatus.ON_TRACK,
            ClauseStatus.AT_RISK,
            ClauseStatus.DONE,
            ClauseStatus.OVERDUE,
        )
    ]

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), related_name="progress_reports", on_delete=models.CASCADE
    )
    reported_on = models.DateField(_("date"))
    reporting_body = models.ForeignKey(
        Body, verbose_name=_("reporting body"), related_name="+", on_delete=models.PROTECT
    )
    status = models.CharField(_("status"), max_length=12, choices=REPORTABLE_STATUSES)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["clause", "-reported_on", "-pk"]
        get_latest_by = ["reported_on", "pk"]
        indexes = [
            # A clause's latest report up to a day, as the reports' subqueries ask for it
            # (reports/selectors/clauses.py, `latest_report`): the first entry, no sort,
            # the status read from the index (a province's 135,000 clauses, 5 days each).
            models.Index(
                fields=["clause", "-reported_on", "-id"],
                include=["status"],
                name="progress_clause_latest",
            ),
            # Whether a clause's body said anything by a day (the year-end summary's
            # unexplained concerns, reports/selectors/summary.py): one probe, index only.
            models.Index(
                fields=["clause", "reported_on"],
                condition=~Q(note__regex=r"^\s*$"),
                name="progress_noted",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped"), name="progress_status_is_reportable"
            ),
        ]

    def __str__(self):
        return f"{self.clause.number} – {self.reported_on:%d/%m/%Y}: {self.get_status_display()}"

    # Whoever writes a report (the service, the admin, a loader) keeps the clause's
    # stored status true; bulk writes call Clause.objects.status_refresh() themselves.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Clause.objects.filter(pk=self.clause_id).status_refresh()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Clause.objects.filter(pk=self.clause_id).status_refresh()
        return result

    def clean(self):
        if not (self.clause_id and self.reporting_body_id):
            return
        clause = self.clause
        clause_bodies = {
            clause.lead_body_id,
            *clause.supporting_bodies.values_list("pk", flat=True),
        }
        # A successor reports in the place of the body it took over from (Handover).
        stands_for = clause.programme.handovers.filter(
            to_body_id=self.reporting_body_id, from_body_id__in=clause_bodies
        )
        if self.reporting_body_id not in clause_bodies and not stands_for.exists():
            raise ValidationError(
                {"reporting_body": _("Only the lead or a supporting body reports on a clause.")}
            )


class IndicatorValue(models.Model):
    """What was achieved on an indicator since the previous report."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        related_name="values",
        on_delete=models.CASCADE,
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), related_name="values", on_delete=models.CASCADE
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["report", "indicator"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_not_negative"),
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_once"),
        ]

    def __str__(self):
        return f"{self.indicator.name}: {self.value.normalize():f}"

    def clean(self):
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("An indicator value cannot be negative.")})
        if (
            self.report_id
            and self.indicator_id
            and self.indicator.clause_id != self.report.clause_id
        ):
            raise ValidationError({"indicator": _("The indicator belongs to another clause.")})


class Handover(models.Model):
    """A programme in force handed to a successor body by a reorganisation: the
    successor stands for the body that ended, as party, lead or supporter."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="handovers", on_delete=models.CASCADE
    )
    reorganisation = models.ForeignKey(
        Reorganisation,
        verbose_name=_("reorganisation"),
        related_name="handovers",
        on_delete=models.PROTECT,
    )
    from_body = models.ForeignKey(
        Body,
        verbose_name=_("handed over by"),
        related_name="handovers_out",
        on_delete=models.PROTECT,
    )
    to_body = models.ForeignKey(
        Body,
        verbose_name=_("handed over to"),
        related_name="handovers_in",
        on_delete=models.PROTECT,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "from_body", "to_body"], name="handover_once"
            ),
        ]

    def __str__(self):
        return f"{self.from_body} → {self.to_body}"


def document_file_name(instance, filename):
    return f"documents/{secrets.token_hex(16)}.pdf"


class ProgrammeDocument(models.Model):
    """The programme, or one of its amendments, printed as an official document
    (agreements/documents.py builds it on a worker). A draft's document is made
    again for each new version of the text; once signed, it is built once, signed
    digitally by each party that holds a certificate, and kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="documents", on_delete=models.CASCADE
    )
    amendment = models.OneToOneField(
        Amendment,
        verbose_name=_("amendment"),
        related_name="document",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    record = models.OneToOneField(
        IssuedDocument,
        verbose_name=_("issued document"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    text_version = models.PositiveIntegerField(
        _("version of the text"), help_text=_("The programme's version the document prints.")
    )
    signed = models.BooleanField(_("prints the signed text"), default=False)
    pdf = models.FileField(
        _("PDF"), upload_to=document_file_name, storage=private_storage, blank=True
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme document")
        verbose_name_plural = _("programme documents")
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(amendment__isnull=True),
                name="one_document_per_programme_text",
            ),
        ]

    def __str__(self):
        return str(self.record)


class ClauseTally(models.Model):
    """Kept by agreements/tally.py, never written by hand: how many current clauses of a
    signed programme share a lead body, a stored status and the dates today's status is
    read from, so that the leaders' dashboard counts these rows (with Clause.status_sql on
    the same columns) instead of joining every clause to its programme and amendment
    (bench/INDEXES.md). Rebuilt with `manage.py rebuild_clause_tally`."""

    # No database constraint: a programme's rows are written again by the signals of
    # its own deletion; they name nothing and a rebuild drops them.
    programme = models.ForeignKey(
        Programme, related_name="+", on_delete=models.CASCADE, db_constraint=False
    )
    lead_body = models.ForeignKey(
        Body, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False
    )
    status = models.CharField(max_length=12, choices=ClauseStatus.choices)
    # Only where today's status depends on it: the due date of work still open (not yet
    # stored as overdue), the report date of "on track".
    due_date = models.DateField(null=True)
    reported_on = models.DateField(null=True)
    # The amendment's date for a clause it added; the programme's period end.
    in_force_from = models.DateField(null=True)
    period_end = models.DateField()
    clauses = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.programme_id}: {self.lead_body_id} {self.status} × {self.clauses}"


class ClauseCount(models.Model):
    """Kept by agreements/tally.py with ClauseTally, never written by hand: how many
    current clauses a programme that is not a draft has (signed or closed: what the
    clause list shows). The list's total is the sum of these rows over the programmes
    the user sees, one row a programme instead of one a clause (bench/INDEXES.md)."""

    # No database constraint, as ClauseTally; indexed by clause_count_once.
    programme = models.ForeignKey(
        Programme, related_name="+", on_delete=models.CASCADE, db_constraint=False, db_index=False
    )
    clauses = models.PositiveIntegerField()

    class Meta:
        constraints = [
            # One row a programme; `clauses` included so that a sum reads the index alone.
            models.UniqueConstraint(
                fields=["programme"], include=["clauses"], name="clause_count_once"
            )
        ]

    def __str__(self):
        return f"{self.programme_id}: {self.clauses}"
