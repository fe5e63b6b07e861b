"""Checkpoint writes off the event loop.

The hub and the TUI run on one asyncio loop that must never wait for a disk. They hand each
checkpoint record to this writer, whose single thread writes them in order; when several
arrive while one is being written, only the newest is written next (each record is the whole
session, so the older ones add nothing).
"""

from __future__ import annotations

import threading
from typing import Any

from workshop.store.sessions import SessionStore


class BackgroundWriter:
    """Writes the latest session record on a thread of its own."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self._condition = threading.Condition()
        self._pending: dict[str, Any] | None = None
        self._busy = False
        self._closed = False
        self.error: Exception | None = None
        """The last write failure (e.g. a full disk), for the UI to report."""
        self._thread = threading.Thread(target=self._run, name="checkpoint-writer", daemon=True)
        self._thread.start()

    def save(self, record: dict[str, Any]) -> None:
        """Queue a record; returns at once."""
        with self._condition:
            self._pending = record
            self._condition.notify_all()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything queued is written; False on timeout."""
        with self._condition:
            return self._condition.wait_for(
                lambda: self._pending is None and not self._busy, timeout
            )

    def close(self) -> None:
        self.flush()
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                record, self._pending, self._busy = self._pending, None, True
            try:
                self.store.save(record)
                self.error = None
            except Exception as exc:  # reported through `error`; the session goes on
                self.error = exc
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
