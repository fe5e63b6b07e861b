"""Session storage on tinydb: memory and atomic JSON, checkpoints, crashes and corrupt files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tinydb.storages import MemoryStorage

from workshop.decks import Library, load_checked
from workshop.decks.model import CardItem, FreeItem, FreeItemKind, Privacy, Programme
from workshop.session.controller import Controller
from workshop.store import AtomicJSONStorage, CorruptDatabaseError, SessionStore
from workshop.store.atomic import remove_leftovers

TODAY = date(2026, 11, 30)


def record(session_id: str, day: str = "2026-11-30", keep: str = "2027-11-30") -> dict[str, object]:
    return {"id": session_id, "day": day, "keep_until": keep, "ended": False, "title": "t"}


@pytest.fixture(params=["memory", "json"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SessionStore]:
    """Every storage test runs against both tinydb storages."""
    if request.param == "memory":
        made = SessionStore.with_storage(MemoryStorage)
    else:
        made = SessionStore.open(tmp_path)
    yield made
    made.close()


def test_save_get_replace_delete(store: SessionStore) -> None:
    store.save(record("a"))
    store.save({**record("a"), "title": "nieuw"})
    store.save(record("b"))
    assert store.get("a") == {**record("a"), "title": "nieuw"}
    assert [r["id"] for r in store.all()] == ["a", "b"]
    assert store.delete("a") is True
    assert store.delete("a") is False
    assert store.get("a") is None


def test_purge_removes_only_expired(store: SessionStore) -> None:
    store.save(record("old", day="2025-01-01", keep="2026-01-01"))
    store.save(record("new"))
    gone = store.purge(TODAY)
    assert [r["id"] for r in gone] == ["old"]
    assert [r["id"] for r in store.all()] == ["new"]


def test_last_unfinished(store: SessionStore) -> None:
    store.save({**record("x", day="2026-11-01"), "ended": True})
    store.save(record("y", day="2026-11-02"))
    store.save(record("z", day="2026-11-03"))
    store.save({**record("z", day="2026-11-03"), "ended": True})
    last = store.last_unfinished()
    assert last is not None and last["id"] == "y"


def test_json_file_survives_reopen(tmp_path: Path) -> None:
    store = SessionStore.open(tmp_path)
    store.save(record("a"))
    store.close()
    again = SessionStore.open(tmp_path)
    assert again.get("a") == record("a")
    assert oct((tmp_path / "sessies.json").stat().st_mode & 0o777) == "0o600"


def test_corrupt_file_is_reported_and_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "sessies.json"
    path.write_text('{"sessies": {"1": ', encoding="utf-8")
    with pytest.raises(CorruptDatabaseError) as error:
        SessionStore.open(tmp_path)
    assert str(path) in str(error.value)
    assert "niets overschreven" in str(error.value)
    assert path.read_text(encoding="utf-8") == '{"sessies": {"1": '


def test_non_tinydb_json_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sessies.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CorruptDatabaseError):
        SessionStore.open(tmp_path)


def test_leftover_temp_files_are_removed_at_start(tmp_path: Path) -> None:
    leftover = tmp_path / ".sessies.json.abc123.tmp"
    leftover.write_text("half", encoding="utf-8")
    other = tmp_path / "notes.txt"
    other.write_text("keep", encoding="utf-8")
    SessionStore.open(tmp_path)
    assert not leftover.exists()
    assert other.exists()
    assert remove_leftovers(tmp_path / "sessies.json") == []


def _big_programme(items: int) -> Programme:
    return Programme(
        id="groot",
        title="Groot",
        audience="Tests",
        duration_minutes=120,
        items=(
            FreeItem(FreeItemKind.WELKOM, "Welkom"),
            *(CardItem("proef/proefkaart", revote=False) for _ in range(items)),
        ),
        privacy=Privacy(),
    )


def test_writes_grow_with_rounds_not_votes(engine_paths: list[Path], tmp_path: Path) -> None:
    library = load_checked(engine_paths)
    programme = _big_programme(20)
    big = Library(library.decks, (programme,))
    writes = {}
    for votes in (10, 200):
        store = SessionStore.open(tmp_path / f"votes-{votes}")
        controller, _ = Controller.new("groot", big, TODAY, store)
        tokens = [f"t{n}" for n in range(votes)]
        for token in tokens:
            controller.run("join", token=token)
        for _ in range(20):
            controller.run("next_item")
            controller.run("open_voting")
            round_id = controller.session.rounds[-1].id
            for token in tokens:
                controller.run("cast_vote", token=token, round_id=round_id, answer="B")
            controller.run("close_voting")
            controller.run("reveal")
        controller.run("end")
        storage = store.storage
        assert isinstance(storage, AtomicJSONStorage)
        writes[votes] = storage.writes
    # start + (item, open, close, reveal) per round + end; votes add nothing.
    assert writes[200] == writes[10] == 1 + 1 + 20 * 4 + 1


WRITER = """
import sys
from pathlib import Path
from workshop.store import SessionStore
store = SessionStore.open(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    store.save({"id": "s", "day": "2026-11-30", "keep_until": "2027-11-30",
                "n": n, "padding": "x" * 20000})
    if n == 1:
        print("ready", flush=True)
"""


def test_killed_writer_always_leaves_a_readable_file(tmp_path: Path) -> None:
    last_seen = 0
    for attempt in range(15):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(0.02 + attempt * 0.007)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
        data = json.loads((tmp_path / "sessies.json").read_text(encoding="utf-8"))
        (doc,) = data["sessies"].values()
        assert doc["id"] == "s" and doc["n"] >= 1
        last_seen = doc["n"]
        store = SessionStore.open(tmp_path)  # and the next start cleans up and reads it
        assert store.get("s") is not None
        store.close()
    assert last_seen >= 1
    assert not list(tmp_path.glob(".*.tmp"))
