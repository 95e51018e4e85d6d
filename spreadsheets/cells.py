"""What every download writes into a spreadsheet cell, and how the import reads it back.

Excel (and LibreOffice, Google Sheets) run text that starts with =, +, -, @, a tab or a carriage
return as a formula when they open a CSV file, and again when someone edits such a cell: a
"formula injection" (OWASP: CSV Injection). Every text cell a download writes goes through
neutralise(), which puts an apostrophe in front, as OWASP recommends; the import takes that
apostrophe off again with restore(), so a download imports back unchanged. Numbers and dates are
not text and are written as they are.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_apostrophe(text):
    # Text that already starts with apostrophes before one of those characters gets one more, so
    # that restore() gives back exactly what was written: "'=x" is written "''=x".
    return text.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(value):
    """`value` as a cell a spreadsheet will show as text and never run as a formula."""
    if isinstance(value, str) and _needs_apostrophe(value):
        return "'" + value
    return value


def restore(value):
    """The text neutralise() was given: its apostrophe taken off, anything else left alone."""
    if isinstance(value, str) and value.startswith("'") and _needs_apostrophe(value):
        return value[1:]
    return value


def csv_cells(values):
    """A row for csv.writer: None as an empty cell, text neutralised."""
    return ["" if value is None else neutralise(value) for value in values]


def xlsx_value(value):
    """A value for an openpyxl cell: text without the control characters XLSX forbids (before
    the first character is looked at, so that a hidden "\\x01=" cannot hide a formula), and
    neutralised; numbers and dates as they are."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
