"""Small phrases the generated sentences share, so that a figure reads as an office
writes it: "hoàn thành 5/6 nội dung", "hoàn thành cả 6 nội dung" — never "0/1"."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parties.numbers import grouped


def share(part, total, noun):
    """ "5/6 nội dung" (part of a total), "cả 6 nội dung" (all), "1 nội dung" (the only
    one); "" when there is nothing (the caller then says it another way)."""
    if not part or not total:
        return ""
    if part == total:
        if total == 1:
            return _("the %(noun)s") % {"noun": noun}
        return _("all %(total)s %(noun)s") % {"total": grouped(total), "noun": noun}
    return f"{grouped(part)}/{grouped(total)} {noun}"


def status_phrases(counts, total):
    """ "hoàn thành 5/6 nội dung", "1 nội dung đang thực hiện đúng tiến độ", … for the
    statuses that occur, in the order they are counted."""
    from agreements.models import ClauseStatus as S

    phrases = []
    done = counts.get(S.DONE, 0)
    if done:
        phrases.append(
            _("completed %(share)s") % {"share": share(done, total, _("clauses (as counted)"))}
        )
    for status, singular, plural in (
        (S.ON_TRACK, _("%(count)s clause on schedule"), _("%(count)s clauses on schedule")),
        (S.AT_RISK, _("%(count)s clause at risk"), _("%(count)s clauses at risk")),
        (S.OVERDUE, _("%(count)s clause overdue"), _("%(count)s clauses overdue")),
        (S.NOT_STARTED, _("%(count)s clause not started"), _("%(count)s clauses not started")),
        (S.DROPPED, _("%(count)s clause dropped"), _("%(count)s clauses dropped")),
    ):
        count = counts.get(status, 0)
        if count:
            phrases.append((singular if count == 1 else plural) % {"count": grouped(count)})
    return phrases


def results_sentence(content):
    """The overall results in one sentence, as an office writes it."""
    total = content.clause_total
    date = content.as_of.strftime("%d/%m/%Y")
    if not total:
        return _("As of %(date)s, no clause of the programmes was in force yet.") % {"date": date}
    phrases = status_phrases(content.clause_counts.counts, total)
    return _("As of %(date)s, %(clauses)s are in force: %(phrases)s.") % {
        "date": date,
        "clauses": ngettext("%(count)s clause", "%(count)s clauses", total)
        % {"count": grouped(total)},
        "phrases": ", ".join(str(p) for p in phrases),
    }


def meetings_sentence(content):
    """Meetings of the parties held (from the meetings recorded), told apart from the
    conferences a clause counts as an indicator ("hội nghị" as a unit)."""
    held = content.meetings_held
    if not held:
        text = _("The parties held no meeting on the coordination in this period")
    else:
        text = ngettext(
            "The parties held %(count)s meeting on the coordination (briefing, review)",
            "The parties held %(count)s meetings on the coordination (briefings, reviews)",
            held,
        ) % {"count": grouped(held)}
    if content.directives:
        carried = content.directives_carried_out
        total = len(content.directives)
        if carried:
            text += _("; of the directives given, %(share)s were carried out") % {
                "share": share(carried, total, _("directives"))
            }
        else:
            text += ngettext(
                "; the %(count)s directive given is still being carried out",
                "; the %(count)s directives given are still being carried out",
                total,
            ) % {"count": grouped(total)}
    return text + "."
