from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Programme
from parties.dates import date_bounds
from parties.models import AdministrativeUnit, Body, Official
from reports.storage import private_storage

# The narrative sections a person writes (pre-filled from the records), in document order.
NARRATIVE_KEYS = ("strengths", "weaknesses_and_causes", "lessons", "proposals", "next_tasks")


# The files built by steps of their own after the report's PDF (Report.parts).
PART_LABELS = {"appendix": _("Appendix (PDF)"), "xlsx": _("Excel copy")}
PART_FIELDS = {"appendix": "appendix_pdf", "xlsx": "xlsx"}
PENDING_STATUSES = ("queued", "running")


# Where a draft's number will go: room for the office to see it, as a draft on paper leaves.
BLANK_NUMBER = "\u00a0" * 6


def report_file_path(instance, filename):
    """reports/<year of the number>/<file> (drafts under reports/drafts/): the build
    names the file after the report."""
    return f"reports/{instance.number_year or 'drafts'}/{filename}"


class Report(models.Model):
    """A review report: a draft the secretariat finishes, then issued by a leader,
    who gives it its signer, recipients, number and date. Its files (a preview while
    a draft, the issued copy after) are built in the background and kept.

    `state` is the document's life (draft, issued, superseded, discarded); `status`
    is the build of its files (queued, running, done, failed).
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        SUPERSEDED = "superseded", _("Superseded")
        DISCARDED = "discarded", _("Discarded")

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly review")
        YEAR_END = "year_end", _("Year-end summary")
        MULTI_YEAR = "multi_year", _("Multi-year review")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        """What went wrong, as a person is told it; the technical details are in `error`."""

        QUEUE = "queue", _("could not be queued")
        BUILD = "build", _("error while building")
        TIME_LIMIT = "time_limit", _("took too long")

    # The type code of a report in a document symbol ("686-BC/BTGTU").
    TYPE_CODE = "BC"

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        related_name="reports",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        related_name="reports_about",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        related_name="reports",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    period_start = models.DateField(_("period start"), validators=date_bounds())
    period_end = models.DateField(_("period end"), validators=date_bounds())
    issuing_body = models.ForeignKey(
        Body,
        verbose_name=_("issuing body"),
        related_name="issued_reports",
        on_delete=models.PROTECT,
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # Given at issue, never before: a draft has no number and no date.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("year of the number"), null=True, blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    place_name = models.CharField(
        _("place in the date line"), max_length=120, help_text=_("For example: Thanh Trì")
    )
    title = models.CharField(_("summary line"), max_length=500)
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses_and_causes = models.TextField(_("weaknesses and their causes"), blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    proposals = models.TextField(_("recommendations and proposals"), blank=True)
    next_tasks = models.TextField(_("tasks for the next period"), blank=True)
    narrative_filled = models.BooleanField(
        _("narrative pre-filled"),
        default=False,
        help_text=_(
            "Set once the narrative has been pre-filled from the records or written by a "
            "person; the build never overwrites it after that."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        help_text=_(
            "Raised by every change to the text: files built from an older one are not kept."
        ),
    )
    signer = models.ForeignKey(
        Official,
        verbose_name=_("signer"),
        related_name="signed_reports",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    signer_position = models.CharField(
        _("signer's position"),
        max_length=250,
        blank=True,
        help_text=_("As held on the day of issue: what the document records."),
    )
    recipients = models.ManyToManyField(
        Body, verbose_name=_("recipients"), related_name="received_reports", blank=True
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For the record's keepers only, never printed on pages or documents: for example, "
            "which details are illustrative and not from the source."
        ),
    )
    text_sha256 = models.CharField(_("SHA-256 of the issued text"), max_length=64, blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("corrects and replaces"),
        related_name="corrections",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("discarded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    discarded_at = models.DateTimeField(_("discarded at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    failure = models.CharField(_("what failed"), max_length=12, choices=Failure.choices, blank=True)
    error = models.TextField(
        _("error"),
        blank=True,
        help_text=_(
            "Technical details for the administrator (also in the log); the report's page "
            "tells its readers in plain words what failed and what to do."
        ),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    pdf = models.FileField(
        _("PDF file"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    xlsx = models.FileField(
        _("Excel file"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    appendix_pdf = models.FileField(
        _("appendix (PDF)"),
        upload_to=report_file_path,
        storage=private_storage,
        blank=True,
        help_text=_("The clause-by-clause detail, a document of its own attached to the report."),
    )
    html = models.FileField(
        _("HTML preview"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    # The appendix and the Excel copy are each built by a step of their own once the
    # report's PDF is stored (reports/services.py, `report_part_build`): the summary is
    # ready as soon as its PDF is. Blank: not asked for yet (the PDF is being made).
    appendix_status = models.CharField(
        _("appendix build"), max_length=10, choices=Status.choices, blank=True
    )
    appendix_error = models.TextField(_("appendix build error"), blank=True)
    xlsx_status = models.CharField(
        _("Excel copy build"), max_length=10, choices=Status.choices, blank=True
    )
    xlsx_error = models.TextField(_("Excel copy build error"), blank=True)
    parts_queued_at = models.DateTimeField(
        _("appendix and Excel copy last queued"), null=True, blank=True
    )
    automatic_key = models.CharField(
        _("key of an automatic report"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set on the reports the system makes on its own (schedule, demo data) so that "
            "the same report is never made twice."
        ),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("last handed to a worker"),
        null=True,
        blank=True,
        help_text=_("When the build was last put on the queue; the sweep goes by it."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_body", "number_year", "number"],
                name="report_unique_number_per_issuer_year",
            ),
            models.CheckConstraint(
                condition=Q(
                    state__in=["issued", "superseded"],
                    number__isnull=False,
                    number_year__isnull=False,
                    issued_on__isnull=False,
                )
                | Q(
                    state__in=["draft", "discarded"],
                    number__isnull=True,
                    number_year__isnull=True,
                    issued_on__isnull=True,
                ),
                name="report_numbered_and_dated_once_issued",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(programme__isnull=False, body__isnull=True, unit__isnull=True)
                | Q(programme__isnull=True, body__isnull=False, unit__isnull=True)
                | Q(programme__isnull=True, body__isnull=True, unit__isnull=False),
                name="report_has_exactly_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(kind="quarterly") | Q(programme__isnull=True),
                name="report_programme_scope_only_quarterly",
            ),
        ]

    def __str__(self):
        return f"{self.label} – {self.title}"

    @property
    def reference(self):
        """The number and symbol as the document prints them; a draft leaves the number
        blank for the office to see where it goes ("    /BC-UBND")."""
        symbol = self.issuing_body.document_symbol(self.TYPE_CODE)
        if self.number is None:
            separator = "-" if self.issuing_body.is_party_body else "/"
            return f"{BLANK_NUMBER}{separator}{symbol}"
        return self.issuing_body.format_reference(self.number, symbol)

    @property
    def label(self):
        """How pages name the report: its number, or "Dự thảo #12" before it has one."""
        if self.number is None:
            return _("Draft #%(pk)s") % {"pk": self.pk}
        return self.reference

    @property
    def is_draft(self):
        return self.state == self.State.DRAFT

    @property
    def is_issued(self):
        """Issued, whether or not a correction has replaced it since."""
        return self.state in (self.State.ISSUED, self.State.SUPERSEDED)

    @property
    def superseded_by(self):
        """The issued correction that replaced this report, or None."""
        if self.state != self.State.SUPERSEDED:
            return None
        return (
            self.corrections.filter(state__in=[self.State.ISSUED, self.State.SUPERSEDED])
            .select_related("issuing_body")
            .first()
        )

    def narrative(self):
        """The five narrative sections as written, or None before they are pre-filled."""
        if not self.narrative_filled:
            return None
        return {key: getattr(self, key) for key in NARRATIVE_KEYS}

    @property
    def scope(self):
        return self.programme or self.body or self.unit

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_waiting_for_the_queue(self):
        """Asked for while the broker was down: it is kept, and the sweep queues it."""
        return self.status == self.Status.QUEUED and self.failure == self.Failure.QUEUE

    @property
    def is_stuck(self):
        """Queued or running for longer than any build may take, retries included:
        its message was lost (a broker wiped, a worker killed past its time limit).
        The sweep queues it again by itself; its page also offers to."""
        if not self.is_pending or self.is_waiting_for_the_queue:
            return False
        if self.status == self.Status.RUNNING:
            since = self.started_at
        else:
            since = self.queued_at or self.created_at
        return since is not None and timezone.now() - since > timedelta(
            seconds=settings.REPORT_STUCK_AFTER
        )

    @property
    def failure_message(self):
        """What happened, in a sentence for the person reading the report's page."""
        if self.failure == self.Failure.QUEUE:
            return _(
                "The background service that makes reports is not answering at the moment. "
                "The request is kept: the report will be made as soon as the service is back, "
                "without asking again."
            )
        if self.failure == self.Failure.TIME_LIMIT:
            return _("Making this report took longer than the system allows.")
        return _(
            "The system ran into an error while making this report; the details have been "
            "recorded for the administrator."
        )

    def part_status(self, part):
        return getattr(self, f"{part}_status")

    @property
    def parts(self):
        """(part, label, status, error) of the files built after the PDF, for the page."""
        return [
            (part, label, getattr(self, f"{part}_status"), getattr(self, f"{part}_error"))
            for part, label in PART_LABELS.items()
        ]

    @property
    def parts_pending(self):
        return any(self.part_status(part) in PENDING_STATUSES for part in PART_LABELS)

    @property
    def parts_stuck(self):
        """A part queued or running for longer than any build may take (its message lost)."""
        if not self.parts_pending or self.parts_queued_at is None:
            return False
        return timezone.now() - self.parts_queued_at > timedelta(
            seconds=settings.REPORT_STUCK_AFTER
        )

    @property
    def can_be_retried(self):
        return self.status == self.Status.FAILED or self.is_stuck

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The end of the period cannot be before its start.")}
            )
        scopes = [self.programme_id, self.body_id, self.unit_id]
        if sum(1 for scope in scopes if scope) != 1:
            raise ValidationError(
                _("A report covers exactly one programme, one body or one administrative unit.")
            )
        if self.programme_id and self.kind != self.Kind.QUARTERLY:
            raise ValidationError(
                {
                    "kind": _(
                        "A single programme is reviewed quarterly; year-end and multi-year "
                        "reports cover a body or an administrative unit."
                    )
                }
            )
