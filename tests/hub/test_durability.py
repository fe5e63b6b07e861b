"""Durability of `workshop hub` as a real process: a round seen closed survives SIGKILL, a
failed write is told at once and never called saved, SIGTERM right after start stops cleanly.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.benchmarks.crash_loop import crash_loop
from tests.hub.conftest import TIMEOUT, receive, state_where
from tests.hub.test_headless import HeadlessHub, start
from workshop.store import SessionStore
from workshop.store.sessions import DATABASE_NAME

PHASES = ["shown", "open", "closed", "revealed"]


@pytest.fixture
async def processes() -> AsyncIterator[list[HeadlessHub]]:
    started: list[HeadlessHub] = []
    yield started
    for hub in started:
        if hub.process.returncode is None:
            hub.process.kill()
            await hub.process.wait()


async def test_a_round_the_facilitator_saw_closed_survives_sigkill(tmp_path: Path) -> None:
    """30 times: close a round with three votes, SIGKILL the hub the moment the facilitator
    gets a state saying "closed", resume with --hervat: the round must be there, closed,
    with its three votes counted. (Before the fix every one of them came back open and
    empty: the facilitator was told before the record was on disk.)"""
    outcome = await crash_loop(tmp_path, kills=30)
    assert outcome.kills == 30
    assert outcome.lost == []


async def test_sigterm_right_after_the_json_line_stops_cleanly(
    tmp_path: Path, processes: list[HeadlessHub]
) -> None:
    """The signal handlers exist before the line is printed: a SIGTERM sent the moment the
    line is read stops the hub normally (exit 0) with the session on disk."""
    for attempt in range(3):
        data = tmp_path / f"data{attempt}"
        hub = await start(data)
        processes.append(hub)
        hub.process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(hub.process.communicate(), 15)
        assert hub.process.returncode == 0, err.decode()
        assert "alles is bewaard" in err.decode()
        store = SessionStore.open(data)
        assert store.get(hub.info["session"]) is not None
        store.close()


def break_database(data: Path) -> Path:
    """Make every later write of the database fail, also for root (the tests run as root in
    CI, and root ignores file permissions, so a read-only folder would not fail): the
    database path becomes a folder that is not empty, so the atomic `os.replace` of the new
    file onto it fails with IsADirectoryError. The running hub keeps its copy in memory."""
    database = data / DATABASE_NAME
    database.unlink()
    database.mkdir()
    (database / "in-de-weg").write_text("x")
    return database


async def test_a_failed_write_is_told_at_once_retried_and_never_called_saved(
    tmp_path: Path, processes: list[HeadlessHub]
) -> None:
    data = tmp_path / "data"
    hub = await start(data)
    processes.append(hub)
    facilitator = await hub.facilitator()
    state = await receive(facilitator, "state")
    assert state["save_error"] is None
    blocker = break_database(data)

    await facilitator.send(json.dumps({"type": "command", "name": "next_item", "args": {}}))
    error = await receive(facilitator, "error", code="save_failed")
    assert "niet bewaard" in error["message"] and str(data) in error["message"]
    failing = await state_where(facilitator, lambda s: s["save_error"] is not None)
    assert "Is a directory" in failing["save_error"]

    # The writer keeps retrying: once the way is clear the record is written after all.
    shutil.rmtree(blocker)
    await state_where(facilitator, lambda s: s["save_error"] is None)
    record = SessionStore.open(data).get(hub.info["session"])
    assert record is not None and record["item_index"] == failing["item"]["index"]

    # Broken again at the end: the stop says so and exits 1, without "alles is bewaard".
    break_database(data)
    await facilitator.send(json.dumps({"type": "command", "name": "next_item", "args": {}}))
    await receive(facilitator, "error", code="save_failed")
    await facilitator.close()
    code, err = await hub.stop()
    assert code == 1
    assert "alles is bewaard" not in err
    assert "NIET bewaard" in err and str(data) in err


async def test_the_facilitator_is_not_answered_before_the_record_is_on_disk(
    tmp_path: Path, processes: list[HeadlessHub]
) -> None:
    """The state that answers a close carries a phase that is already in the file."""
    data = tmp_path / "data"
    hub = await start(data)
    processes.append(hub)
    facilitator = await hub.facilitator()
    await receive(facilitator, "state")
    for name in ("next_item", "open_voting", "close_voting"):
        await facilitator.send(json.dumps({"type": "command", "name": name, "args": {}}))
        state = await asyncio.wait_for(receive(facilitator, "state"), TIMEOUT)
        # Read the file the moment the answer arrives, before anything else can happen.
        raw = json.loads((data / DATABASE_NAME).read_text(encoding="utf-8"))
        (record,) = raw["sessies"].values()
        if state["round"] is not None:
            stored = {r["id"]: r["phase"] for r in record["rounds"]}
            seen = state["round"]["phase"]
            assert PHASES.index(stored[state["round"]["id"]]) >= PHASES.index(seen)
    await facilitator.close()
