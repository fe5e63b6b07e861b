"""The hub's per-session secrets, kept so that `--hervat` can take phones back.

The token secret and join code are written next to the session database (0600) while the
session runs, and deleted when it ends. The facilitator key is new at every start and only
ever printed to the process that started the hub.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from workshop.hub.tokens import new_join_code
from workshop.store.atomic import write_atomically
from workshop.store.keyfiles import KEYS_FOLDER, keys_folder


@dataclass(frozen=True)
class HubKeys:
    secret: bytes
    """HMAC secret for participant tokens."""
    code: str
    """The join code in the QR URL."""
    facilitator_key: str
    screen_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    """The read-only key of the room's screen (`workshop scherm`): new at every start, only
    in the 0600 file `workshop.hub.live` writes, never shown."""

    @classmethod
    def new(cls) -> HubKeys:
        return cls(secrets.token_bytes(32), new_join_code(), secrets.token_urlsafe(24))


def _path(data_dir: Path, session_id: str) -> Path:
    return data_dir / KEYS_FOLDER / f"{session_id}.json"


def save_keys(data_dir: Path, session_id: str, keys: HubKeys) -> None:
    keys_folder(data_dir)
    path = _path(data_dir, session_id)
    write_atomically(path, json.dumps({"secret": keys.secret.hex(), "code": keys.code}))


def load_keys(data_dir: Path, session_id: str) -> HubKeys | None:
    """The keys of a session that was running, with a fresh facilitator key; None if gone."""
    try:
        raw = json.loads(_path(data_dir, session_id).read_text(encoding="utf-8"))
        return HubKeys(bytes.fromhex(raw["secret"]), str(raw["code"]), secrets.token_urlsafe(24))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget_keys(data_dir: Path, session_id: str) -> None:
    _path(data_dir, session_id).unlink(missing_ok=True)
