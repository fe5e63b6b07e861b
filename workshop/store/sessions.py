"""The anonymous session records the party keeps, in one tinydb database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from workshop.engine.record_check import record_problem
from workshop.i18n import t
from workshop.store.atomic import AtomicJSONStorage

DATABASE_NAME = "sessies.json"
TABLE = "sessies"


class BadRecordError(Exception):
    """A stored session record is incomplete or has fields of the wrong type."""

    def __init__(self, path: object, session_id: object, reason: str) -> None:
        self.path = path
        self.session_id = session_id
        self.reason = reason
        super().__init__(t("store.bad_record", path=path, id=session_id, reason=reason))


class SessionStore:
    """Save, find and remove session records (the dicts from `engine.record.to_record`)."""

    def __init__(self, db: TinyDB) -> None:
        self.db = db
        self.table = db.table(TABLE)

    @classmethod
    def open(cls, data_dir: Path) -> SessionStore:
        """The store in a data folder (created if needed); raises CorruptDatabaseError."""
        store = cls(TinyDB(data_dir / DATABASE_NAME, storage=AtomicJSONStorage))
        store.table.all()  # read now, so a corrupt file is reported before anything starts
        return store

    @classmethod
    def with_storage(cls, storage: type[Storage], *args: Any) -> SessionStore:
        """A store on any tinydb storage (tests use MemoryStorage)."""
        return cls(TinyDB(*args, storage=storage))

    @property
    def path(self) -> object:
        """The database file (for messages); the storage's name for other storages."""
        return getattr(self.db.storage, "path", "?")

    def check(self) -> None:
        """Raise BadRecordError for the first stored record that is not whole."""
        for doc in self.table.all():
            problem = record_problem(dict(doc))
            if problem is not None:
                raise BadRecordError(self.path, doc.get("id", f"#{doc.doc_id}"), problem)

    @property
    def storage(self) -> Storage:
        return self.db.storage

    def save(self, record: dict[str, Any]) -> None:
        """Insert or replace the record with this id (one write)."""
        self.table.upsert(record, Query().id == record["id"])

    def get(self, session_id: str) -> dict[str, Any] | None:
        found = self.table.get(Query().id == session_id)
        return dict(found) if isinstance(found, dict) else None

    def all(self) -> list[dict[str, Any]]:
        """Every record, oldest first (by day, then by when it was first saved)."""
        docs = sorted(self.table.all(), key=lambda doc: (doc["day"], doc.doc_id))
        return [dict(doc) for doc in docs]

    def delete(self, session_id: str) -> bool:
        return bool(self.table.remove(Query().id == session_id))

    def expired(self, today: date) -> list[dict[str, Any]]:
        """Records whose keep-until date has passed."""
        return [r for r in self.all() if date.fromisoformat(r["keep_until"]) < today]

    def purge(self, today: date) -> list[dict[str, Any]]:
        """Remove every expired record (one write) and return what was removed."""
        gone = self.expired(today)
        if gone:
            ids = {r["id"] for r in gone}
            self.table.remove(Query().id.one_of(list(ids)))
        return gone

    def last_unfinished(self) -> dict[str, Any] | None:
        """The most recent session that was not ended, to resume."""
        open_ones = [r for r in self.all() if not r.get("ended")]
        return open_ones[-1] if open_ones else None

    def close(self) -> None:
        self.db.close()
