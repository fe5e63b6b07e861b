"""Validation problems: each names the file, line (where known), card and field."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.i18n import t


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a deck or programme file, in the reader's language."""

    file: str
    line: int | None
    card: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.card:
            parts.append(t("problem.card", card=self.card))
        if self.field:
            parts.append(t("problem.field", field=self.field))
        return ", ".join(parts) + ": " + self.message


class DeckError(Exception):
    """Raised when decks or programmes cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
