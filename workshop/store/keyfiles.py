"""Per-session secrets in `sleutels/` under the data folder: private, and gone when stale.

While a session runs, `sleutels/` holds what `--hervat` needs after a crash: the hub's token
secret and join code (`<id>.json`, see `workshop.hub.keys`) and the keyed hashes of the
declared names (`<id>.namen.json`, see `workshop.declared_names`). They are deleted when the
session ends. Those left by a session that crashed are removed as soon as that session is
stale: ended, deleted, or past its keep-until date (at every start, and by
`workshop sessies opschonen` and `verwijder`).

The folder is 0700 and every file in it 0600 from the moment it exists.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from workshop.private_files import make_private_folder
from workshop.store.atomic import TEMP_SUFFIX, write_atomically

KEYS_FOLDER = "sleutels"
NAMES_SUFFIX = ".namen.json"
DECOY_BLOCK = 32
"""The names file always holds a multiple of this many hashes, random ones filling up, so its
size does not tell how many names (or name parts) were declared."""


def keys_folder(data_dir: Path) -> Path:
    """`sleutels/` in the data folder, created 0700 (and tightened if it was wider)."""
    return make_private_folder(data_dir / KEYS_FOLDER)


def names_path(data_dir: Path, session_id: str) -> Path:
    return data_dir / KEYS_FOLDER / f"{session_id}{NAMES_SUFFIX}"


def save_name_hashes(data_dir: Path, session_id: str, key: bytes, digests: Iterable[str]) -> Path:
    """Write the session's name key and hashes (0600), padded with random hashes."""
    kept = set(digests)
    size = len(next(iter(kept))) if kept else 32
    while len(kept) % DECOY_BLOCK or not kept:
        kept.add(secrets.token_hex(size // 2))
    keys_folder(data_dir)
    path = names_path(data_dir, session_id)
    write_atomically(path, json.dumps({"sleutel": key.hex(), "namen": sorted(kept)}))
    return path


def load_name_hashes(data_dir: Path, session_id: str) -> tuple[bytes, frozenset[str]] | None:
    """The key and hashes saved for this session; None when there are none (or unreadable)."""
    try:
        raw: Any = json.loads(names_path(data_dir, session_id).read_text(encoding="utf-8"))
        key = bytes.fromhex(raw["sleutel"])
        digests = frozenset(str(digest) for digest in raw["namen"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return key, digests


def forget_name_hashes(data_dir: Path, session_id: str) -> None:
    names_path(data_dir, session_id).unlink(missing_ok=True)


def _session_of(path: Path) -> str:
    """The session id a file in `sleutels/` belongs to (also for a writer's temp file)."""
    return path.name.lstrip(".").split(".", 1)[0]


def _is_stale(record: dict[str, Any] | None, today: date) -> bool:
    if record is None or record.get("ended"):
        return True
    try:
        return date.fromisoformat(str(record.get("keep_until"))) < today
    except ValueError:
        return False  # a damaged date: keep the keys, the record is reported elsewhere


def remove_stale_keys(data_dir: Path, records: Iterable[dict[str, Any]], today: date) -> list[Path]:
    """Delete the key files of every session that is ended, deleted or expired.

    `records` are all stored sessions. Returns the files removed.
    """
    folder = data_dir / KEYS_FOLDER
    if not folder.is_dir():
        return []
    by_id = {str(record.get("id")): record for record in records}
    removed = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        if not (path.name.endswith(".json") or path.name.endswith(TEMP_SUFFIX)):
            continue
        if _is_stale(by_id.get(_session_of(path)), today):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
