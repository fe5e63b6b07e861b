"""`--namen PAD` on `workshop hub` and `workshop start`: read, kept in memory, or a clear error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WORKSHOP = [sys.executable, "-m", "workshop"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WORKSHOP, *args], capture_output=True, text=True, timeout=30)


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Names files that cannot be read, with the reason the message must give."""
    folder = tmp_path / "een-map"
    folder.mkdir()
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Anoük de Boer\n".encode("latin-1"))
    return {
        "missing": (tmp_path / "bestaat-niet.txt", "het bestand bestaat niet"),
        "folder": (folder, "dit is een map, geen bestand"),
        "not utf-8": (latin1, "het is geen UTF-8-tekst"),
    }


@pytest.mark.parametrize("command", ["hub", "start"])
@pytest.mark.parametrize("case", ["missing", "folder", "not utf-8"])
def test_unreadable_names_file_is_a_clear_error(tmp_path: Path, command: str, case: str) -> None:
    path, reason = bad_files(tmp_path)[case]
    data = tmp_path / "data"
    result = run(command, "--namen", str(path), "--port", "0", "--data", str(data))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"Het namenbestand {path} kan niet worden gelezen ({reason})" in result.stderr
    assert "Traceback" not in result.stderr
    assert not data.exists()  # nothing was started


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_names_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "namen.txt"
    path.write_text("Pieter Jansen\n", encoding="utf-8")
    path.chmod(0o000)
    result = run("hub", "--namen", str(path), "--port", "0", "--data", str(tmp_path / "d"))
    assert result.returncode == 1
    assert f"{path} kan niet worden gelezen (u mag het niet lezen)" in result.stderr


@pytest.mark.parametrize("command", ["hub", "start"])
def test_help_documents_namen(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "--namen PAD" in result.stdout
    assert "één naam per regel" in " ".join(result.stdout.split())
