"""The interface is Vietnamese by default: every message translated, and compiled."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES"
ENTRY = re.compile(
    r'^(?P<flags>(?:#.*\n)*)(?:msgctxt (?P<ctx>"(?:.*)"\n(?:".*"\n)*))?'
    r'msgid (?P<id>"(?:.*)"\n(?:".*"\n)*)'
    r'(?:msgid_plural "(?:.*)"\n(?:".*"\n)*)?'
    r'(?:msgstr(?:\[0\])? (?P<str>"(?:.*)"\n(?:".*"\n)*))',
    re.MULTILINE,
)


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(block):
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m[1], m[1]), text)


def po_entries():
    text = (LOCALE / "django.po").read_text(encoding="utf-8") + "\n"
    for match in ENTRY.finditer(text):
        msgid = unquote(match["id"])
        if match["ctx"]:  # how gettext keys a message given with a context
            msgid = f"{unquote(match['ctx'])}\x04{msgid}"
        if msgid:
            yield msgid, unquote(match["str"]), "fuzzy" in match["flags"]


def test_every_message_has_a_vietnamese_translation():
    entries = list(po_entries())
    assert len(entries) > 200
    untranslated = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file():
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    stale = [
        msgid
        for msgid, msgstr, _ in po_entries()
        if catalogue.get(msgid, catalogue.get((msgid, 0))) != msgstr
    ]
    assert stale == [], "run `make messages` to recompile locale/vi/LC_MESSAGES/django.mo"


@pytest.mark.django_db
def test_the_login_page_speaks_vietnamese_and_english(client):
    assert "Đăng nhập" in client.get("/login/").text
    english = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign in" in english.text
