"""The narrative sections of a report, pre-filled from its content for the
secretariat to finish: strengths, weaknesses and their causes, lessons,
proposals and the next period's tasks (the keys of reports.models.NARRATIVE_KEYS).

A small first wording; the document's own helper writes the full one.
"""

from django.utils.translation import gettext as _


def default_narrative(content):
    """{key: text} pre-filled from the report's content (reports/selectors/records.py)."""
    counts = content.clause_counts.counts
    done = sum(count for status, count in counts.items() if status == "done")
    total = sum(counts.values())
    concerns = len(content.concerns)
    tasks = "\n".join(f"- {task.text}" for task in content.next_tasks[:10])
    return {
        "strengths": _(
            "The parties carried out the programme's contents as agreed: %(done)s of "
            "%(total)s contents completed."
        )
        % {"done": done, "total": total}
        if total
        else "",
        "weaknesses_and_causes": _("%(count)s contents are behind or at risk.")
        % {"count": concerns}
        if concerns
        else "",
        "lessons": "",
        "proposals": "",
        "next_tasks": tasks,
    }
