"""The narrative sections of a report — the overall assessment, lessons, proposals,
the next period's tasks — pre-filled from the gathered figures.

An office never issues a machine's text as it stands: these are a draft the
secretariat edits. `default_narrative(content)` writes it in the document's
language (Vietnamese by default); each value is plain text, paragraphs split
by blank lines.
"""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import ClauseStatus
from parties.numbers import grouped
from reports.wording import share

S = ClauseStatus

# How many bodies in charge of late work the proposals name.
BODIES_NAMED = 10

KEYS = ("strengths", "weaknesses_and_causes", "lessons", "proposals", "next_tasks")


def paragraphs(*texts):
    return "\n\n".join(t for t in texts if t)


def strengths(content):
    counts = content.clause_counts.counts
    total = content.clause_total
    texts = []
    if content.programmes:
        texts.append(
            _(
                "The parties kept to the coordination programmes signed; the bodies in charge "
                "carried out the clauses assigned to them and reported on them."
            )
        )
    if total:
        done = counts[S.DONE]
        going = counts[S.ON_TRACK]
        if done:
            texts.append(
                _("They completed %(share)s.")
                % {"share": share(done, total, _("clauses (as counted)"))}
            )
        if going:
            texts.append(
                ngettext(
                    "%(count)s clause is being carried out on schedule.",
                    "%(count)s clauses are being carried out on schedule.",
                    going,
                )
                % {"count": grouped(going)}
            )
    if content.meetings:
        texts.append(
            ngettext(
                "The parties met %(count)s time to review and direct the coordination.",
                "The parties met %(count)s times to review and direct the coordination.",
                len(content.meetings),
            )
            % {"count": grouped(len(content.meetings))}
        )
    if content.directives_carried_out:
        texts.append(
            _("Of the directives given at the meetings, %(share)s were carried out.")
            % {"share": share(content.directives_carried_out, len(content.directives), "")}
        )
    return paragraphs(" ".join(texts))


def weaknesses_and_causes(content):
    counts = content.clause_counts.counts
    late = counts[S.OVERDUE]
    risky = counts[S.AT_RISK]
    idle = counts[S.NOT_STARTED]
    texts = []
    counted = {
        "late": ngettext("%(count)s clause is", "%(count)s clauses are", late)
        % {"count": grouped(late)},
        "risky": ngettext("%(count)s clause", "%(count)s clauses", risky)
        % {"count": grouped(risky)},
    }
    # No "0 clauses" in a sentence: only what there is is said.
    if late and risky:
        texts.append(
            _("%(late)s past their deadline and %(risky)s at risk of missing it (see part III).")
            % counted
        )
    elif late:
        texts.append(_("%(late)s past their deadline (see part III).") % counted)
    elif risky:
        texts.append(_("%(risky)s at risk of missing their deadline (see part III).") % counted)
    if idle:
        texts.append(
            ngettext(
                "%(count)s clause has not started yet.",
                "%(count)s clauses have not started yet.",
                idle,
            )
            % {"count": grouped(idle)}
        )
    overdue_directives = sum(1 for d in content.directives if d.status == "overdue")
    if overdue_directives:
        texts.append(
            ngettext(
                "%(count)s directive was not carried out by its deadline.",
                "%(count)s directives were not carried out by their deadline.",
                overdue_directives,
            )
            % {"count": grouped(overdue_directives)}
        )
    if not texts:
        return _(
            "No clause is overdue or at risk. Reporting by some bodies could still be more "
            "regular and more specific in figures."
        )
    unexplained = content.unexplained_concerns
    if unexplained:
        texts.append(
            ngettext(
                "Causes: for %(count)s of these the body in charge has not reported why; the "
                "reporting between the parties is not yet regular.",
                "Causes: for %(count)s of these the bodies in charge have not reported why; "
                "the reporting between the parties is not yet regular.",
                unexplained,
            )
            % {"count": grouped(unexplained)}
        )
    else:
        texts.append(_("Causes: as the bodies in charge reported them (part III)."))
    return " ".join(texts)


def lessons(content):
    return _(
        "The coordination works where the leaders of the parties direct it closely, each "
        "clause has a body in charge and a deadline, the parties meet regularly to review it, "
        "and progress is reported on time, with figures."
    )


def proposals(content):
    texts = []
    # Proposals go to the other bodies: the issuer's own late clauses are its own tasks
    # (under the next period's, "complete without delay"), not a request to itself.
    # The bodies with most late work first; a province's hundreds are not all named.
    bodies = Counter(
        {body: n for body, n in content.concern_bodies.items() if body != content.issuer_name}
    )
    if bodies:
        named = sorted(sorted(bodies), key=lambda b: -bodies[b])[:BODIES_NAMED]
        listed = ", ".join(sorted(named))
        if len(bodies) > len(named):
            listed = _("%(bodies)s and %(count)s other bodies") % {
                "bodies": listed,
                "count": grouped(len(bodies) - len(named)),
            }
        texts.append(
            _("That %(bodies)s set out how and by when the late clauses will be completed.")
            % {"bodies": listed}
        )
    texts.append(
        _(
            "That the parties keep reporting their progress every quarter, with figures, so "
            "that the coordination can be followed and reviewed on time."
        )
    )
    return "\n\n".join(f"- {t}" for t in texts)


def next_tasks(content):
    texts = []
    if content.next_task_count:
        texts.append(
            _(
                "Keep carrying out the clauses of the programmes in force; the bodies in "
                "charge complete the tasks listed below by their deadlines."
            )
        )
    elif content.late_task_count:
        texts.append(
            _("No clause or directive falls due in %(period)s.")
            % {"period": content.next_period_label}
        )
    else:
        texts.append(
            _("No open clause or directive carries over to %(period)s.")
            % {"period": content.next_period_label}
        )
    if content.late_tasks:
        items = "; ".join(
            _("%(source)s (%(body)s)") % {"source": task.source, "body": task.responsible}
            for task in content.late_tasks[:10]
        )
        more = content.late_task_count - 10
        texts.append(
            _("Complete without delay what is past its deadline: %(items)s%(more)s.")
            % {
                "items": items,
                "more": (_(" and %(count)s more (see the appendix)") % {"count": grouped(more)})
                if more > 0
                else "",
            }
        )
    return paragraphs(*texts)


def default_narrative(content):
    """{"strengths", "weaknesses_and_causes", "lessons", "proposals", "next_tasks"}: the
    text each narrative section starts from."""
    return {
        "strengths": strengths(content),
        "weaknesses_and_causes": weaknesses_and_causes(content),
        "lessons": lessons(content),
        "proposals": proposals(content),
        "next_tasks": next_tasks(content),
    }
