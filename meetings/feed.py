"""What a person's calendar feed holds: the .ics file the calendar page offers.

A feed is imported into one's own calendar, so by default it holds the meetings of the
user's own body (meetings/selectors.py, body_takes_part), not every meeting the user
may look at: a provincial body sees some 700 in the window. The calendar's filters
(?body=, ?programme=) pass through the page's link, so that a filtered calendar exports
what it shows; ?scope=all asks for everything the user sees. Whatever is asked, the
feed holds a window of days (a programme's feed: all its meetings, a few dozen) and at
most MOST_EVENTS meetings, the earliest first.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from parties.rules import body_of

# A calendar app shows what the feed holds and drops what leaves it, and opens on the
# current month: six weeks back keep that month (its grid starts at most 37 days ago)
# and the meetings just held, with their minutes and cancellations, in view; a year
# ahead holds whatever is planned (quarterly briefings are planned a year at a time).
ICS_PAST = timedelta(days=42)
ICS_FUTURE = timedelta(days=366)
# Everything a provincial user sees in the window is some 700 meetings: the file stays
# bounded whoever asks for everything (some 250 KB at most, written as meetings/ical.py
# writes an event).
MOST_EVENTS = 500
EVERYTHING = "all"  # ?scope=all


@dataclass(frozen=True)
class Feed:
    """The body whose meetings the feed holds (None: every body), the programme they are
    on (None: any), and whether the body is the user's own, asked for by nobody."""

    body: object = None
    programme: object = None
    own: bool = False

    @property
    def everything(self):
        return self.body is None and self.programme is None

    def window(self, today):
        """The days the feed covers, as meetings_visible_between takes them."""
        if self.programme is not None:
            return {}
        return {"first_day": today - ICS_PAST, "last_day": today + ICS_FUTURE}

    @property
    def query(self):
        """The query string of the feed's link (empty for the default feed)."""
        query = QueryDict(mutable=True)
        if self.body is not None and not self.own:
            query["body"] = self.body.pk
        if self.programme is not None:
            query["programme"] = self.programme.pk
        if self.everything:
            query["scope"] = EVERYTHING
        return query.urlencode()

    @property
    def name(self):
        """The calendar's name in the reader's calendar app (None: the default name)."""
        if self.body is not None and self.programme is not None:
            return _("Meetings of %(body)s, programme %(programme)s") % self._names()
        if self.body is not None:
            return _("Meetings of %(body)s") % self._names()
        if self.programme is not None:
            return _("Meetings of programme %(programme)s") % self._names()
        return None

    @property
    def summary(self):
        """What the file holds, in a sentence the calendar page shows beside its link."""
        names = self._names()
        if self.own:
            return (
                _(
                    "The .ics file holds the meetings of %(body)s (those it organises and "
                    "those on a programme it is a party to or supports), from six weeks ago "
                    "to a year ahead."
                )
                % names
            )
        if self.body is not None and self.programme is not None:
            return _("The .ics file holds every meeting of %(body)s on %(programme)s.") % names
        if self.body is not None:
            return (
                _(
                    "The .ics file holds the meetings of %(body)s that this calendar shows, "
                    "from six weeks ago to a year ahead."
                )
                % names
            )
        if self.programme is not None:
            return _("The .ics file holds every meeting of %(programme)s.") % names
        return (
            _(
                "The .ics file holds every meeting you may see from six weeks ago to a year "
                "ahead, the first %(most)s at most."
            )
            % names
        )

    def _names(self):
        return {
            "body": self.body.name if self.body is not None else "",
            "programme": self.programme.short_citation if self.programme is not None else "",
            "most": number_format(MOST_EVENTS, force_grouping=True),
        }


def feed_for(user, *, body=None, programme=None, scope=""):
    """The feed asked for: the calendar's filters when there are any; otherwise the
    user's own body, or everything they see when they ask for it or have no body."""
    if body is not None or programme is not None:
        return Feed(body=body, programme=programme)
    own = body_of(user)
    if own is None or scope == EVERYTHING:
        return Feed()
    return Feed(body=own, own=True)
