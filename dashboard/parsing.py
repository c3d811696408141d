"""Value parsers for ingest: one rule per column kind, written twice.

``*_sql(ref)`` returns a DuckDB SQL expression that turns a VARCHAR column reference into the
canonical type, or NULL when the text is blank or cannot be parsed (ingest tells those apart with
:func:`blank_sql`). ``parse_*(text)`` is the same rule in Python, used by tests as the oracle:
it returns the value, ``None`` for a blank, and raises ``ValueError`` for anything else.

The grammars are regular expressions written in the subset Python ``re`` and DuckDB's RE2 share
(``[0-9]`` rather than ``\\d``, explicit whitespace), so both sides accept exactly the same text.
Each SQL expression starts with a cheap fast path for the usual spelling (``2024-01-31``,
``1200``) because a 10-million-row usage file must validate in about the time DuckDB needs to
read it; the regular expression only runs on the rows the fast path leaves.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
import unicodedata

# Whitespace DuckDB's own number and date casts skip around a value.
_WS = "[ \\t\\n\\r\\f\\v]*"
_DAY = "(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日)"
_TIME = ("(?:[T ](?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,9})?)?"
         "(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?)?")
DATE_RE = _DAY + _TIME
MONTH_RE = "(?:[0-9]{4}-[0-9]{1,2}|[0-9]{4}/[0-9]{1,2}|[0-9]{4}年[0-9]{1,2}月)"
SERIAL_RE = "[0-9]+(?:\\.[0-9]+)?"
_CURRENCY = "[$¥￥€£]"
_NUM = ("(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]*)?"
        "|[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?"
        "|\\.[0-9]+(?:[eE][+-]?[0-9]+)?)")
NUMBER_RE = f"(?:[+-]?{_CURRENCY}?|{_CURRENCY}[+-]) *{_NUM} *円?"

TRUE_WORDS = ("true", "t", "yes", "y", "1", "○", "◯", "はい")
FALSE_WORDS = ("false", "f", "no", "n", "0", "×", "✕", "いいえ")

# Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug makes that the epoch for
# every serial after February 1900); 2958465 is 9999-12-31.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_MAX_SERIAL = 2958466
_FIRST_DAY = "DATE '0001-01-01'"


def literal(text: str) -> str:
    """A SQL string literal for one of this module's constants (never for user values)."""
    return "'" + text.replace("'", "''") + "'"


def _words(words: tuple[str, ...]) -> str:
    return ", ".join(literal(w) for w in words)


def blank_sql(ref: str) -> str:
    """SQL: true when the value is missing (NULL, empty or only spaces)."""
    return f"({text_sql(ref)} IS NULL)"


def text_sql(ref: str) -> str:
    """SQL: the text without surrounding spaces, NULL when nothing is left. Identifiers keep
    everything else verbatim (``00123`` stays ``00123``)."""
    # trim() copies every string; only the few values with padding need it.
    return (f"nullif(CASE WHEN starts_with({ref}, ' ') OR ends_with({ref}, ' ') THEN trim({ref}) "
            f"ELSE {ref} END, '')")


def _slow_date_sql(ref: str) -> str:
    normalised = f"regexp_replace({ref}, '[/年月]', '-', 'g')"
    day = f"regexp_extract({normalised}, '([0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}})', 1)"
    return (f"CASE WHEN regexp_full_match({ref}, {literal(_WS + DATE_RE + _WS)}) "
            f"THEN CAST(try_strptime({day}, '%Y-%m-%d') AS DATE) END")


def _serial_sql(ref: str) -> str:
    number = f"CAST(trim({ref}, {literal(' ' + chr(9) + chr(10) + chr(13) + chr(11) + chr(12))}) AS DOUBLE)"
    return (f"CASE WHEN regexp_full_match({ref}, {literal(_WS + SERIAL_RE + _WS)}) "
            f"AND {number} >= 1 AND {number} < {EXCEL_MAX_SERIAL} "
            f"THEN DATE '1899-12-30' + CAST(floor({number}) AS INTEGER) END")


def _valid(expr: str) -> str:
    # DuckDB reads year 0000 as 1 BC; the grammar has no year 0.
    return f"(CASE WHEN {expr} >= {_FIRST_DAY} THEN {expr} END)"


def date_sql(ref: str, *, serials: bool = False) -> str:
    """SQL: a DATE from ISO dates, yyyy/m/d, yyyy年m月d日 or a datetime in those forms (its date
    part, no time-zone shift); with ``serials`` also Excel day numbers. NULL when not a date."""
    # Canonical 2024-01-31 goes through the plain cast; a leading digit keeps out the padded and
    # signed short years the cast would accept but the grammar does not, and '0001' year 0.
    shape, fast = _iso_shape(ref, "____-__-__"), f"try_cast({ref} AS DATE)"
    parts = [f"CASE WHEN {shape} THEN {fast} END", _valid(_slow_date_sql(ref))] + ([_serial_sql(ref)] if serials else [])
    return _fast_first([(shape, fast)], f"coalesce({', '.join(parts)})")


def month_sql(ref: str, *, serials: bool = False) -> str:
    """SQL: the first day of the month (DATE) of any accepted date, or of 2024-01 / 2024/1 /
    2024年1月. NULL when not a month."""
    month_shape, month = _iso_shape(ref, "____-__"), f"try_cast({ref} || '-01' AS DATE)"
    normalised = f"regexp_replace({ref}, '[/年]', '-', 'g')"
    ym = f"regexp_extract({normalised}, '([0-9]{{4}}-[0-9]{{1,2}})', 1)"
    slow = (f"CASE WHEN regexp_full_match({ref}, {literal(_WS + MONTH_RE + _WS)}) "
            f"THEN CAST(try_strptime({ym}, '%Y-%m') AS DATE) END")
    day = f"CAST(date_trunc('month', {date_sql(ref, serials=serials)}) AS DATE)"
    fast_day = f"CAST(date_trunc('month', try_cast({ref} AS DATE)) AS DATE)"
    return _fast_first([(month_shape, month), (_iso_shape(ref, "____-__-__"), fast_day)],
                       f"coalesce(CASE WHEN {month_shape} THEN {month} END, {_valid(slow)}, {day})")


def _iso_shape(ref: str, pattern: str) -> str:
    """SQL: ``ref`` has the plain ISO shape ``pattern`` (a LIKE pattern) and starts with a year from 0001."""
    return f"({ref} LIKE '{pattern}' AND {ref} >= '0001' AND {ref} < ':')"


def _fast_first(fast: list[tuple[str, str]], whole: str) -> str:
    """SQL: the value of the first fast grammar whose plain ISO shape the text has (when that value is
    not NULL), else ``whole`` (every grammar, the same answer for the rows a fast one takes). A shape is
    a cheap test and each value is computed once; CASE and coalesce evaluate an argument only for the
    rows that reach it, so a file of ISO dates never runs the slower grammars' regular expressions."""
    return "CASE " + " ".join(f"WHEN {shape} THEN coalesce({value}, {whole})" for shape, value in fast) + \
        f" ELSE {whole} END"


def number_sql(ref: str) -> str:
    """SQL: a DOUBLE from 1200, -3.5, 1e3, 1,200, ¥1,200, ￥1,200, $1,200.50, 1200円 (spaces
    around allowed). NULL when not a finite number."""
    # DuckDB's cast also takes 1_000, +-5, inf and nan; the guards and isfinite() keep them out.
    fast = f"CASE WHEN NOT contains({ref}, '_') AND NOT contains({ref}, '+-') THEN try_cast({ref} AS DOUBLE) END"
    slow = (f"CASE WHEN regexp_full_match({ref}, {literal(_WS + NUMBER_RE + _WS)}) "
            f"THEN try_cast(regexp_replace({ref}, '[^0-9.eE+-]', '', 'g') AS DOUBLE) END")
    value = f"coalesce({fast}, {slow})"
    return f"(CASE WHEN isfinite({value}) THEN {value} END)"


def bool_sql(ref: str) -> str:
    """SQL: a BOOLEAN from true/false, yes/no, y/n, 1/0, t/f, ○/×, はい/いいえ (any case). NULL
    otherwise."""
    word = f"lower(trim({ref}))"
    return (f"(CASE WHEN {word} IN ({_words(TRUE_WORDS)}) THEN true "
            f"WHEN {word} IN ({_words(FALSE_WORDS)}) THEN false END)")


def value_sql(kind: str, ref: str, *, serials: bool = False) -> str:
    """SQL: the expression for a schema column kind (see dashboard.schema)."""
    if kind in ("id", "text"):
        return text_sql(ref)
    if kind == "date":
        return date_sql(ref, serials=serials)
    if kind == "month":
        return month_sql(ref, serials=serials)
    if kind in ("amount", "number"):
        return number_sql(ref)
    if kind == "bool":
        return bool_sql(ref)
    raise ValueError(f"unknown column kind {kind!r}")


# Python equivalents: the oracle the tests hold the SQL to.

SPACES = " \t\n\r\f\v"  # what the grammar strips around a value (DuckDB's strptime skips the same)


def clean_text(text: str | None) -> str | None:
    """The text without surrounding spaces; None when nothing is left."""
    if text is None:
        return None
    text = text.strip(" ")
    return text or None


def _blank(text: str | None) -> bool:
    return clean_text(text) is None


def _serial(text: str) -> dt.date:
    number = float(text)
    if not 1 <= number < EXCEL_MAX_SERIAL:
        raise ValueError(f"{text!r} is outside Excel's date range")
    return EXCEL_EPOCH + dt.timedelta(days=math.floor(number))


def parse_date(text: str | None, *, serials: bool = False) -> dt.date | None:
    """The date ``text`` spells, None when blank; ValueError when it is not a date."""
    if _blank(text):
        return None
    stripped = text.strip(SPACES)
    if re.fullmatch(DATE_RE, stripped):
        year, month, day = re.match("([0-9]{4})[-/年]([0-9]{1,2})[-/月]([0-9]{1,2})", stripped).groups()
        return dt.date(int(year), int(month), int(day))
    if serials and re.fullmatch(SERIAL_RE, stripped):
        return _serial(stripped)
    raise ValueError(f"{text!r} is not a date")


def parse_month(text: str | None, *, serials: bool = False) -> dt.date | None:
    """The first day of the month ``text`` names, None when blank; ValueError otherwise."""
    if _blank(text):
        return None
    stripped = text.strip(SPACES)
    if re.fullmatch(MONTH_RE, stripped):
        year, month = re.match("([0-9]{4})[-/年]([0-9]{1,2})", stripped).groups()
        return dt.date(int(year), int(month), 1)
    return parse_date(text, serials=serials).replace(day=1)


def parse_number(text: str | None) -> float | None:
    """The number ``text`` spells (currency marks and thousands separators dropped), None when
    blank; ValueError when it is not a finite number."""
    if _blank(text):
        return None
    if not re.fullmatch(_WS + NUMBER_RE + _WS, text):
        raise ValueError(f"{text!r} is not a number")
    value = float(re.sub("[^0-9.eE+-]", "", text))
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is too large")
    return value


def parse_bool(text: str | None) -> bool | None:
    """True or False for the accepted yes/no words, None when blank; ValueError otherwise."""
    if _blank(text):
        return None
    word = text.strip(" ").lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{text!r} is not yes/no")


# File-level helpers: encodings, delimiters, Excel cells and header names.

DELIMITERS = (",", "\t", ";")


def detect_encoding(data: bytes) -> tuple[str, str | None]:
    """(encoding, the whole text when it is not UTF-8, else None) of a text file's bytes: UTF-8
    with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else CP932 (Shift_JIS as
    Japanese Excel writes it). Raises UnicodeDecodeError when none of them fits."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", data.decode("utf-16")
    if data.isascii():
        return "utf-8", None
    decoder, view, step = codecs.getincrementaldecoder("utf-8")(), memoryview(data), 1 << 22
    try:
        # In chunks: decoding a large file at once would build a second copy of it in memory.
        for start in range(0, len(view), step):
            decoder.decode(view[start:start + step], final=start + step >= len(view))
        return "utf-8", None
    except UnicodeDecodeError:
        return "cp932", data.decode("cp932")


def sniff_csv(head: str, *, complete: bool, prefer_tab: bool = False) -> tuple[str, list[str]] | None:
    """(delimiter, header names stripped of spaces) from the first part of a text file, or None
    when it holds no line. The delimiter is the one of comma, tab and semicolon that splits the
    header into most columns with the same count on every sampled line."""
    lines = head.lstrip("\ufeff").splitlines(keepends=True)
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    sample = "".join(lines[:50])
    order = ("\t", ",", ";") if prefer_tab else DELIMITERS
    best = None
    for rank, delim in enumerate(order):
        records = [r for r in csv.reader(io.StringIO(sample), delimiter=delim) if r]
        if not records:
            continue
        width = len(records[0])
        score = (width > 1, all(len(r) == width for r in records), width, -rank)
        if best is None or score > best[0]:
            best = (score, delim, [col.strip() for col in records[0]])
    return None if best is None else (best[1], best[2])


def first_record(head: str, delim: str) -> list[str]:
    """The values of the first line after the header in the first part of a text file (empty when
    there is none; perhaps cut short when the part ends inside it)."""
    records = csv.reader(io.StringIO(head.lstrip("\ufeff")), delimiter=delim)
    next(records, None)
    return next(records, [])


def cell_text(value) -> str | None:
    """An Excel cell as the text a CSV export would hold: dates ISO (with the time only when it
    is not midnight), whole numbers without '.0' (an id typed as 123 reads '123'), booleans
    true/false, empty cells None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        midnight = not (value.hour or value.minute or value.second or value.microsecond)
        return value.date().isoformat() if midnight else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def header_key(name: str) -> str:
    """A header name reduced for matching: full-width folded to ASCII (NFKC), case-folded,
    spaces, hyphens and underscores removed ("Customer ID", "customer-id", "顧客ＩＤ")."""
    return re.sub(r"[\s\-_]+", "", unicodedata.normalize("NFKC", name).casefold())


# A unit or note in brackets at the end of a header: 月額（円）, MRR (USD), 従業員数【人】.
_HEADER_UNIT = re.compile(r"^(.+?)\s*[(\[【][^()\[\]【】]*[)\]】]\s*$")


def header_stem(name: str) -> str | None:
    """The header's key without a trailing bracketed unit or note ("月額（円）" -> "月額"), or None
    when the header has none."""
    found = _HEADER_UNIT.match(unicodedata.normalize("NFKC", name).strip())
    return header_key(found[1]) if found else None
