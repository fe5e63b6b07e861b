"""Reading one TOML file and pointing at lines in it.

`tomllib` gives no positions for keys, so problems are located by a light scan of the text:
the n-th `[[kaart]]` (or `[[onderdeel]]`) header, and a `key =` line after it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.decks.problems import Problem
from workshop.i18n import t

_LINE_COL = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass
class SourceFile:
    """One file being read, collecting problems as it goes."""

    path: str
    text: str
    problems: list[Problem] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(card id, `deck/card`) for every vuistregel link read, to check across decks."""

    @classmethod
    def read(cls, path: Path, shown_as: str | None = None) -> SourceFile:
        """Read a file; an unreadable file becomes a problem, not an exception."""
        source = cls(shown_as or str(path), "")
        try:
            source.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            source.add(t("load.unreadable", error=str(exc)))
        return source

    def parse(self) -> dict[str, Any] | None:
        """The TOML document, or None (with a problem naming the line) if it does not parse."""
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            match = _LINE_COL.search(str(exc))
            line = int(match.group(1)) if match else None
            reason = _LINE_COL.sub("", str(exc)).strip()
            self.add(t("load.toml_syntax", error=reason), line=line)
            return None

    def add(
        self,
        message: str,
        *,
        line: int | None = None,
        card: str | None = None,
        field: str | None = None,
    ) -> None:
        self.problems.append(Problem(self.path, line, card, field, message))

    def table_line(self, header: str, index: int) -> int | None:
        """Line number of the `index`-th `[[header]]` array-of-tables header."""
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]", re.MULTILINE)
        for number, match in enumerate(pattern.finditer(self.text)):
            if number == index:
                return self.text.count("\n", 0, match.start()) + 1
        return None

    def key_line(self, key: str, after: int | None = None) -> int | None:
        """Line number of the first `key =` at or after line `after` (1-based)."""
        lines = self.text.splitlines()
        start = (after or 1) - 1
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start, len(lines)):
            if pattern.match(lines[number]):
                return number + 1
        return after
