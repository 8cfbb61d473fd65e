"""Who may see and change what. Every page, export and download asks here.

Seeing: a user sees a programme when their body is one of its parties, or
when their body's administrative unit is above the unit of one of its parties
(a city's Thành ủy sees its districts). What cannot be seen must look as if it
did not exist (404), never leak a title. Django superusers see everything.

Changing: a user changes only what their role and their body allow —
officials draft and report progress for their own body, the secretariat
records signings and runs meetings, leaders read and ask for reports.
"""

from django.db.models import Q

from agreements.models import Programme, ProgrammeParty
from meetings.models import Directive, Meeting
from parties.models import AdministrativeUnit, Body, Membership, unit_subtree
from reports.models import Report

Role = Membership.Role


def membership_of(user):
    """The user's membership, fetched once per user object, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_membership_cache"):
        user._membership_cache = (
            Membership.objects.select_related("body__unit", "official").filter(user=user).first()
        )
    return user._membership_cache


def sees_everything(user):
    return bool(getattr(user, "is_superuser", False))


def body_of(user):
    membership = membership_of(user)
    return membership.body if membership else None


def has_role(user, *roles):
    """True when the user holds one of `roles`; superusers hold them all."""
    if sees_everything(user):
        return True
    membership = membership_of(user)
    return membership is not None and membership.role in roles


# --- seeing -----------------------------------------------------------------


def bodies_overseen_filter(body, prefix=""):
    """Bodies this body may look at: itself and those in units below its own."""
    unit_id = body.unit_id
    return (
        Q(**{f"{prefix}pk": body.pk})
        | Q(**{f"{prefix}unit__parent_id": unit_id})
        | Q(**{f"{prefix}unit__parent__parent_id": unit_id})
    )


def visible_bodies(user):
    if sees_everything(user):
        return Body.objects.all()
    body = body_of(user)
    if body is None:
        return Body.objects.none()
    return Body.objects.filter(bodies_overseen_filter(body))


def visible_units(user):
    """The user's own unit and the units below it."""
    if sees_everything(user):
        return AdministrativeUnit.objects.all()
    body = body_of(user)
    if body is None:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(unit_subtree("", body.unit_id))


def visible_programmes(user):
    """Programmes the user may see; anything else must look like it does not exist."""
    if sees_everything(user):
        return Programme.objects.all()
    body = body_of(user)
    if body is None:
        return Programme.objects.none()
    party_rows = ProgrammeParty.objects.filter(bodies_overseen_filter(body, prefix="body__"))
    return Programme.objects.filter(pk__in=party_rows.values("programme_id"))


def can_see_programme(user, programme):
    return visible_programmes(user).filter(pk=programme.pk).exists()


def is_party(user, programme):
    """The user's own body is one of the programme's parties (uses prefetched parties)."""
    body = body_of(user)
    if body is None:
        return False
    cache = getattr(programme, "_prefetched_objects_cache", {})
    if "memberships" in cache:
        return any(party.body_id == body.pk for party in cache["memberships"])
    return programme.memberships.filter(body=body).exists()


def pickable_party_bodies(user):
    """Bodies a drafter may name as parties: of their own unit, the unit above and those below."""
    if sees_everything(user):
        return Body.objects.all()
    body = body_of(user)
    if body is None:
        return Body.objects.none()
    unit = body.unit
    return Body.objects.filter(
        bodies_overseen_filter(body)
        | Q(unit_id=unit.pk)
        | (Q(unit_id=unit.parent_id) if unit.parent_id else Q(pk__in=[]))
    )


# --- programmes and clauses -------------------------------------------------


def can_draft_programmes(user):
    return has_role(user, Role.OFFICIAL)


def can_sign_programmes(user):
    """Record signings at all: the secretariat."""
    return has_role(user, Role.SECRETARIAT)


def signable_programmes(user):
    """Drafts the user's secretariat may record a signing for: its body is a party."""
    if not can_sign_programmes(user):
        return Programme.objects.none()
    drafts = Programme.objects.filter(status=Programme.Status.DRAFT)
    if sees_everything(user):
        return drafts
    body = body_of(user)
    return drafts.filter(memberships__body=body)


def can_edit_programme(user, programme):
    """Officials of a party edit a draft; a signed text is frozen for everyone."""
    return (
        programme.status == Programme.Status.DRAFT
        and has_role(user, Role.OFFICIAL)
        and (sees_everything(user) or is_party(user, programme))
    )


def can_record_signing(user, programme):
    return (
        programme.status == Programme.Status.DRAFT
        and has_role(user, Role.SECRETARIAT)
        and (sees_everything(user) or is_party(user, programme))
    )


def can_amend_programme(user, programme):
    return (
        programme.status == Programme.Status.SIGNED
        and has_role(user, Role.OFFICIAL, Role.SECRETARIAT)
        and (sees_everything(user) or is_party(user, programme))
    )


def can_close_programme(user, programme):
    return (
        programme.status == Programme.Status.SIGNED
        and has_role(user, Role.SECRETARIAT)
        and (sees_everything(user) or is_party(user, programme))
    )


def can_attach_scan(user, programme):
    return programme.status != Programme.Status.DRAFT and (
        has_role(user, Role.OFFICIAL, Role.SECRETARIAT)
        and (sees_everything(user) or is_party(user, programme))
    )


def can_drop_clause(user, clause):
    """Dropping a clause of a signed programme, with a reason, is a party's decision."""
    return (
        clause.programme.status == Programme.Status.SIGNED
        and not clause.is_dropped
        and not _is_replaced(clause)
        and has_role(user, Role.OFFICIAL, Role.SECRETARIAT)
        and (sees_everything(user) or is_party(user, clause.programme))
    )


def _is_replaced(clause):
    try:
        return clause.replaced_by is not None
    except clause.__class__.replaced_by.RelatedObjectDoesNotExist:
        return False


def can_report_progress(user, clause):
    """Officials of the clause's lead or supporting bodies report on a clause in force."""
    if not has_role(user, Role.OFFICIAL):
        return False
    if clause.programme.status != Programme.Status.SIGNED or clause.is_dropped:
        return False
    if _is_replaced(clause):
        return False
    if sees_everything(user):
        return True
    body = body_of(user)
    if body is None:
        return False
    return clause.lead_body_id == body.pk or any(
        supporter.pk == body.pk for supporter in clause.supporting_bodies.all()
    )


def reporting_bodies(user, clause):
    """The bodies the user may report for on this clause: their own, or any for a superuser."""
    bodies = [clause.lead_body, *clause.supporting_bodies.all()]
    if sees_everything(user):
        return bodies
    body = body_of(user)
    return [b for b in bodies if body is not None and b.pk == body.pk]


# --- meetings and directives ------------------------------------------------
#
# A meeting is seen by whoever sees one of its programmes. Scheduling and
# recording are for the secretariat of a party. A directive is also seen by
# the body it is addressed to, even when that body is not a party: it must
# carry it out.


def visible_meetings(user):
    return Meeting.objects.filter(programmes__in=visible_programmes(user)).distinct()


def can_see_meeting(user, meeting):
    return visible_meetings(user).filter(pk=meeting.pk).exists()


def visible_directives(user):
    if sees_everything(user):
        return Directive.objects.all()
    body = body_of(user)
    if body is None:
        return Directive.objects.none()
    meetings = Meeting.objects.filter(programmes__in=visible_programmes(user))
    return Directive.objects.filter(Q(meeting__in=meetings) | Q(addressed_body=body))


def schedulable_programmes(user):
    """Programmes the user may schedule meetings for: their body is a party."""
    if not has_role(user, Role.SECRETARIAT):
        return Programme.objects.none()
    if sees_everything(user):
        return Programme.objects.all()
    return Programme.objects.filter(memberships__body=body_of(user))


def can_schedule_meeting(user, programmes):
    """The secretariat of a body that is a party to every programme concerned."""
    if not has_role(user, Role.SECRETARIAT):
        return False
    return sees_everything(user) or all(is_party(user, p) for p in programmes)


def can_plan_briefings(user, programme):
    return can_schedule_meeting(user, [programme])


def can_run_meeting(user, meeting):
    """Record attendance, minutes, conclusions and directives; move or cancel."""
    if not has_role(user, Role.SECRETARIAT):
        return False
    if sees_everything(user):
        return True
    body = body_of(user)
    return (
        meeting.organiser_id == body.pk
        or meeting.programmes.filter(memberships__body=body).exists()
    )


def can_follow_up_directive(user, directive):
    """The addressed body's officials and secretariat, and whoever runs the meeting."""
    if sees_everything(user):
        return True
    body = body_of(user)
    if body is None:
        return False
    if directive.addressed_body_id == body.pk and has_role(user, Role.OFFICIAL, Role.SECRETARIAT):
        return True
    return can_run_meeting(user, directive.meeting)


# --- reports ----------------------------------------------------------------


def visible_reports(user):
    if sees_everything(user):
        return Report.objects.all()
    return Report.objects.filter(
        Q(programme__in=visible_programmes(user))
        | Q(body__in=visible_bodies(user))
        | Q(unit__in=visible_units(user))
    )


def can_request_report(user, scope):
    """Leaders and the secretariat ask for reports on what they can see."""
    if not has_role(user, Role.LEADER, Role.SECRETARIAT):
        return False
    if isinstance(scope, Programme):
        return can_see_programme(user, scope)
    if isinstance(scope, Body):
        return visible_bodies(user).filter(pk=scope.pk).exists()
    if isinstance(scope, AdministrativeUnit):
        return visible_units(user).filter(pk=scope.pk).exists()
    return False
