"""Places on agreements' pages where the apps above show parts of their own.

agreements knows no app above it. An app with something to show on a
programme's page (meetings: its meetings and directives; reports: the reports
that cover it) or on "my work" (meetings: the directives a body has to carry
out) registers a part here from its AppConfig.ready(); the page renders the
parts registered for that place, in order, with `{% page_parts place obj %}`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The places, and the object a part is given there.
PROGRAMME_PAGE = "programme_page"  # the Programme shown (the user sees it)
MY_WORK = "my_work"  # the user's Body


@dataclass(frozen=True)
class Part:
    name: str
    template: str
    context: Callable[[Any, Any], dict]  # context(request, obj) -> the template's context
    order: int


_places: dict[str, dict[str, Part]] = {}


def register(place, *, name, template, context, order):
    """Show `template` at `place`; registering a name again replaces the part."""
    _places.setdefault(place, {})[name] = Part(name, template, context, order)


def parts_at(place):
    return sorted(_places.get(place, {}).values(), key=lambda part: (part.order, part.name))
