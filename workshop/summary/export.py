"""Writing the report files for a stored session into a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from workshop.decks.library import Library
from workshop.private_files import (
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    READABLE_FILE,
    READABLE_FOLDER,
    write_file,
)
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
    readable: bool = False,
) -> list[Path]:
    """Write `verslag-<id>.<format>` for each format; returns the paths written.

    The files are 0600 (only the user may read them: a report holds the group's texts), or
    0644 when `readable`. A folder that does not exist yet is created 0700 (0755).
    """
    summary = build_summary(record, library)
    if not folder.is_dir():
        folder.mkdir(
            parents=True, exist_ok=True, mode=READABLE_FOLDER if readable else PRIVATE_FOLDER
        )
    mode = READABLE_FILE if readable else PRIVATE_FILE
    written = []
    for name in formats:
        path = folder / f"verslag-{summary.session_id}.{name}"
        write_file(path, RENDERERS[name](summary), mode)
        written.append(path)
    return written
