"""The background checkpoint writer: in order, newest wins, failures are kept for reporting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.store import SessionStore
from workshop.store.writer import BackgroundWriter


def test_writes_the_latest_record(tmp_path: Path) -> None:
    store = SessionStore.open(tmp_path)
    writer = BackgroundWriter(store)
    for n in range(50):
        writer.save({"id": "s", "day": "2026-11-30", "keep_until": "2027-11-30", "n": n})
    assert writer.flush()
    writer.close()
    assert SessionStore.open(tmp_path).get("s")["n"] == 49  # type: ignore[index]


class BrokenStore:
    def save(self, record: dict[str, Any]) -> None:
        raise OSError(28, "No space left on device")


def test_a_failed_write_is_kept_for_the_ui() -> None:
    writer = BackgroundWriter(BrokenStore())  # type: ignore[arg-type]
    writer.save({"id": "s"})
    writer.flush()
    assert isinstance(writer.error, OSError) and writer.error.errno == 28
    writer.close()
