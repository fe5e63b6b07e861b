"""Where the running hub of a data folder listens, for `workshop scherm` to find it.

While a session runs, the hub writes `sleutels/<session id>.scherm.json` (0600: only this user
can read it) with its port and the per-session key of the read-only `scherm` role; at stop it
removes the file. The room's screen reads it, so the trainer never types or sees that key.
Named after the session, so that the clean-up of stale keys treats it like the session's
other keys, and a file left by a crash is recognised by its process being gone.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

KEYS_FOLDER = "sleutels"
LIVE_SUFFIX = ".scherm.json"


@dataclass(frozen=True)
class LiveHub:
    host: str
    """The address to connect to from this laptop (127.0.0.1 when the hub listens on all)."""
    port: int
    screen_key: str
    session_id: str
    pid: int


def live_path(data_dir: Path, session_id: str) -> Path:
    return data_dir / KEYS_FOLDER / f"{session_id}{LIVE_SUFFIX}"


def local_host(listen_host: str) -> str:
    """The host this laptop reaches a hub on that listens on `listen_host`."""
    return "127.0.0.1" if listen_host in ("", "0.0.0.0", "::") else listen_host


def write_live(data_dir: Path, live: LiveHub) -> None:
    # Imported here: the room's screen reads this file and needs no storage code at all.
    from workshop.store.atomic import write_atomically

    path = live_path(data_dir, live.session_id)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(path, json.dumps(asdict(live)))  # mkstemp: created 0600


def read_live(data_dir: Path) -> LiveHub | None:
    """The running hub of this folder (the newest, should there be two), or None when there
    is none: no file, an unreadable one, or one left behind by a process that is gone."""
    try:
        paths = sorted(
            (data_dir / KEYS_FOLDER).glob(f"*{LIVE_SUFFIX}"),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return None
    for path in paths:
        live = _read(path)
        if live is not None:
            return live
    return None


def _read(path: Path) -> LiveHub | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        live = LiveHub(
            host=str(raw["host"]),
            port=int(raw["port"]),
            screen_key=str(raw["screen_key"]),
            session_id=str(raw["session_id"]),
            pid=int(raw["pid"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return live if _alive(live.pid) else None


def forget_live(data_dir: Path, session_id: str) -> None:
    """The hub stopped: nobody should try to connect to it any more."""
    live_path(data_dir, session_id).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
