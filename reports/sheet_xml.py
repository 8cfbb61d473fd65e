"""The Excel copy's sheets, their rows written as SpreadsheetML text (issue 12).

openpyxl's write-only mode makes a cell object for every value and writes it element
by element, some 15 µs a cell: most of a province's Excel step (3.5 million cells).
Here each row is formatted as text, by the rules openpyxl's write-only mode follows
(inline strings, numbers as "%.16g", dates as serial numbers), into a temporary file
of its sheet's own, so the rows never sit in memory. One rule differs: a text that
reads as an error code ("#N/A" typed in a note) stays text, where openpyxl would
store an error value. openpyxl still makes everything around the rows: the cell
styles, each sheet's head (column widths, frozen header) and tail, the package;
`save` has it write the workbook with its sheets empty and puts each sheet's rows
into it. The workbook reads the same, cell by cell, as openpyxl's own
(tests/reports/test_sheet_xml.py): only the text is UTF-8 rather than ASCII with
character references, which makes the file smaller.
"""

import re
import shutil
import tempfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from math import isinf, isnan
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError

# A text a spreadsheet could take for a formula (CSV/formula injection, OWASP): kept
# text, and marked so (quotePrefix) that a spreadsheet keeps it text when edited.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The longest text a cell holds (Excel's limit; openpyxl cuts a longer one there).
TEXT_MAX = 32767
# What a text needs looked at before it is written: a character XML escapes, one a
# sheet cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE), one XML cannot (as lxml).
NEEDS_CARE = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A carriage return as a reference: written raw, XML would read it back as a line feed.
ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
# The columns' letters, as far as a sheet here goes.
COLUMNS = [get_column_letter(index) for index in range(1, 31)]
# Rows gathered before they go to the sheet's file (some hundreds of KB of text).
ROWS_PER_WRITE = 500


def escaped(text):
    """`text` as the content of an element, or IllegalCharacterError/ValueError for a
    character a cell cannot hold, as openpyxl and lxml raise."""
    if ILLEGAL_CHARACTERS_RE.search(text):
        raise IllegalCharacterError(f"{text} cannot be used in worksheets.")
    if "\ufffe" in text or "\uffff" in text:
        raise ValueError("All strings must be XML compatible")
    for character, reference in ESCAPES:
        if character in text:
            text = text.replace(character, reference)
    return text


class CellStyles:
    """The workbook's cell styles by name, as the cells' `s` attribute. Each is made
    from its attributes at the start (their fonts, fills, … registered in this order)
    and numbered the first time a cell takes it, as openpyxl numbers a cell's style
    when it writes the cell: the workbook's style sheet comes out as openpyxl's."""

    def __init__(self, sheet, **styles):
        self.sheet = sheet
        self.attributes = styles
        for name in styles:
            self.prototype(name)
        self.ids = {}

    def prototype(self, name, quoted=False):
        cell = WriteOnlyCell(self.sheet)
        for attribute, value in self.attributes[name].items():
            setattr(cell, attribute, value)
        if quoted:
            cell.quotePrefix = True
        return cell

    def attribute(self, name, quoted=False):
        """' s="N"' for the style `name` (`quoted`: with the quote prefix)."""
        found = self.ids.get((name, quoted))
        if found is None:
            found = self.ids[name, quoted] = f' s="{self.prototype(name, quoted).style_id}"'
        return found


class Look:
    """How the cells of a column are styled: a text by `text` (or by no style if it is
    at most `fit` characters long: it fits its column), a text that reads as a formula
    by `text` quoted, a date by `date`, anything else, and a blank, by `other` (by
    none: a blank is then no cell at all)."""

    __slots__ = ("fit", "text", "date", "other")

    def __init__(self, *, text, date, other=None, fit=-1):
        self.fit, self.text, self.date, self.other = fit, text, date, other


class StreamedSheet:
    """Rows of one sheet of `book` (a write-only openpyxl Workbook): the sheet itself
    made by openpyxl (its head: titles, column widths, frozen panes), its rows written
    here, each as it comes, into a temporary file until `save`."""

    def __init__(self, book, title, styles):
        self.sheet = book.create_sheet(str(title))
        self.styles = styles
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `save`)
        self.pending = []
        self.count = 0
        self.serials = {}  # date: its serial number, as text (a sheet has few dates)

    def append(self, values, looks):
        """Write a row: `values` (None: no cell) styled by `looks`, a Look a column."""
        self.count += 1
        number = str(self.count)
        if len(values) != len(looks) or len(looks) > len(COLUMNS):
            raise ValueError(f"{len(values)} values for {len(looks)} columns")
        cells = [f'<row r="{number}">']
        for letter, value, look in zip(COLUMNS, values, looks, strict=False):
            if value is None and look.other is None:
                continue
            cells.append(self.cell(letter + number, value, look))
        cells.append("</row>")
        self.pending.append("".join(cells))
        if len(self.pending) >= ROWS_PER_WRITE:
            self.flush()

    def cell(self, ref, value, look):
        """A cell as openpyxl writes it (cell/_writer.py, lxml_write_cell)."""
        kind = type(value)
        if kind is str:
            if value.startswith(FORMULA_STARTS):
                style = self.styles.attribute(look.text, quoted=True)
            elif len(value) <= look.fit:
                style = ""
            else:
                style = self.styles.attribute(look.text)
            text = value[:TEXT_MAX]
            if not text:
                return f'<c r="{ref}"{style} t="inlineStr"></c>'
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            if NEEDS_CARE.search(text):
                text = escaped(text)
            return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        style = self.styles.attribute(look.other) if look.other else ""
        if value is None:
            return f'<c r="{ref}"{style} t="n"></c>'
        if kind is int or kind is float or kind is Decimal:
            return f'<c r="{ref}"{style} t="n"><v>{number_text(value)}</v></c>'
        if kind is bool:
            return f'<c r="{ref}"{style} t="b"><v>{value:d}</v></c>'
        if kind is date or kind is datetime:
            style = self.styles.attribute(look.date)
            serial = self.serials.get(value)
            if serial is None:
                if kind is datetime and value.tzinfo is not None:
                    raise TypeError("Excel does not support timezones in datetimes.")
                serial = self.serials[value] = number_text(to_excel(value))
            return f'<c r="{ref}"{style} t="n"><v>{serial}</v></c>'
        raise TypeError(f"Cannot convert {value!r} to Excel")

    def flush(self):
        self.file.write("".join(self.pending).encode())
        self.pending.clear()


def number_text(value):
    """A number as openpyxl writes it (compat.strings.safe_string)."""
    if isnan(value) or isinf(value):
        return ""
    return "%.16g" % value  # noqa: UP031 (as openpyxl: "%" of a Decimal)


# Where a sheet's rows go in the sheet openpyxl wrote empty.
EMPTY_ROWS = b"<sheetData></sheetData>"


def save(book, sheets, out):
    """Write the workbook to `out` (a path or a binary file): openpyxl writes it with
    the `sheets` (StreamedSheet) empty, into memory (a few KB); it is copied to `out` part
    by part, each of those sheets with its rows put in, streamed from its file."""
    skeleton = BytesIO()
    book.save(skeleton)
    by_path = {rows.sheet.path.lstrip("/"): rows for rows in sheets}
    with ZipFile(skeleton) as written, ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as final:
        for part in written.infolist():
            rows = by_path.get(part.filename)
            if rows is None:
                final.writestr(part, written.read(part))
                continue
            head, empty, tail = written.read(part).partition(EMPTY_ROWS)
            if not empty:
                raise ValueError(f"{part.filename}: no empty sheetData to put the rows in")
            rows.flush()
            rows.file.seek(0)
            with final.open(part.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                shutil.copyfileobj(rows.file, sheet, 1 << 20)
                sheet.write(b"</sheetData>" + tail)
            rows.file.close()
