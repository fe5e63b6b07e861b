"""Writing the report files for a stored session into a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from workshop.decks.library import Library
from workshop.summary.build import Summary, build_summary
from workshop.summary.data import render_csv, render_json
from workshop.summary.html import render_html
from workshop.summary.markdown import render_markdown

RENDERERS: dict[str, Callable[[Summary], str]] = {
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)


def write_report(
    record: dict[str, Any],
    library: Library | None,
    folder: Path,
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Write `verslag-<id>.<format>` for each format; returns the paths written."""
    summary = build_summary(record, library)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in formats:
        path = folder / f"verslag-{summary.session_id}.{name}"
        path.write_text(RENDERERS[name](summary), encoding="utf-8")
        written.append(path)
    return written
