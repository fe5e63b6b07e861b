"""Writing the report files for a stored session into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.decks.library import Library
from workshop.summary.build import build_summary
from workshop.summary.markdown import render_markdown

RENDERERS = {"md": render_markdown}


def write_report(
    record: dict[str, Any],
    library: Library | None,
    folder: Path,
    formats: tuple[str, ...] = ("md",),
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
