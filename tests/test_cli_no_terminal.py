"""`workshop` and `workshop start` without a terminal: a message and exit 1, never a blind
TUI (issue 13). Each run is bounded; a hang fails the test instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WORKSHOP = [sys.executable, "-m", "workshop"]


def run_without_terminal(*args: str) -> subprocess.CompletedProcess[str]:
    """stdin from /dev/null and stdout/stderr to pipes: no terminal anywhere."""
    return subprocess.run(
        [*WORKSHOP, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_resume_with_nothing_to_resume_exits_1_with_the_message(tmp_path: Path) -> None:
    result = run_without_terminal("start", "--hervat", "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "geen onafgemaakte sessie" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr  # the TUI never drew


@pytest.mark.parametrize(
    "args", [["start", "kandidatenavond", "--port", "0", "--host", "127.0.0.1"], []]
)
def test_the_tui_refuses_to_run_blind(tmp_path: Path, args: list[str]) -> None:
    result = run_without_terminal(*args, "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "heeft een terminal nodig" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_deck_exits_1_before_the_tui(tmp_path: Path) -> None:
    decks = tmp_path / "kapot"
    decks.mkdir()
    (decks / "deck.toml").write_text('id = "kapot"\nsoort = "quiz"\n', encoding="utf-8")
    result = run_without_terminal(
        "--kaarten", str(decks), "start", "kandidatenavond", "--data", str(tmp_path / "data")
    )
    assert result.returncode == 1
    assert "kapot" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr
