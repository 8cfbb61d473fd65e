"""Walk the demo as its users do: signed in as each demo account, open every page the
navigation offers and the pages the lists' first rows lead to, with their filters, the
calendar file, a report's downloads and, for staff, the admin; and send the forms a
user fills most often (a progress report, a directive's follow-up) as offered.

Run by tests/demo/test_demo_pages.py in a process of its own, on the settings and the
SQLite database `make run` builds (`python -m tests.demo.walk OUTPUT`). It writes one
JSON object to OUTPUT: the faults (a server error or a missing page, each with its
account and address), the accounts walked and, for each kind of page, the accounts
that reached one.
"""

import json
import re
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import django

# A status that is a fault on a page reached by following the site's own links.
MISSING = 404
SERVER_ERROR = 500
# Searched for in the programme list, as a user of the demo would.
SEARCH = "phối hợp"

HREF = re.compile(r'href="([^"#][^"]*)"')
NAV = re.compile(r"<nav\b.*?</nav>", re.S)


def links(html, pattern=None):
    """The site's own addresses an HTML page links to, in page order (those matching
    `pattern`, a regular expression on the path, when given)."""
    found = []
    for raw in HREF.findall(html):
        url = unescape(raw)
        if not url.startswith("/") or url.startswith("//"):
            continue
        matches = pattern is None or re.fullmatch(pattern, url.split("?")[0])
        if matches and url not in found:
            found.append(url)
    return found


FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)
# What the walk writes where a form asks for a note.
NOTE = "Ghi chú của bài kiểm tra bản demo."


def attributes(tag):
    return {k: unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag)}


def form_values(html, field):
    """What a user who changes nothing sends with the page's form that has `field`: each
    input's value, each select's chosen (else first) option, each textarea's text; None
    when the page has no such form."""
    found = [body for body in FORM.findall(html) if f'name="{field}"' in body]
    if not found:
        return None
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", found[0]):
        given = attributes(tag)
        kind = given.get("type")
        if "name" not in given or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and "checked" not in tag:
            continue
        data[given["name"]] = given.get("value", "")
    for tag, options in re.findall(r"(<select\b[^>]*>)(.*?)</select>", found[0], re.S):
        values = [attributes(o) for o in re.findall(r"<option\b[^>]*>", options)]
        chosen = [o.get("value", "") for o in values if "selected" in o]
        offered = [o["value"] for o in values if o.get("value")]
        data[attributes(tag)["name"]] = (chosen or offered or [""])[0]
    for tag, text in re.findall(r"(<textarea\b[^>]*>)(.*?)</textarea>", found[0], re.S):
        data[attributes(tag)["name"]] = unescape(text).strip() or NOTE
    return data


def select_values(html, name):
    """The non-empty option values of the page's <select name=…>, in order."""
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if match is None:
        return []
    return [unescape(v) for v in re.findall(r'<option value="([^"]+)"', match.group(1))]


class Walk:
    """One account's walk; what it reached and what failed go into the shared `report`."""

    def __init__(self, user, report):
        from django.test import Client

        self.user = user
        self.report = report
        self.client = Client(raise_request_exception=False)
        self.client.force_login(user)
        self.pages = {}

    def get(self, kind, url):
        """The page's HTML ("" for a file or a fault). A fault is recorded, naming the
        account and the address; otherwise the page counts as reached for `kind`."""
        if url not in self.pages:
            self.pages[url] = self.fetch(kind, url)
        if self.pages[url] is None:
            return ""
        self.report["reached"].setdefault(kind, []).append(self.user.username)
        return self.pages[url]

    def fetch(self, kind, url):
        """The page's HTML, "" for a file, None for a fault (recorded)."""
        response = self.client.get(url, follow=True)
        error = None
        try:
            body = b"".join(response.streaming_content) if response.streaming else response.content
        except Exception as exc:  # a streamed file fails only as it is read
            body, error = b"", f"{type(exc).__name__}: {exc}"
        if response.status_code >= SERVER_ERROR or response.status_code == MISSING or error:
            exc_info = getattr(response, "exc_info", None)
            if exc_info and not error:
                error = f"{exc_info[0].__name__}: {exc_info[1]}"
            self.report["faults"].append(
                f"{self.user.username}: GET {url} ({kind}) answered {response.status_code}"
                + (f" – {error}" if error else "")
            )
            return None
        return body.decode() if "html" in response.get("Content-Type", "") else ""

    def submit(self, kind, url, field):
        """Open the form at `url` and send it as a user who adds only a note would. A
        server error, a missing page, or the form refusing its own values is a fault; an
        answer that moves on (a redirect) counts as reached for `kind`."""
        values = form_values(self.get("form page", url), field)
        if values is None:
            return
        response = self.client.post(url, values)
        if response.status_code in (301, 302, 303):
            self.report["reached"].setdefault(kind, []).append(self.user.username)
            return
        errors = re.findall(
            r'class="invalid-feedback[^"]*"[^>]*>\s*(?:<[^>]+>)*([^<]+)', response.content.decode()
        )
        self.report["faults"].append(
            f"{self.user.username}: POST {url} ({kind}) answered {response.status_code}"
            + (f" – {'; '.join(e.strip() for e in errors)}" if errors else "")
        )

    def first(self, kind, html, pattern):
        """Open the first link of `html` whose path matches `pattern`; its HTML."""
        found = links(html, pattern)
        return self.get(kind, found[0]) if found else ""

    def run(self):
        from django.urls import reverse

        home = self.get("home", reverse("home"))
        self.get("dashboard", reverse("reports:dashboard"))
        self.programmes(reverse("agreements:programme_list"))
        self.clauses(reverse("agreements:clause_list"))
        my_work = self.get("my work", reverse("agreements:my_work"))
        self.first("clause page", my_work, r"/clauses/\d+/")
        for url in links(my_work, r"/clauses/\d+/progress/new/")[:1]:
            self.submit("progress report sent", url, "reported_on")
        self.meetings(reverse("meetings:calendar"))
        self.reports(reverse("reports:list"))
        if self.user.is_staff:
            self.get("admin index", reverse("admin:index"))
        # Last, so that a fault is named by the kind of page above when it is one.
        nav = NAV.search(home)
        for url in links(nav.group(0) if nav else ""):
            self.get("navigation", url)

    def programmes(self, url):
        listing = self.get("programme list", url)
        self.first("programme page", listing, r"/programmes/\d+/")
        self.get("programme search", f"{url}?{urlencode({'q': SEARCH})}")
        for body in select_values(listing, "body")[:1]:
            self.get("programme body filter", f"{url}?{urlencode({'body': body})}")

    def clauses(self, url):
        listing = self.get("clause list", url)
        self.first("clause page", listing, r"/clauses/\d+/")
        for status in select_values(listing, "status"):
            self.get("clause status filter", f"{url}?{urlencode({'status': status})}")

    def meetings(self, url):
        month = self.get("calendar month", url)
        calendar = [month]
        # The months before and after, the nearest with a meeting when this one has none,
        # and the quarter.
        for query in re.findall(r'href="\?((?:month|quarter)=[^"&]+)', month):
            kind = "calendar month" if query.startswith("month") else "calendar quarter"
            calendar.append(self.get(kind, f"{url}?{unescape(query)}"))
        meeting = ""
        for html in calendar:
            if links(html, r"/meetings/\d+/"):
                meeting = self.first("meeting page", html, r"/meetings/\d+/")
                break
        self.first("meeting .ics", meeting, r"/meetings/\d+/meeting\.ics")
        self.first("calendar .ics", month, r"/meetings/calendar\.ics")
        directives = self.first("directive list", month, r"/meetings/directives/")
        self.first("directive page", directives, r"/meetings/directives/\d+/")
        for url in links(directives, r"/meetings/directives/\d+/"):
            if form_values(self.get("directive page", url), "status") is not None:
                self.submit("directive follow-up sent", url, "status")
                break

    def reports(self, url):
        report = self.first("report page", self.get("report list", url), r"/reports/\d+/")
        for download in links(report, r"/reports/\d+/(pdf|appendix|xlsx)/"):
            self.get("report PDF" if download.endswith("/pdf/") else "report download", download)


def main():
    django.setup()
    from django.contrib.auth import get_user_model

    report = {"faults": [], "reached": {}, "accounts": []}
    # The demo's database holds the demo's accounts and no other.
    for user in get_user_model().objects.filter(is_active=True).order_by("username"):
        report["accounts"].append(user.username)
        Walk(user, report).run()
    Path(sys.argv[1]).write_text(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
