"""Search that ignores Vietnamese diacritics and case, the same on every database,
and knows the abbreviations of the political system both ways.

Each programme keeps a folded copy of the text it is searched by
(`Programme.search_text`), written by the services: every part as written and,
where it holds abbreviations, spelled out too ("UBND huyện" also as "uy ban nhan
dan huyen"). A query is folded and spelled out the same way and matched as a
plain substring, so SQLite and PostgreSQL agree, "mat tran to quoc" finds what
the MTTQ signed and "MTTQ" what the Mặt trận Tổ quốc signed.
"""

from parties.abbreviations import fold, spellings

__all__ = ["fold", "search_forms", "programme_search_text"]


def search_forms(text):
    """The folded forms `text` is found by, or finds by: as written, then spelled out."""
    forms = []
    for form in [text, *spellings(text)]:
        folded = fold(form)
        if folded and folded not in forms:
            forms.append(folded)
    return forms


def programme_search_text(*, reference, title, legal_basis, content, names):
    """The folded text a programme is found by: its reference, words and the names around it."""
    parts = [reference, title, legal_basis, content, *names]
    return "\n".join(form for part in parts if part for form in search_forms(part))
