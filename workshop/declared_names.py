"""Declared names across a crash: sealed on disk while the session runs, gone when it ends.

The names a trainer declares (`--namen PAD`, or the start screen) stay in memory. So that a
session resumed with `--hervat` after a crash still scrubs them, also when nobody gives them
again, their terms are written as keyed hashes (`workshop.engine.names.SealedNames`) with a
random key per session to `sleutels/<id>.namen.json` (0600). No name can be read back from
that file; it is deleted when the session ends (see `workshop.store.keyfiles`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

from workshop.engine.names import DeclaredNames, SealedNames
from workshop.engine.session import Session
from workshop.i18n import t
from workshop.store.keyfiles import forget_name_hashes, load_name_hashes, save_name_hashes


def remember_names(
    data_dir: Path, session: Session, names: Iterable[str], resumed: bool
) -> list[str]:
    """Scrub the names sealed before a restart too, and seal this run's names with them.

    Returns notices for the trainer (names from before the crash are still scrubbed, or they
    were lost and must be given again).
    """
    notices: list[str] = []
    earlier: SealedNames | None = None
    if resumed:
        loaded = load_name_hashes(data_dir, session.id)
        if loaded is not None:
            earlier = SealedNames(*loaded)
            session.add_sealed_names(earlier)
            notices.append(t("names.resumed"))
        elif session.names_declared and not session.scrubber.has_names:
            notices.append(t("names.lost"))
    key = earlier.key if earlier is not None else secrets.token_bytes(32)
    sealed = DeclaredNames(names).sealed(key)
    if earlier is not None:
        sealed = sealed | earlier
    if sealed:
        save_name_hashes(data_dir, session.id, sealed.key, sealed.digests)
    else:
        forget_name_hashes(data_dir, session.id)
    return notices
