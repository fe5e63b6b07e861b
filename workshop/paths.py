"""Where the built-in decks and programmes, and the user's runtime data, live."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The folder of built-in `kaarten` or `sessies`.

    A wheel carries them inside the package (see pyproject's force-include); a source checkout
    or editable install keeps them at the repository root, next to the package. One function
    answers for both, so every command finds the same files.
    """
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: `--data DIR`, else `$XDG_DATA_HOME/workshop`, else ~/.local/share."""
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "workshop"
