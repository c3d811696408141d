"""CSV exports that are safe to open in a spreadsheet."""

from __future__ import annotations

from dashboard import lazy

pd = lazy.deferred("pandas")  # the command line writes plain rows with neutralised_text, without pandas

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralised_text(value):
    """One cell as :func:`neutralised` writes it: text that starts like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` where no text cell can run as a formula in a spreadsheet: every column that
    is not numeric, boolean or a timestamp (object, string, category, ...) has its text cells prefixed
    with ' when they start like a formula. Numbers, including negative ones, stay numbers."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
            continue
        out[col] = series.astype(object).map(neutralised_text)
    return out


def safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads Japanese text) of :func:`neutralised` ``frame``."""
    return neutralised(frame).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
