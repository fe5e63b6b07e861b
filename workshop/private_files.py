"""Folders and files only their owner can read: 0700 and 0600, without a wider moment.

The data folder holds the anonymous records and, while a session runs, its secrets; a report
may still hold approved texts. Other users of the same computer have no business reading any
of it, so every folder is made 0700 and every file is created 0600 (a report may be made
readable on request). Files are opened with their final mode, so there is no moment in which
a wider mode exists.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
READABLE_FOLDER = 0o755
READABLE_FILE = 0o644


def make_private_folder(folder: Path, *, tighten: bool = True) -> Path:
    """Create `folder` (and its parents) with mode 0700.

    An existing folder is tightened to 0700 when `tighten` is set; otherwise (a folder the
    user chose that may hold other things) its mode is left alone.
    """
    existed = folder.is_dir()
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if not existed or tighten:
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode != PRIVATE_FOLDER:
            os.chmod(folder, PRIVATE_FOLDER)
    return folder


def make_file_private(path: Path) -> None:
    """Take group and other access away from an existing file (best effort: a file on a
    read-only disk keeps its mode, and is written 0600 the next time anyway)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)
    except OSError:
        pass


def write_file(path: Path, text: str, mode: int = PRIVATE_FILE) -> None:
    """Write `text` to `path`, created (or truncated) with exactly `mode`."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.fchmod(handle, mode)  # an existing file keeps its old mode through O_CREAT
    except BaseException:
        os.close(handle)
        raise
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
