"""Declared names survive a crash for scrubbing, without being readable from the disk.

In process (open_session as the TUI uses it) and as `workshop hub` processes killed with
SIGKILL and resumed with `--hervat` without giving the names again.
"""

from __future__ import annotations

import json
import stat
import unicodedata
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from tests.hub.conftest import state_where
from tests.hub.test_headless import HeadlessHub, start
from workshop.session import HubOptions, OpenedSession, close_session, open_session, start_hub
from workshop.store import SessionStore

TODAY = date(2026, 11, 30)
DECLARED = ["Pieter Jansen", "Anouk de Boer"]
PARTS = ["pieter", "jansen", "anouk", "boer"]


def folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def no_name_in(folder: Path, *, but: Path | None = None) -> None:
    """No part of a declared name in any file under `folder` (except `but`), in any case or
    accent form."""
    for path in folder.rglob("*"):
        if path.is_file() and path != but:
            text = folded(path.read_text(encoding="utf-8", errors="replace"))
            for part in PARTS:
                assert part not in text, (path, part)


def crash(opened: OpenedSession) -> None:
    """What a crash leaves: the last checkpoint on disk, nothing ended, nothing cleaned up."""
    assert opened.writer.flush()
    opened.writer.close()
    opened.store.close()


async def test_resumed_session_still_scrubs_names_given_before_the_crash(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = open_session(HubOptions(programme="fractie-start", data=data, names=DECLARED), TODAY)
    session_id = first.controller.session.id
    first.controller.run("save_note", text="Pieter zei het al")
    crash(first)

    names_file = data / "sleutels" / f"{session_id}.namen.json"
    assert names_file.is_file()
    assert mode(names_file) == 0o600 and mode(data / "sleutels") == 0o700
    no_name_in(data)

    # No names given again: only the sealed ones can scrub.
    options = HubOptions(data=data, resume=True, host="127.0.0.1", port=0)
    second = open_session(options, TODAY)
    assert second.controller.session.id == session_id
    assert any("nog steeds weggehaald" in notice for notice in second.notices)
    second.controller.run("add_agenda", text="Pieter Jansen belt Anoük; jansens idee")
    second.controller.run("save_note", text="de Boer twijfelde", item_index=1)
    assert second.controller.session.agenda == ["[naam] belt [naam]; [naam] idee"]
    hub = await start_hub(second, options)
    second.controller.run("end")
    await close_session(hub, second)

    (record,) = SessionStore.open(data).all()
    assert record["agenda"] == ["[naam] belt [naam]; [naam] idee"]
    assert record["notes"]["1"] == ["de [naam] twijfelde"]
    assert record["notes"]["0"] == ["[naam] zei het al"]
    assert record["names_declared"] is True
    assert not names_file.exists()  # the session ended: its sealed names are gone
    no_name_in(data)


def test_names_given_again_on_resume_are_sealed_with_the_earlier_ones(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = open_session(HubOptions(programme="fractie-start", data=data, names=["Pieter"]), TODAY)
    crash(first)
    second = open_session(HubOptions(data=data, resume=True, names=["Anouk de Boer"]), TODAY)
    crash(second)
    third = open_session(HubOptions(data=data, resume=True), TODAY)
    third.controller.run("add_agenda", text="Pieter en Anouk")
    assert third.controller.session.agenda == ["[naam] en [naam]"]
    crash(third)


def test_lost_names_are_asked_for_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = open_session(HubOptions(programme="fractie-start", data=data, names=DECLARED), TODAY)
    crash(first)
    for names_file in (data / "sleutels").glob("*.namen.json"):
        names_file.unlink()
    second = open_session(HubOptions(data=data, resume=True), TODAY)
    assert any("--namen" in notice for notice in second.notices)
    crash(second)


@pytest.fixture
async def hubs() -> AsyncIterator[list[HeadlessHub]]:
    started: list[HeadlessHub] = []
    yield started
    for hub in started:
        if hub.process.returncode is None:
            hub.process.kill()
            await hub.process.wait()


async def test_killed_hub_resumed_with_hervat_scrubs_names_from_namen(
    tmp_path: Path, hubs: list[HeadlessHub]
) -> None:
    data = tmp_path / "data"
    names = tmp_path / "namen.txt"
    names.write_text("\n".join(DECLARED) + "\n", encoding="utf-8")
    first = await start(data, "fractie-start", "--namen", str(names))
    hubs.append(first)
    boss = await first.facilitator()
    command = {"type": "command", "name": "add_agenda", "args": {"text": "Anouk regelt het"}}
    await boss.send(json.dumps(command))
    state = await state_where(boss, lambda s: len(s.get("agenda") or []) == 1)
    assert state["agenda"] == ["[naam] regelt het"]
    await boss.close()
    first.process.kill()  # SIGKILL: no handler runs, the names in memory are gone
    await first.process.wait()
    no_name_in(data)

    second = await start(data, "--hervat")  # without --namen
    hubs.append(second)
    assert second.info["session"] == first.info["session"]
    boss = await second.facilitator()
    text = "Pieter Jansen en BOER bellen; Jansen's voorstel"
    command = {"type": "command", "name": "add_agenda", "args": {"text": text}}
    await boss.send(json.dumps(command))
    state = await state_where(boss, lambda s: len(s.get("agenda") or []) == 2)
    assert state["agenda"][1] == "[naam] en [naam] bellen; [naam]'s voorstel"
    await boss.close()
    code, err = await second.stop()
    assert code == 0, err
    assert "nog steeds weggehaald" in err
    (record,) = SessionStore.open(data).all()
    assert record["agenda"] == ["[naam] regelt het", "[naam] en [naam] bellen; [naam]'s voorstel"]
    no_name_in(tmp_path, but=names)  # nothing was copied anywhere
    assert names.read_text(encoding="utf-8").splitlines() == DECLARED  # the file is untouched
