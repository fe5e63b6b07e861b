"""A tinydb storage that never leaves a half-written file behind.

Each write goes to a temporary file in the same folder, is flushed to disk (fsync), and then
replaces the database in one step (`os.replace`); the folder is fsynced so the rename itself
survives a power cut. A file that cannot be read is reported with its path and is never
overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workshop.i18n import t
from workshop.private_files import make_file_private, make_private_folder

TEMP_SUFFIX = ".tmp"


class CorruptDatabaseError(Exception):
    """The database file exists but is not a readable tinydb JSON document."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(t("store.corrupt", path=path, reason=reason))


class AtomicJSONStorage(Storage):
    """JSON storage with atomic replace; keeps the last state in memory between reads.

    Only one process writes a database (the running session); the cache saves re-reading
    and re-parsing the whole file on every tinydb operation.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        # A folder that already holds the database is ours to tighten; one the user chose
        # that holds other things keeps its mode (the files in it are 0600 regardless).
        make_private_folder(self.path.parent, tighten=self.path.exists())
        make_file_private(self.path)
        remove_leftovers(self.path)
        self._cache: dict[str, dict[str, Any]] | None = None
        self.writes = 0

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is not None:
            return self._cache
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise CorruptDatabaseError(self.path, str(exc)) from exc
        if not text.strip():  # we never write an empty file: something else emptied it
            raise CorruptDatabaseError(self.path, t("store.empty"))
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CorruptDatabaseError(self.path, str(exc)) from exc
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise CorruptDatabaseError(self.path, t("store.not_tinydb"))
        self._cache = data
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True))
        self._cache = data
        self.writes += 1

    def close(self) -> None:
        self._cache = None


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a reader sees either the old or the new file.

    The temporary file is created 0600 (mkstemp), so the new file is never readable by
    others, not even for a moment.
    """
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def probe_writable(folder: Path) -> None:
    """Raise OSError unless a file can be created, written, synced and removed in `folder`
    (a read-only or full disk is found at start, not at the first checkpoint)."""
    handle, temp_name = tempfile.mkstemp(prefix=".probe.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(b"\0" * 4096)
            temp.flush()
            os.fsync(temp.fileno())
    finally:
        Path(temp_name).unlink(missing_ok=True)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left next to `path`; returns what was removed."""
    removed = []
    for leftover in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed
