"""A non-editable install (wheel) finds the shipped decks and programmes from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it, without dependencies, into a folder of its own."""
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    target = base / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("workshop-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH comes before the editable install's path entry, so the wheel's copy wins.
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=target.parent,
    )


def test_wheel_carries_decks_and_programmes(installed: Path) -> None:
    assert (installed / "workshop" / "kaarten" / "dilemmakaarten.toml").is_file()
    assert any((installed / "workshop" / "sessies").glob("*.toml"))


def test_installed_copy_lists_the_cards(installed: Path) -> None:
    where = run_installed(installed, "kaarten", "lijst", "--json")
    assert where.returncode == 0, where.stderr
    rows = json.loads(where.stdout)
    assert {"dilemmakaarten", "vuistregels", "ondermijning"} <= {row["deck"] for row in rows}


def test_installed_copy_is_the_one_running(installed: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    result = subprocess.run(
        [sys.executable, "-c", "import workshop.paths as p; print(p.builtin_dir('kaarten'))"],
        capture_output=True,
        text=True,
        env=env,
        cwd=installed.parent,
        check=True,
    )
    assert result.stdout.strip() == str(installed / "workshop" / "kaarten")
    check = run_installed(installed, "kaarten", "controleer")
    assert check.returncode == 0, check.stdout
