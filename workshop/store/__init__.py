"""Anonymised session storage on tinydb, written atomically at checkpoints."""

from workshop.store.atomic import AtomicJSONStorage, CorruptDatabaseError
from workshop.store.sessions import BadRecordError, SessionStore

__all__ = ["AtomicJSONStorage", "BadRecordError", "CorruptDatabaseError", "SessionStore"]
