"""Who sees and who changes programmes, their clauses and progress reports.

Seeing: a user sees a programme when their body is one of its parties or
supports one of its clauses (a cơ quan phối hợp need not be a party), or when
their body's administrative unit is above the unit of such a body (a city's
Thành ủy sees its districts). What cannot be seen must look as if it did not
exist (404), never leak a title.

Changing: officials of a party draft, the secretariat of a party records the
signing and closes, officials and the secretariat of a party amend; a clause
is dropped by the secretariat of a party or an official of its lead body, and
progress on it is reported by officials of its lead and supporting bodies. Each
rule answers with a Decision (parties/rules.py) that says why when it refuses.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Handover,
    Programme,
    ProgrammeInvolvement,
    ProgrammeParty,
    ProgrammeReach,
)
from parties.models import Body
from parties.rules import (
    ALLOWED,
    Role,
    administered_bodies,
    body_of,
    decide,
    deny,
    has_ended,
    has_role,
    pickable_bodies,
    predecessors_of,
    sees_everything,
)

Status = Programme.Status

SIGNED_IS_LOCKED = _(
    "This programme has been signed, so its text is locked; to change it, make an amendment."
)
CLOSED = _("This programme has been closed after its final review; it no longer changes.")
NOT_A_PARTY = _("Only the parties to this programme change it, and your body is not one of them.")
HANDED_OVER_BY_ENDED = _(
    "This programme was handed over to %(successor)s on %(date)s, when %(body)s ended: it "
    "is now amended and closed by %(successor)s. Ask their officials or secretariat to make "
    "the change."
)
HANDED_OVER_WORK = _(
    "This programme was handed over to %(successor)s on %(date)s, when %(body)s ended: "
    "its clauses are now reported on, dropped and recorded by %(successor)s. Ask their "
    "officials or secretariat to do it."
)


# --- seeing -----------------------------------------------------------------


def visible_programmes(user):
    """Programmes the user may see; anything else must look like it does not exist."""
    if sees_everything(user):
        return Programme.objects.all()
    body = body_of(user)
    if body is None:
        return Programme.objects.none()
    return programmes_seen_by(body)


def programmes_seen_by(body):
    """Programmes the people of `body` see (also those without an account: an invitee)."""
    return Programme.objects.filter(pk__in=programme_ids_seen_by(body))


def programme_ids_seen_by(body):
    """The ids of the programmes `body` sees: those with a party, or a body supporting one
    of their clauses, among the bodies `body` looks after. One UNION that PostgreSQL
    hashes once, of two index scans on tables kept by agreements/reach.py: the body's own
    and its predecessors' programmes (ProgrammeInvolvement) and those of the bodies of the
    units below its own (ProgrammeReach), instead of joining every supporting body of
    every clause, which took over a second for a provincial body (bench/INDEXES.md)."""
    own = [body.pk, *sorted(predecessors_of(body))]
    # order_by(): the models' default orderings would join and sort inside the UNION.
    involved = ProgrammeInvolvement.objects.filter(body_id__in=own).order_by()
    below = ProgrammeReach.objects.filter(unit_id=body.unit_id).order_by()
    return involved.values("programme_id").union(below.values("programme_id"))


def programme_visible_to(user, programme_field):
    """A condition on any row naming a programme in `programme_field` (e.g. "programme_id"):
    the user sees that programme."""
    if sees_everything(user):
        return Q()
    body = body_of(user)
    if body is None:
        return Q(pk__in=[])
    return Q(**{f"{programme_field}__in": programme_ids_seen_by(body)})


def programme_visible_to_counted(user, programme_field):
    """programme_visible_to for counting programmes (the dashboard's programmes in force):
    the same programmes, asked as two sets ORed, the reach of the body's unit and the
    body's own, each hashed as read, instead of their UNION de-duplicated first (22,000
    ids for a provincial body): 15-40 % less (bench/INDEXES.md). Not for the tally's
    75,000 rows (no gain measured there), nor for scans that stop early (row by row)."""
    if sees_everything(user):
        return Q()
    body = body_of(user)
    if body is None:
        return Q(pk__in=[])
    own = [body.pk, *sorted(predecessors_of(body))]
    below = ProgrammeReach.objects.filter(unit_id=body.unit_id).order_by()
    involved = ProgrammeInvolvement.objects.filter(body_id__in=own).order_by()
    return Q(**{f"{programme_field}__in": below.values("programme_id")}) | Q(
        **{f"{programme_field}__in": involved.values("programme_id")}
    )


def programme_visible_to_in_a_count(user, programme_field):
    """programme_visible_to for a count over every programme the user sees (a list's
    total): for a body of the province itself, which sees nearly all of them, the two
    sets ORed (programme_visible_to_counted), 25-35 % less than hashing their UNION of
    22,000 ids; for a body below, whose ~2,000 programmes the UNION de-duplicates
    quickly, the UNION, which is then the quicker (bench/INDEXES.md)."""
    body = body_of(user)
    if body is not None and body.unit.parent_id is None:
        return programme_visible_to_counted(user, programme_field)
    return programme_visible_to(user, programme_field)


def programme_visible_row_by_row(user, programme_field="pk"):
    """programme_visible_to asked row by row: two index probes of the tables kept by
    agreements/reach.py per row, no set of every programme the user sees hashed first.
    For scans that stop after a page of rows or that other conditions already narrow:
    the clause list's urgencies, the programme list read in its index's order and cut
    at its page, a month's meetings, the feed's window, the latest programmes of a
    filter. A count over every row hashes the set once instead (programme_visible_to).
    `programme_field` names the programme's id on the row asked about ("pk" on a
    programme)."""
    if sees_everything(user):
        return Q()
    body = body_of(user)
    if body is None:
        return Q(pk__in=[])
    involved, below = programme_seen_by_probes(body, OuterRef(programme_field))
    # One EXISTS of a UNION ALL: PostgreSQL runs it per row; two EXISTS ORed it would
    # turn into two hashed sets of every programme seen, as the IN form does.
    either = (
        involved.order_by()
        .values("programme_id")
        .union(below.order_by().values("programme_id"), all=True)
    )
    return Exists(either)


def programme_seen_by_probes(body, programme):
    """The two halves of programme_ids_seen_by(body) narrowed to one programme (an
    OuterRef), each an index probe: the body's own or its predecessors' programme, or
    one of a body of a unit below its own."""
    own = [body.pk, *sorted(predecessors_of(body))]
    involved = ProgrammeInvolvement.objects.filter(programme_id=programme, body_id__in=own)
    below = ProgrammeReach.objects.filter(programme_id=programme, unit_id=body.unit_id)
    return involved, below


def can_see_programme(user, programme):
    # A programme read by programme_visible for this user is known to be seen.
    if getattr(programme, "seen_by_user_id", None) == user.pk:
        return True
    return visible_programmes(user).filter(pk=programme.pk).exists()


def handed_over_to(body):
    """{programme id: ids of the bodies whose place `body` took there}, read once per body
    object, so that a list asks it once, not once a row."""
    if not hasattr(body, "_handed_over"):
        found = {}
        rows = Handover.objects.filter(to_body=body).values_list("programme_id", "from_body_id")
        for programme_id, from_body_id in rows:
            found.setdefault(programme_id, set()).add(from_body_id)
        body._handed_over = found
    return body._handed_over


def acting_body_ids(body, programme):
    """The bodies `body` stands for in `programme`: itself, and those whose place it
    took when the programme was handed over to it by a reorganisation."""
    if body is None:
        return set()
    # programme_visible read whether anything was handed over to the viewer's body here:
    # when not, no need to read every handover to the body.
    if getattr(programme, "handed_to_body", None) == (body.pk, False):
        return {body.pk}
    return {body.pk, *handed_over_to(body).get(programme.pk, ())}


def handovers_by_ended(body, day):
    """The handovers by which `body`, ended by `day`, gave its programmes to its
    successors; none for a body still in existence (no query then)."""
    if not has_ended(body, day):
        return Handover.objects.none()
    return Handover.objects.filter(from_body=body, reorganisation__effective_on__lte=day)


def handover_by_own_ended_body(user, programmes, day):
    """The first handover by which the user's body, ended by `day`, gave one of
    `programmes` to a successor; None when it has not ended (no query then) or kept them.
    Once the act is in effect the successor acts for it, though it is still a party."""
    body = body_of(user)
    if not has_ended(body, day):
        return None
    given = _handovers_of_ended(body, day)
    found = [given[p.pk] for p in programmes if p.pk in given]
    return min(found, key=lambda h: (h.reorganisation.effective_on, h.pk), default=None)


def _handovers_of_ended(body, day):
    """{programme id: the first handover by which the ended `body` gave it away by `day`},
    read once per body object and day: a page asks it for each of its clauses."""
    cache = body.__dict__.setdefault("_handovers_of_ended", {})
    if day not in cache:
        rows = (
            handovers_by_ended(body, day)
            .select_related("programme", "to_body", "from_body", "reorganisation")
            .order_by("-reorganisation__effective_on", "-pk")
        )
        cache[day] = {handover.programme_id: handover for handover in rows}
    return cache[day]


def _not_handed_over_by_own_ended_body(user, programme, today, reason=HANDED_OVER_BY_ENDED):
    handover = handover_by_own_ended_body(user, [programme], today or timezone.localdate())
    if handover is None:
        return ALLOWED
    return deny(
        reason
        % {
            "successor": handover.to_body.name,
            "body": handover.from_body.name,
            "date": handover.reorganisation.effective_on.strftime("%d/%m/%Y"),
        }
    )


def acting_party_filter(body, programme_field="pk"):
    """A condition on rows naming a programme in `programme_field`: `body` is one of its
    parties, or took a party's place by a handover."""
    parties = ProgrammeParty.objects.filter(body=body).values("programme_id")
    handed = Handover.objects.filter(to_body=body).values("programme_id")
    return Q(**{f"{programme_field}__in": parties}) | Q(**{f"{programme_field}__in": handed})


def acting_party_ids(programmes):
    """The ids of the bodies that act as parties to `programmes`: the parties, and the
    successors the programmes were handed over to by a reorganisation."""
    parties = ProgrammeParty.objects.filter(programme__in=programmes).values_list(
        "body_id", flat=True
    )
    successors = Handover.objects.filter(programme__in=programmes).values_list(
        "to_body_id", flat=True
    )
    return {*parties, *successors}


def is_party(user, programme):
    """The user's own body is one of the programme's parties, or took a party's place
    by a handover (uses prefetched parties)."""
    body = body_of(user)
    if body is None:
        return False
    acting = acting_body_ids(body, programme)
    cache = getattr(programme, "_prefetched_objects_cache", {})
    if "memberships" in cache:
        return any(party.body_id in acting for party in cache["memberships"])
    return programme.memberships.filter(body__in=acting).exists()


def _of_a_party(user, programme):
    return decide(sees_everything(user) or is_party(user, programme), NOT_A_PARTY)


def _not_in_force(programme, *, draft):
    """The refusal for a programme that is not in force: `draft` says why for a draft."""
    return deny(CLOSED if programme.status == Status.CLOSED else draft)


def supporting_body_choices(user, programme):
    """Bodies a drafter may name as supporting a clause: any body they may pick, a party
    or not, and the parties and the departments they govern."""
    parties = programme.parties.all()
    return Body.objects.filter(
        Q(pk__in=pickable_bodies(user).values("pk")) | Q(pk__in=parties) | Q(parent__in=parties)
    )


# --- programmes -------------------------------------------------------------


def can_draft_programmes(user):
    return decide(
        has_role(user, Role.OFFICIAL),
        _("Only officials draft programmes."),
    )


def can_sign_programmes(user):
    """Record signings at all: the secretariat."""
    return decide(
        has_role(user, Role.SECRETARIAT),
        _("Only the secretariat records a signing."),
    )


def signable_programmes(user):
    """Drafts the user's secretariat may record a signing for: its body is a party."""
    if not can_sign_programmes(user):
        return Programme.objects.none()
    drafts = Programme.objects.filter(status=Status.DRAFT)
    if sees_everything(user):
        return drafts
    body = body_of(user)
    return drafts.filter(memberships__body=body)


def can_edit_programme(user, programme):
    """Officials of a party edit a draft; a signed text is frozen for everyone."""
    if programme.status != Status.DRAFT:
        return _not_in_force(programme, draft=SIGNED_IS_LOCKED)
    if not has_role(user, Role.OFFICIAL):
        return deny(_("Only the officials of a party edit a draft."))
    return _of_a_party(user, programme)


def can_record_signing(user, programme):
    if programme.status != Status.DRAFT:
        return deny(_("This programme has already been signed."))
    if not has_role(user, Role.SECRETARIAT):
        return deny(_("Only the secretariat records a signing."))
    return _of_a_party(user, programme)


def can_amend_programme(user, programme, *, today=None):
    """Officials and the secretariat of a party; not those of a body that has ended and
    handed the programme over (its successor amends it)."""
    if programme.status != Status.SIGNED:
        return _not_in_force(
            programme, draft=_("A draft is edited directly; only a signed programme is amended.")
        )
    if not has_role(user, Role.OFFICIAL, Role.SECRETARIAT):
        return deny(_("Only officials and the secretariat of a party amend a programme."))
    handed_over = _not_handed_over_by_own_ended_body(user, programme, today)
    return handed_over if not handed_over else _of_a_party(user, programme)


def can_close_programme(user, programme, *, today=None):
    """The secretariat of a party; not that of a body that has ended and handed the
    programme over (its successor closes it)."""
    if programme.status != Status.SIGNED:
        return _not_in_force(
            programme, draft=_("A draft is not closed: it has not been signed yet.")
        )
    if not has_role(user, Role.SECRETARIAT):
        return deny(_("Only the secretariat of a party closes a programme."))
    handed_over = _not_handed_over_by_own_ended_body(user, programme, today)
    return handed_over if not handed_over else _of_a_party(user, programme)


def can_attach_scan(user, programme):
    if programme.status == Status.DRAFT:
        return deny(_("The scanned signed copy is attached once the programme has been signed."))
    if not has_role(user, Role.OFFICIAL, Role.SECRETARIAT):
        return deny(_("Only officials and the secretariat of a party attach the signed copy."))
    if sees_everything(user):
        return ALLOWED
    handed_over = _not_handed_over_by_own_ended_body(user, programme, None, HANDED_OVER_WORK)
    return handed_over if not handed_over else _of_a_party(user, programme)


# --- clauses ----------------------------------------------------------------


def _is_replaced(clause):
    try:
        return clause.replaced_by is not None
    except clause.__class__.replaced_by.RelatedObjectDoesNotExist:
        return False


def _clause_in_force(clause, *, draft):
    """ALLOWED for a clause that is in force, else why it is not."""
    if clause.programme.status != Status.SIGNED:
        return _not_in_force(clause.programme, draft=draft)
    if clause.is_dropped:
        return deny(_("This clause has already been dropped."))
    if _is_replaced(clause):
        return deny(_("This clause was replaced by an amendment; work on its new wording."))
    return ALLOWED


def can_drop_clause(user, clause):
    """Dropping a clause of a signed programme, with a reason, is for the secretariat of a
    party or for an official of the body that leads the clause."""
    in_force = _clause_in_force(
        clause, draft=_("A clause of a draft is removed, not dropped: edit the draft instead.")
    )
    if not in_force:
        return in_force
    if sees_everything(user):
        return ALLOWED
    handed_over = _not_handed_over_by_own_ended_body(user, clause.programme, None, HANDED_OVER_WORK)
    if not handed_over:
        return handed_over
    return decide(
        (has_role(user, Role.SECRETARIAT) and is_party(user, clause.programme))
        or (
            has_role(user, Role.OFFICIAL)
            and clause.lead_body_id in acting_body_ids(body_of(user), clause.programme)
        ),
        _(
            "Only the secretariat of a party, or an official of the body that leads this "
            "clause, drops it."
        ),
    )


def can_report_progress(user, clause):
    """Officials of the clause's lead or supporting bodies report on a clause in force."""
    if not has_role(user, Role.OFFICIAL):
        return deny(_("Only officials report progress."))
    in_force = _clause_in_force(
        clause, draft=_("Progress is reported only on a programme in force.")
    )
    if not in_force:
        return in_force
    if sees_everything(user):
        return ALLOWED
    handed_over = _not_handed_over_by_own_ended_body(user, clause.programme, None, HANDED_OVER_WORK)
    if not handed_over:
        return handed_over
    acting = acting_body_ids(body_of(user), clause.programme)
    return decide(
        bool(acting)
        and (
            clause.lead_body_id in acting
            or any(supporter.pk in acting for supporter in clause.supporting_bodies.all())
        ),
        _("Only the lead or a supporting body reports on a clause."),
    )


def reporting_bodies(user, clause):
    """The bodies the user may report for on this clause: their own, or any for a superuser."""
    bodies = [clause.lead_body, *clause.supporting_bodies.all()]
    if sees_everything(user):
        return bodies
    own = body_of(user)
    if own is None:
        return []
    acting = acting_body_ids(own, clause.programme)
    if any(b.pk == own.pk for b in bodies):
        return [own]
    # A successor reports as itself, in the place of the body it took over from.
    return [own] if any(b.pk in acting for b in bodies) else []


# --- reorganisations --------------------------------------------------------


def can_settle_programme(user, programme):
    """Hand a programme in force over to a successor, or close it by a reorganisation:
    an administrator over one of its parties (the programme is found through the
    reorganisation, which names only the bodies they administer)."""
    if programme.status != Status.SIGNED:
        return _not_in_force(programme, draft=_("A draft is not handed over."))
    administered = administered_bodies(user).filter(pk__in=programme.parties.all())
    return decide(
        administered.exists(),
        _("Only an administrator over a party hands a programme over."),
    )
