"""Writes to reports: asking for one, numbering it, building it, and the schedule.

A report is asked for (a row, queued), then built by a worker
(reports/tasks.py → `report_build`): its content gathered, rendered to PDF,
Excel and an HTML preview, the files stored and the row marked done. Each
step is safe to repeat.
"""

import gc
import logging
import tempfile
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agreements.models import Programme
from parties.documents import pdf_and_signature_places
from parties.models import AdministrativeUnit, Body
from parties.rules import body_of, require
from parties.versions import version_check
from reports import rendering
from reports.issue import issue_locked, report_number_next  # noqa: F401 (callers import it here)
from reports.models import NARRATIVE_KEYS, PART_FIELDS, PENDING_STATUSES, Report
from reports.narrative import default_narrative
from reports.periods import period_label, previous_quarter, quarter_period, year_period
from reports.rendering import appendix_html, gathered_kept_aside, report_html
from reports.rules import (
    can_correct_report,
    can_discard_report,
    can_edit_draft,
    can_issue_report,
    can_request_report,
)
from reports.selectors.clauses import programmes_in_period
from reports.selectors.content import report_content
from reports.selectors.summary import document_content
from reports.signature import report_signer
from reports.signing import key_keywords, report_record, sign_report_pdf
from reports.spreadsheet import report_workbook

logger = logging.getLogger(__name__)

TITLE_MAX = Report._meta.get_field("title").max_length


# --- asking for a report ---------------------------------------------------------


def scope_fields(scope):
    """{"programme": …} / {"body": …} / {"unit": …} for a scope object."""
    if isinstance(scope, Programme):
        return {"programme": scope}
    if isinstance(scope, Body):
        return {"body": scope}
    if isinstance(scope, AdministrativeUnit):
        return {"unit": scope}
    raise ValidationError(_("A report covers a programme, a body or an administrative unit."))


def lowercase_first(text):
    return text[:1].lower() + text[1:]


def report_title(*, kind, period_start, period_end, programme=None, body=None, unit=None):
    """The summary line under "BÁO CÁO", in the current language."""
    period = period_label(period_start, period_end)
    if programme is not None:
        title = _("Review of %(period)s of the implementation of %(programme)s") % {
            "period": period,
            "programme": lowercase_first(programme.title),
        }
    else:
        where = (
            _("of %(body)s") % {"body": body.full_name}
            if body is not None
            else _("in %(unit)s") % {"unit": unit.full_name}
        )
        if kind == Report.Kind.QUARTERLY:
            title = _("Review of %(period)s of the coordination programmes %(where)s")
        elif kind == Report.Kind.YEAR_END:
            title = _("Summary of %(period)s of the coordination programmes %(where)s")
        else:
            title = _(
                "Review of %(years)s years (%(first)s – %(last)s) of the coordination "
                "programmes %(where)s"
            )
        title = title % {
            "period": period,
            "where": where,
            "years": round((period_end - period_start).days / 365.25),
            "first": period_start.year,
            "last": period_end.year,
        }
    return Truncator(title).chars(TITLE_MAX)


@transaction.atomic
def report_create(
    *,
    kind,
    period_start,
    period_end,
    issuing_body,
    programme=None,
    body=None,
    unit=None,
    issued_on=None,
    number=None,
    signer=None,
    signer_unknown=False,
    recipients=(),
    title="",
    requested_by=None,
    automatic_key=None,
    supersedes=None,
    enqueue=True,
):
    """A report, built after commit by a worker (unless `enqueue` is off: the caller
    then builds it itself).

    Without `issued_on` it is a draft: no number, no date, its narrative pre-filled
    by the first build, for the secretariat to finish and a leader to issue
    (`report_issue`). With `issued_on` it records a document already issued (the
    demo's reports, issued on paper years ago): issued at once, numbered `number`
    or the next in its body's register for that year, signed by `signer` or the
    body's head; with `signer_unknown`, by nobody named (its source does not say who
    signed: no name is guessed)."""
    if not title:
        with translation.override(settings.LANGUAGE_CODE):
            title = report_title(
                kind=kind,
                period_start=period_start,
                period_end=period_end,
                programme=programme,
                body=body,
                unit=unit,
            )
    report = Report(
        kind=kind,
        programme=programme,
        body=body,
        unit=unit,
        period_start=period_start,
        period_end=period_end,
        issuing_body=issuing_body,
        place_name=issuing_body.unit.name,
        title=title,
        requested_by=requested_by,
        automatic_key=automatic_key,
        supersedes=supersedes,
    )
    report.full_clean(exclude=["automatic_key"])
    report.save()
    if issued_on is not None:
        # Its text is frozen at issue: the narrative is written before, not by the build.
        with translation.override(settings.LANGUAGE_CODE):
            narrative = default_narrative(main_document_content(report))
        for key in NARRATIVE_KEYS:
            setattr(report, key, narrative.get(key, ""))
        report.narrative_filled = True
        report = issue_locked(
            report,
            signer=None if signer_unknown else signer or report_signer(report),
            signer_unknown=signer_unknown,
            recipients=recipients,
            issued_on=issued_on,
            number=number,
            by=requested_by,
        )
    if enqueue:
        transaction.on_commit(partial(report_enqueue, report.pk))
    return report


PENDING = (Report.Status.QUEUED, Report.Status.RUNNING)


@transaction.atomic
def report_request(*, user, kind, scope, period_start, period_end):
    """A leader or the secretariat asks for a report: a draft of their body.

    The same request while a draft of that report is open (or the report is still
    being made) gives the report already asked for (its `already_asked` set), not
    a second one.
    """
    require(can_request_report(user, scope))
    issuing_body = body_of(user)
    if issuing_body is None:
        raise ValidationError(
            _("Your account belongs to no body, and a report needs an issuing body.")
        )
    # The issuing body's register is locked: two identical requests at once make one report.
    Body.objects.select_for_update().filter(pk=issuing_body.pk).first()
    # The open draft of the same report: the one to finish, not a second one.
    pending = Report.objects.filter(
        state=Report.State.DRAFT,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        issuing_body=issuing_body,
        supersedes=None,
        **scope_fields(scope),
    ).first()
    if pending is not None:
        pending.already_asked = True
        return pending
    return report_create(
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        issuing_body=Body.objects.select_related("unit").get(pk=issuing_body.pk),
        requested_by=user,
        **scope_fields(scope),
    )


def report_enqueue(report_id):
    """Hand the report to a worker. If the broker cannot take it, the report stays
    queued, marked as waiting for it: the sweep (`reports_sweep`) hands it over once
    the broker answers again. The broker's address stays in the log and the record."""
    from reports.tasks import build_report

    Report.objects.filter(pk=report_id, status__in=PENDING).update(
        queued_at=timezone.now(), failure=""
    )
    try:
        build_report.delay(report_id)
    except Exception as error:  # the broker is down or unreachable
        logger.warning("report %s could not be queued; the sweep will queue it", report_id)
        Report.objects.filter(pk=report_id, status__in=PENDING).update(
            status=Report.Status.QUEUED,
            failure=Report.Failure.QUEUE,
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        return False
    return True


@transaction.atomic
def report_retry(*, report, by):
    """Queue a failed (or stuck) report again, from the page that shows it."""
    require(can_request_report(by, report.scope))
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.can_be_retried:
        raise ValidationError(_("Only a report that failed or is stuck can be tried again."))
    report.status = Report.Status.QUEUED
    report.failure = ""
    report.error = ""
    report.finished_at = None
    clear_parts(report)
    report.save(update_fields=["status", "failure", "error", "finished_at", *PART_STATE_FIELDS])
    transaction.on_commit(partial(report_enqueue, report.pk))
    return report


# --- a draft: written, issued, discarded; an issued report corrected --------------


def report_lock(report):
    return Report.objects.select_for_update().select_related("issuing_body__unit").get(pk=report.pk)


@transaction.atomic
def report_narrative_save(*, report, by, texts, version=None):
    """The secretariat saves the draft's narrative; its preview is built again.
    `version` (the form's) refuses a save begun before someone else's."""
    report = report_lock(report)
    require(can_edit_draft(by, report))
    version_check(
        record=report,
        version=version,
        compare=lambda: [
            (Report._meta.get_field(key).verbose_name, getattr(report, key), texts.get(key, ""))
            for key in NARRATIVE_KEYS
        ],
    )
    for key in NARRATIVE_KEYS:
        setattr(report, key, texts.get(key, ""))
    report.narrative_filled = True
    fields = [*NARRATIVE_KEYS, "narrative_filled", *report_rebuild_later(report)]
    report.save(update_fields=fields)
    return report


@transaction.atomic
def report_issue(*, report, by, signer, recipients, today=None):
    """A leader of the issuing body issues the draft: number and date given now, text
    frozen; the issued copy is built by a worker. The issuing body's register is
    locked before the draft (the order report_request locks in), so two leaders at
    once give one draft one number, and two drafts two numbers."""
    Body.objects.select_for_update().filter(pk=report.issuing_body_id).first()
    report = report_lock(report)
    require(can_issue_report(by, report))
    if not report.narrative_filled:
        raise ValidationError(
            _(
                "The draft's text is still being prepared from the records; issue it once "
                "its preview is ready and its text has been checked."
            )
        )
    report = issue_locked(
        report,
        signer=signer,
        recipients=recipients,
        issued_on=today or timezone.localdate(),
        by=by,
    )
    report.save(update_fields=report_rebuild_later(report))
    return report


@transaction.atomic
def report_discard(*, report, by):
    """Discard a draft. It is kept, marked discarded, not deleted: it never had a
    number, so keeping it leaves no gap in the register; a scheduled draft keeps
    its key, so the schedule never makes it again; and who discarded what, when,
    stays on record for the body."""
    report = report_lock(report)
    require(can_discard_report(by, report))
    report.state = Report.State.DISCARDED
    report.discarded_by = by
    report.discarded_at = timezone.now()
    report.save(update_fields=["state", "discarded_by", "discarded_at"])
    return report


@transaction.atomic
def report_correct(*, report, by):
    """Start the corrected report that will replace an issued one: a new draft of the
    same body, kind, scope and period, its narrative that of the report it corrects.
    One correction at a time: asking again gives the open one (`already_asked`)."""
    Body.objects.select_for_update().filter(pk=report.issuing_body_id).first()
    report = report_lock(report)
    require(can_correct_report(by, report))
    open_correction = report.corrections.filter(state=Report.State.DRAFT).first()
    if open_correction is not None:
        open_correction.already_asked = True
        return open_correction
    correction = report_create(
        kind=report.kind,
        period_start=report.period_start,
        period_end=report.period_end,
        issuing_body=report.issuing_body,
        programme=report.programme,
        body=report.body,
        unit=report.unit,
        title=report.title,
        requested_by=by,
        supersedes=report,
        enqueue=False,
    )
    for key in NARRATIVE_KEYS:
        setattr(correction, key, getattr(report, key))
    correction.narrative_filled = report.narrative_filled
    correction.save(update_fields=[*NARRATIVE_KEYS, "narrative_filled"])
    transaction.on_commit(partial(report_enqueue, correction.pk))
    return correction


# --- building it -----------------------------------------------------------------


class ReportNotPending(Exception):
    """The report is done or failed already: a late or repeated message builds nothing."""


def report_start(*, report_id, rebuild=False):
    """Mark the report running and count the attempt. DoesNotExist if it was deleted,
    ReportNotPending if it is no longer queued or running (built once, never twice)
    unless `rebuild` asks for a finished report's files to be made again."""
    claim = Report.objects.filter(pk=report_id)
    if not rebuild:
        claim = claim.filter(status__in=PENDING)
    updated = claim.update(
        status=Report.Status.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not updated:
        if Report.objects.filter(pk=report_id).exists():
            raise ReportNotPending(report_id)
        raise Report.DoesNotExist(f"report {report_id} does not exist")
    return Report.objects.select_related(
        "issuing_body__unit",
        "issuing_body__parent",
        "programme__issuer",
        "body",
        "unit",
        "requested_by",
    ).get(pk=report_id)


def html_to_pdf(html, keywords=None):
    """The PDF, and where its signature block stands (for the digital signature);
    `keywords` the PDF's in place of the HTML's."""
    return pdf_and_signature_places(html, keywords)


def main_document_content(report):
    """What the report's own document prints: at scale counted by the database, only
    the lines it lists read in full (reports/selectors/summary.py)."""
    return document_content(report, programmes_listed=rendering.LIMITS["programmes"])


def report_render(report):
    """The report's own files as bytes: its PDF and HTML preview; and, for a draft whose
    narrative was never written, the narrative pre-filled from its content (key
    "narrative", stored with the files). The appendix and the Excel copy are built after,
    each by a step of its own (`report_part_build`)."""
    with translation.override(settings.LANGUAGE_CODE):
        content = main_document_content(report)
        narrative = None
        if not report.narrative_filled:
            narrative = default_narrative(content)
            for key in NARRATIVE_KEYS:
                setattr(report, key, narrative.get(key, ""))
            report.narrative_filled = True
            if not report.is_draft:
                narrative = None  # shown, never stored: an issued text changes for nobody
        with gathered_kept_aside():
            html = report_html(report, content, for_pdf=True)
            if report.is_draft:
                pdf, _places = html_to_pdf(html)
            else:
                # Only an issued copy carries its key and its body's digital signature
                # (issue 14); the key set by WeasyPrint as it writes the file.
                keywords = key_keywords(report_record(report).key)
                pdf, places = html_to_pdf(html, keywords)
                pdf = sign_report_pdf(report, pdf, places, keyed=True)
            preview = report_html(report, content, for_pdf=False).encode("utf-8")
    files = {"pdf": pdf, "html": preview}
    if narrative is not None:
        files["narrative"] = narrative
    return files


def file_name(report, field_name):
    if field_name == "appendix_pdf":
        return f"report-{report.pk}-appendix.pdf"
    return f"report-{report.pk}.{field_name}"


def replace_file(report, field_name, data):
    """Store `data` (bytes, or a File) as the report's file, deleting whatever was there
    before: one file per report and kind, however often it is built."""
    field_file = getattr(report, field_name)
    storage = field_file.storage
    if field_file.name and storage.exists(field_file.name):
        storage.delete(field_file.name)
    target = field_file.field.generate_filename(report, file_name(report, field_name))
    if storage.exists(target):
        storage.delete(target)
    if isinstance(data, bytes):
        data = ContentFile(data)
    field_file.save(target.rsplit("/", 1)[-1], data, save=False)


@transaction.atomic
def report_store(*, report_id, files, version=None):
    """Keep the built files and mark the report done. Files built from an older
    `version` of the text than the saved one (a person saved, or the report was
    issued, while this build ran) are not kept: the build queued by that change
    makes the current ones."""
    files = dict(files)
    narrative = files.pop("narrative", None)
    report = Report.objects.select_for_update().get(pk=report_id)
    if version is not None and version != report.version:
        return report
    for field_name, data in files.items():
        replace_file(report, field_name, data)
    fields = [*files, "status", "failure", "error", "finished_at", *PART_STATE_FIELDS]
    # The parts not given are built next, each by its own step, from this same version.
    for part, field_name in PART_FIELDS.items():
        given = field_name in files
        setattr(report, f"{part}_status", Report.Status.DONE if given else Report.Status.QUEUED)
        setattr(report, f"{part}_error", "")
    report.parts_queued_at = timezone.now()
    if narrative is not None and not report.narrative_filled and report.is_draft:
        for key in NARRATIVE_KEYS:
            setattr(report, key, narrative.get(key, ""))
        report.narrative_filled = True
        fields += [*NARRATIVE_KEYS, "narrative_filled"]
    report.status = Report.Status.DONE
    report.failure = ""
    report.error = ""
    report.finished_at = timezone.now()
    report.save(update_fields=fields)
    return report


def report_build(*, report_id, rebuild=False):
    """Build the report's files and mark it done. A message delivered twice builds once;
    a build cut short and run again replaces whatever files the first left; `rebuild`
    makes a finished report's files again (the demo data, when one went missing)."""
    report = report_start(report_id=report_id, rebuild=rebuild)
    files = report_render(report)
    stored = report_store(report_id=report.pk, files=files, version=report.version)
    # Stored (and committed, in a worker): the summary is ready; then its appendix and
    # Excel copy, each a task of its own (in-process, right here, without a broker).
    if stored.status == Report.Status.DONE and stored.version == report.version:
        report_parts_enqueue(stored.pk, stored.version)
        stored.refresh_from_db()  # in-process, the parts are built by now
    return stored


def report_rebuild_later(report):
    """The report's text changed (locked row, saved by the caller): queue its files again.
    The version rises so that a build already running on the old text is not kept."""
    report.version += 1
    report.status = Report.Status.QUEUED
    report.attempts = 0  # a new build: its attempts are counted afresh
    report.failure = ""
    report.error = ""
    report.finished_at = None
    clear_parts(report)
    transaction.on_commit(partial(report_enqueue, report.pk))
    return ["version", "status", "attempts", "failure", "error", "finished_at", *PART_STATE_FIELDS]


def report_retrying(*, report_id, reason):
    """An attempt failed and another will follow: queued again, the reason kept."""
    Report.objects.filter(pk=report_id, status__in=PENDING).update(
        status=Report.Status.QUEUED, error=reason, queued_at=timezone.now()
    )


def report_fail(*, report_id, reason, failure=Report.Failure.BUILD):
    """Mark the report failed: `failure` says what a person is told, `reason` the details."""
    Report.objects.filter(pk=report_id, status__in=PENDING).update(
        status=Report.Status.FAILED, failure=failure, error=reason, finished_at=timezone.now()
    )


# --- the appendix and the Excel copy: a step each, after the PDF ------------------

PART_STATE_FIELDS = [
    *(f"{part}_{what}" for part in PART_FIELDS for what in ("status", "error")),
    "parts_queued_at",
]


def clear_parts(report):
    """The report is to be built again: its parts wait for its PDF (none is offered)."""
    for part in PART_FIELDS:
        setattr(report, f"{part}_status", "")
        setattr(report, f"{part}_error", "")
    report.parts_queued_at = None


def report_parts_enqueue(report_id, version, parts=tuple(PART_FIELDS)):
    """Hand the report's parts to workers. If the broker cannot take them they stay
    queued, marked as never handed over: the sweep hands them over."""
    from reports.tasks import build_report_part

    for part in parts:
        try:
            build_report_part.delay(report_id, part, version)
        except Exception:  # the broker is down or unreachable
            logger.warning("report %s: %s could not be queued; the sweep will", report_id, part)
            Report.objects.filter(pk=report_id).update(parts_queued_at=None)


def part_claim(*, report_id, part, version):
    """Mark the part running. DoesNotExist if the report was deleted; ReportNotPending
    if the part is not waiting to be built from that version of the report (done,
    failed, or the report changed since: the build of its new version makes it)."""
    updated = Report.objects.filter(
        pk=report_id,
        version=version,
        status=Report.Status.DONE,
        **{f"{part}_status__in": PENDING_STATUSES},
    ).update(**{f"{part}_status": Report.Status.RUNNING})
    if not updated:
        if Report.objects.filter(pk=report_id).exists():
            raise ReportNotPending(report_id)
        raise Report.DoesNotExist(f"report {report_id} does not exist")
    return Report.objects.select_related(
        "issuing_body__unit", "issuing_body__parent", "programme__issuer", "body", "unit"
    ).get(pk=report_id)


def appendix_render(report):
    """The appendix (phụ lục) as PDF bytes: a document of its own, built from the records
    as its report's PDF was."""
    with translation.override(settings.LANGUAGE_CODE):
        content = report_content(report, summary_past=rendering.APPENDIX_CLAUSES)
        html = appendix_html(report, content, for_pdf=True)
        del content
        # The content is let go before the render: a province's is some 200 MB, and the
        # summary appendix's HTML holds all it prints.
        gc.collect()
        with gathered_kept_aside():
            pdf, _places = html_to_pdf(html)
    return pdf


def report_part_build(*, report_id, part, version):
    """Build one part of the report (`part`: "appendix" or "xlsx") from `version` of
    it and store it. Safe to repeat: a part built already, or of a version since
    replaced, is not built again (ReportNotPending); built again, it replaces its file."""
    report = part_claim(report_id=report_id, part=part, version=version)
    if part == "appendix":
        return report_part_store(report_id=report_id, part=part, version=version,
                                 data=appendix_render(report))  # fmt: skip
    # The workbook goes to a file on disk as it is written, never whole in memory.
    with tempfile.TemporaryFile() as out:
        with translation.override(settings.LANGUAGE_CODE):
            report_workbook(report, out)
        out.seek(0)
        return report_part_store(report_id=report_id, part=part, version=version,
                                 data=File(out))  # fmt: skip


@transaction.atomic
def report_part_store(*, report_id, part, version, data):
    """Keep the part's file and mark it done, unless the report changed meanwhile."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.version != version or report.part_status(part) not in PENDING_STATUSES:
        return report
    replace_file(report, PART_FIELDS[part], data)
    setattr(report, f"{part}_status", Report.Status.DONE)
    setattr(report, f"{part}_error", "")
    report.save(update_fields=[PART_FIELDS[part], f"{part}_status", f"{part}_error"])
    return report


def report_part_retrying(*, report_id, part, version, reason):
    Report.objects.filter(
        pk=report_id, version=version, **{f"{part}_status__in": PENDING_STATUSES}
    ).update(**{f"{part}_status": Report.Status.QUEUED, f"{part}_error": reason})


def report_part_fail(*, report_id, part, version, reason):
    """The part failed for good: its page says so, with a button to try again."""
    Report.objects.filter(
        pk=report_id, version=version, **{f"{part}_status__in": PENDING_STATUSES}
    ).update(**{f"{part}_status": Report.Status.FAILED, f"{part}_error": reason})


@transaction.atomic
def report_part_retry(*, report, part, by):
    """Queue a failed (or stuck) part again, from the report's page."""
    require(can_request_report(by, report.scope))
    if part not in PART_FIELDS:
        raise ValidationError(_("This report has no such file."))
    report = Report.objects.select_for_update().get(pk=report.pk)
    stuck = report.part_status(part) in PENDING_STATUSES and report.parts_stuck
    if report.status != Report.Status.DONE or not (
        report.part_status(part) == Report.Status.FAILED or stuck
    ):
        raise ValidationError(_("Only a file that failed or is stuck can be made again."))
    setattr(report, f"{part}_status", Report.Status.QUEUED)
    setattr(report, f"{part}_error", "")
    report.parts_queued_at = timezone.now()
    report.save(update_fields=[f"{part}_status", f"{part}_error", "parts_queued_at"])
    transaction.on_commit(partial(report_parts_enqueue, report.pk, report.version, (part,)))
    return report


# --- the sweep -------------------------------------------------------------------


def reports_sweep(*, now=None):
    """Hand to a worker again every report nobody is building: those the broker could
    not take, and those queued or running for longer than any build takes
    (settings.REPORT_STUCK_AFTER: a message lost with Redis, a worker killed past its
    time limit). Beat runs this every REPORT_SWEEP_INTERVAL seconds, so no report
    waits for a person. Returns the ids handed over."""
    now = now or timezone.now()
    bound = now - timedelta(seconds=settings.REPORT_STUCK_AFTER)
    forgotten = Report.objects.filter(
        Q(status=Report.Status.QUEUED, failure=Report.Failure.QUEUE)
        | Q(status=Report.Status.QUEUED, queued_at__lt=bound)
        | Q(status=Report.Status.QUEUED, queued_at__isnull=True, created_at__lt=bound)
        | Q(status=Report.Status.RUNNING, started_at__lt=bound)
    )
    handed = []
    for report_id in forgotten.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            # A row a worker holds (storing its files) is being built: leave it.
            claimed = (
                Report.objects.select_for_update(skip_locked=True)
                .filter(pk=report_id, status__in=PENDING)
                .first()
            )
            if claimed is None:
                continue
            claimed.status = Report.Status.QUEUED
            claimed.queued_at = now
            claimed.save(update_fields=["status", "queued_at"])
        logger.info("report %s was not being built; queued again", report_id)
        if report_enqueue(report_id):
            handed.append(report_id)
    handed += parts_sweep(now=now, bound=bound)
    return handed


def parts_sweep(*, now, bound):
    """Hand over again the appendices and Excel copies nobody is building: never handed
    to the broker, or queued or running for longer than any build takes."""
    pending = Q(appendix_status__in=PENDING_STATUSES) | Q(xlsx_status__in=PENDING_STATUSES)
    forgotten = Report.objects.filter(pending, status=Report.Status.DONE).filter(
        Q(parts_queued_at__isnull=True) | Q(parts_queued_at__lt=bound)
    )
    handed = []
    for report_id in forgotten.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            claimed = (
                Report.objects.select_for_update(skip_locked=True)
                .filter(pk=report_id, status=Report.Status.DONE)
                .filter(pending)
                .first()
            )
            if claimed is None:
                continue
            parts = [p for p in PART_FIELDS if claimed.part_status(p) in PENDING_STATUSES]
            for part in parts:
                setattr(claimed, f"{part}_status", Report.Status.QUEUED)
            claimed.parts_queued_at = now
            claimed.save(update_fields=[*(f"{p}_status" for p in parts), "parts_queued_at"])
        logger.info("report %s: %s not being built; queued again", report_id, ", ".join(parts))
        report_parts_enqueue(report_id, claimed.version, parts)
        if report_id not in handed:
            handed.append(report_id)
    return handed


# --- the schedule ----------------------------------------------------------------


def report_create_once(*, automatic_key, **fields):
    """Create the report unless one with this key exists; None when it does."""
    if Report.objects.filter(automatic_key=automatic_key).exists():
        return None
    try:
        with transaction.atomic():
            return report_create(automatic_key=automatic_key, **fields)
    except IntegrityError:  # another run created it a moment ago
        return None


def programme_issuing_body(programme):
    lead = programme.memberships.filter(is_lead=True).select_related("body__unit").first()
    return lead.body if lead else programme.issuer


def reports_schedule_quarterly(*, today=None):
    """The quarterly reviews of every signed programme for the quarter that just ended."""
    today = today or timezone.localdate()
    year, quarter = previous_quarter(today)
    period = quarter_period(year, quarter)
    programmes = Programme.objects.filter(
        Programme.signed_by_q(period.end),
        status=Programme.Status.SIGNED,
        period_start__lte=period.end,
        period_end__gte=period.start,
    ).select_related("issuer__unit")
    created = []
    for programme in programmes.order_by("pk"):
        report = report_create_once(
            automatic_key=f"quarterly:programme:{programme.pk}:{year}-Q{quarter}",
            kind=Report.Kind.QUARTERLY,
            programme=programme,
            period_start=period.start,
            period_end=period.end,
            issuing_body=programme_issuing_body(programme),
        )
        if report:
            created.append(report)
    return created


def reports_schedule_year_end(*, today=None):
    """The year-end summaries of every body party to a programme in force last year."""
    today = today or timezone.localdate()
    year = today.year - 1
    period = year_period(year)
    programmes = programmes_in_period(start=period.start, end=period.end)
    bodies = (
        Body.objects.filter(programme_memberships__programme__in=programmes.values("pk"))
        .distinct()
        .select_related("unit")
        .order_by("pk")
    )
    created = []
    for body in bodies:
        report = report_create_once(
            automatic_key=f"year_end:body:{body.pk}:{year}",
            kind=Report.Kind.YEAR_END,
            body=body,
            period_start=period.start,
            period_end=period.end,
            issuing_body=body,
        )
        if report:
            created.append(report)
    return created
