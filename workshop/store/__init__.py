"""Anonymised session storage on tinydb, written atomically at checkpoints."""

from workshop.store.atomic import AtomicJSONStorage, CorruptDatabaseError
from workshop.store.sessions import SessionStore

__all__ = ["AtomicJSONStorage", "CorruptDatabaseError", "SessionStore"]
