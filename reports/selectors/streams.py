"""Rows of a second query read alongside a first one, both streamed in the same order.

The Excel copy lists every clause of a province with its supporting bodies and
indicators, and every progress report with its figures. Rather than asking the
database for each few thousand rows' details (a query per batch, with its list of
ids), each kind is one query, streamed in the order of the rows it belongs to: its
rows for a clause come when that clause does, and are read then (`Alongside`).
"""

# Rows a streamed query fetches at a time (Django's server-side cursor).
CHUNK = 2000


def streamed(queryset, chunk_size=None):
    """The rows of `queryset`, fetched a chunk at a time by a server-side cursor."""
    return queryset.iterator(chunk_size=chunk_size or CHUNK)


class StreamOutOfStep(RuntimeError):
    """A stream's rows were not in the order of the rows they belong to."""


class Alongside:
    """The rows of `rows` (ordered as the main rows) for each main row in turn:
    `take(key)` gives those whose first item is `key`, `finish()` checks that none
    were left behind (which they would be, silently, if the two orders differed)."""

    END = object()

    def __init__(self, rows):
        self.rows = iter(rows)
        self.head = next(self.rows, self.END)

    def take(self, key):
        found = []
        while self.head is not self.END and self.head[0] == key:
            found.append(self.head)
            self.head = next(self.rows, self.END)
        return found

    def finish(self):
        if self.head is not self.END:
            raise StreamOutOfStep(f"rows for {self.head[0]!r} were never reached")
