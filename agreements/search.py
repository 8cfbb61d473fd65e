"""Search that ignores Vietnamese diacritics and case, the same on every database.

Each programme keeps a folded copy of the text it is searched by
(`Programme.search_text`), written by the services; a query is folded the same
way and matched as a plain substring, so SQLite and PostgreSQL agree.
"""

import unicodedata


def fold(text):
    """ "Ủy ban Mặt trận Thanh Trì" → "uy ban mat tran thanh tri"; đ → d."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


def programme_search_text(*, reference, title, legal_basis, content, names):
    """The folded text a programme is found by: its reference, words and the names around it."""
    parts = [reference, title, legal_basis, content, *names]
    return "\n".join(fold(part) for part in parts if part)
