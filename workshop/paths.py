"""Where the built-in decks and programmes, and the user's runtime data, live."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
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


REPORTS_FOLDER = "workshop-verslagen"


def reports_dir(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """Where the console saves a report unless the trainer types another folder:
    `workshop-verslagen` in the documents folder. That is $XDG_DOCUMENTS_DIR, else what
    `xdg-user-dir DOCUMENTS` names (Linux desktops, also for a Dutch "Documenten"), else
    ~/Documenten when it exists, else ~/Documents."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    documents = _xdg_documents(environ, home)
    if documents is None:
        dutch = home / "Documenten"
        documents = dutch if dutch.is_dir() else home / "Documents"
    return documents / REPORTS_FOLDER


def _xdg_documents(environ: Mapping[str, str], home: Path) -> Path | None:
    value = environ.get("XDG_DOCUMENTS_DIR", "").replace("$HOME", str(home))
    if value:
        return Path(value).expanduser()
    program = shutil.which("xdg-user-dir", path=environ.get("PATH"))
    if program is None:
        return None
    try:
        answer = subprocess.run(
            [program, "DOCUMENTS"],
            capture_output=True,
            text=True,
            timeout=5,
            env={**environ, "HOME": str(home)},
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    # Without a documents folder configured it answers the home folder itself.
    return Path(answer) if answer and Path(answer) != home else None
