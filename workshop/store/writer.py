"""Checkpoint writes off the event loop, with a promise of when each one is on disk.

The hub and the TUI run on one asyncio loop that must never wait for a disk. They hand each
checkpoint record to this writer, whose single thread writes them in order; when several
arrive while one is being written, only the newest is written next (each record is the whole
session, so the older ones add nothing).

`save` returns a future that is resolved once that record (or a newer one) is written and
fsync'd, or fails with the write error at once, so a caller can say "closed" only when it is
true. A failed record is retried with back-off until it is written or replaced by a newer one.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any, Protocol

RETRY_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0)
"""Seconds between retries of a failed write; the last one repeats."""


class RecordSink(Protocol):
    def save(self, record: dict[str, Any]) -> None: ...


class BackgroundWriter:
    """Writes the latest session record on a thread of its own."""

    def __init__(self, store: RecordSink, retry_delays: Sequence[float] = RETRY_DELAYS) -> None:
        self.store = store
        self.retry_delays = tuple(retry_delays)
        self._condition = threading.Condition()
        self._pending: dict[str, Any] | None = None
        self._waiters: list[Future[None]] = []
        self._fresh = False
        self._busy = False
        self._closed = False
        self.error: Exception | None = None
        """The failure of the last write attempt (e.g. a full disk); None once one succeeds."""
        self.failures = 0
        """Failed attempts in a row."""
        self._thread = threading.Thread(target=self._run, name="checkpoint-writer", daemon=True)
        self._thread.start()

    def save(self, record: dict[str, Any]) -> Future[None]:
        """Queue a record; returns at once with a future that resolves when it is on disk."""
        done: Future[None] = Future()
        with self._condition:
            if self._closed:
                raise RuntimeError("the checkpoint writer is closed")
            self._pending = record
            self._waiters.append(done)
            self._fresh = True
            self._condition.notify_all()
        return done

    @property
    def saved(self) -> bool:
        """True when everything queued is written and the last write succeeded."""
        with self._condition:
            return self._pending is None and not self._busy and self.error is None

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything queued is written (True) or a write failed (False)."""
        with self._condition:
            self._condition.wait_for(
                lambda: not self._busy and (self._pending is None or self.error is not None),
                timeout,
            )
            return self._pending is None and not self._busy and self.error is None

    def close(self) -> bool:
        """Write what is queued (one last attempt if it failed before) and stop.

        Returns True when the last record is on disk.
        """
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout=30)
        return self.saved

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                record, self._pending, self._busy = self._pending, None, True
                waiters, self._waiters, self._fresh = self._waiters, [], False
            error: Exception | None = None
            try:
                self.store.save(record)
            except Exception as exc:  # reported through the futures and `error`
                error = exc
            with self._condition:
                self._busy = False
                self.error = error
                if error is None:
                    self.failures = 0
                else:
                    self.failures += 1
                    if self._pending is None:
                        self._pending = record  # retry it, unless a newer one came
                self._condition.notify_all()
            for waiter in waiters:
                if error is None:
                    waiter.set_result(None)
                else:
                    waiter.set_exception(error)
            if error is not None:
                with self._condition:
                    if self._closed and not self._fresh:
                        return  # the last attempt at stop failed; `error` says so
                    delay = self.retry_delays[min(self.failures, len(self.retry_delays)) - 1]
                    self._condition.wait_for(lambda: self._closed or self._fresh, delay)
