"""What is wrong with a file: one :class:`Problem` per finding (file, Excel row, column, message),
and the :class:`IngestError` that carries them."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import Msg, in_language


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a file; row is the Excel row (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str          # a catalogue message (dashboard.i18n.Msg): English text that can be re-said
    severity: str = "error"

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as one line in ``lang``: ``FILE row N column C: what is wrong``."""
        where = "".join((Msg("ingest.where_row", row=self.row).to(lang) if self.row is not None else "",
                         Msg("ingest.where_column", column=self.column).to(lang) if self.column is not None else ""))
        return Msg("ingest.problem", file=self.file, where=where, message=in_language(self.message, lang)).to(lang)

    def severity_word(self, lang: str) -> str:
        return Msg(f"ingest.severity.{self.severity}").to(lang)


class IngestError(Exception):
    """A file that cannot be read or loaded; ``problems`` says why, the first one is str()."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self.problems[0]) if self.problems else "ingest failed")

    def to_language(self, lang: str) -> str:
        return self.problems[0].text(lang) if self.problems else str(self)


def fail(file: str, message: Msg, *, row: int | None = None, column: str | None = None) -> IngestError:
    return IngestError([Problem(file, row, column, message)])


def short(value) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")
