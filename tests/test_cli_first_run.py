"""The command as a trainer meets it on the first evening, run for real in a subprocess:
piping into `head`, and deleting a session only after asking."""

from __future__ import annotations

import fcntl
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from workshop.decks import load_checked
from workshop.session.controller import Controller
from workshop.store import SessionStore

WORKSHOP = [sys.executable, "-m", "workshop"]
TIMEOUT = 60


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command with no terminal on its input, as from a script or cron."""
    return subprocess.run(
        [*WORKSHOP, *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_kaarten_lijst_into_a_reader_that_stops_early(extra: list[str]) -> None:
    """`workshop kaarten lijst | head`: the reader leaves after a few bytes; no traceback."""
    read_end, write_end = os.pipe()
    # A one-page pipe: the list (10 KiB and more) cannot fit before the reader leaves, so the
    # command always meets the closed pipe, however fast it runs.
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [*WORKSHOP, "kaarten", "lijst", *extra], stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    first = os.read(read_end, 100)
    os.close(read_end)
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert first  # it did start writing the list
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr.decode()
    assert stderr == b""


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, str]:
    """A data folder with one stored session."""
    store = SessionStore.open(tmp_path)
    controller, _ = Controller.new("fractie-start", load_checked(), date(2026, 11, 30), store)
    controller.run("end")
    store.close()
    return tmp_path, controller.session.id


def stored(folder: Path) -> list[str]:
    store = SessionStore.open(folder)
    try:
        return [record["id"] for record in store.all()]
    finally:
        store.close()


def test_verwijder_without_a_terminal_refuses(data: tuple[Path, str]) -> None:
    folder, session_id = data
    result = run("sessies", "verwijder", session_id, "--data", str(folder))
    assert result.returncode == 1
    assert "--ja" in result.stderr and session_id in result.stderr
    assert "Traceback" not in result.stderr
    assert stored(folder) == [session_id]


def test_verwijder_with_ja_deletes_without_asking(data: tuple[Path, str]) -> None:
    folder, session_id = data
    result = run("sessies", "verwijder", session_id, "--ja", "--data", str(folder))
    assert result.returncode == 0, result.stderr
    assert f"Sessie {session_id} is verwijderd." in result.stdout
    assert stored(folder) == []


def answer_on_a_terminal(folder: Path, session_id: str, answer: str, *lang: str) -> str:
    """Run `verwijder` with a real terminal as its input and type `answer`; its output."""
    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [*WORKSHOP, *lang, "sessies", "verwijder", session_id, "--data", str(folder)],
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        os.write(main, answer.encode() + b"\n")
        out, _ = process.communicate(timeout=TIMEOUT)
    finally:
        os.close(main)
        os.close(secondary)
    assert process.returncode == (0 if answer.lower().startswith(("j", "y")) else 1), out
    return out


def test_verwijder_asks_and_keeps_the_session_on_no(data: tuple[Path, str]) -> None:
    folder, session_id = data
    out = answer_on_a_terminal(folder, session_id, "n")
    assert f"Sessie {session_id} (Start van de nieuwe fractie, 2026-11-30) verwijderen?" in out
    assert "Niets verwijderd" in out
    assert stored(folder) == [session_id]
    out = answer_on_a_terminal(folder, session_id, "")  # Enter alone is no
    assert stored(folder) == [session_id]


def test_verwijder_asks_and_deletes_on_yes(data: tuple[Path, str]) -> None:
    folder, session_id = data
    out = answer_on_a_terminal(folder, session_id, "y", "--taal", "en")
    assert f"Delete session {session_id}" in out
    assert stored(folder) == []
