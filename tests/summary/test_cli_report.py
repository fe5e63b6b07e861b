"""`workshop sessies verslag` and `workshop sessies vergelijk` on a real tinydb file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workshop.cli import main
from workshop.store import SessionStore


@pytest.fixture
def data(tmp_path: Path, record: dict[str, Any]) -> Path:
    store = SessionStore.open(tmp_path / "data")
    store.save(record)
    other = json.loads(json.dumps(record))
    other["id"], other["day"] = "20261214-def456", "2026-12-14"
    store.save(other)
    store.close()
    return tmp_path / "data"


def test_verslag_writes_all_formats(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit"
    assert (
        main(["sessies", "verslag", "20261130-abc123", "--data", str(data), "--uit", str(out)]) == 0
    )
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"verslag-20261130-abc123.{ext}" for ext in ("csv", "html", "json", "md")]
    assert capsys.readouterr().out.count("Geschreven:") == 4


def test_verslag_one_format_to_stdout(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "sessies",
                "verslag",
                "20261130-abc123",
                "--formaat",
                "json",
                "--uit",
                "-",
                "--data",
                str(data),
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["session_id"] == "20261130-abc123"
    assert main(["sessies", "verslag", "20261130-abc123", "--uit", "-", "--data", str(data)]) == 2


def test_verslag_unknown_session(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessies", "verslag", "nee", "--data", str(data)]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_vergelijk(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["sessies", "vergelijk", "20261130-abc123", "20261214-def456", "--data", str(data)])
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("## Een etentje na de inspraakavond") == 1
    assert "| 2026-12-14 (20261214-def456) | Na het gesprek | 2 (17%) |" in out
    assert main(["sessies", "vergelijk", "20261130-abc123", "onbekend", "--data", str(data)]) == 1


def test_cli_formats_match_the_renderers() -> None:
    """The CLI names the formats without importing the renderers; the two lists agree."""
    from workshop.sessions_cli import FORMATS as CLI_FORMATS
    from workshop.summary.export import FORMATS

    assert CLI_FORMATS == FORMATS


def test_verslag_without_uit_goes_to_the_documented_reports_folder(
    data: Path, tmp_path: Path
) -> None:
    """Run for real: without --uit the report lands in workshop-verslagen in the documents
    folder (made 0700, files 0600), the same place the console's export offers; nothing is
    written to the folder the command was started in."""
    home, here = tmp_path / "thuis", tmp_path / "hier"
    home.mkdir()
    here.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DOCUMENTS_DIR": "$HOME/Stukken"}
    workshop = [sys.executable, "-m", "workshop"]
    result = subprocess.run(
        [
            *workshop,
            "sessies",
            "verslag",
            "20261130-abc123",
            "--formaat",
            "md",
            "--data",
            str(data),
        ],
        capture_output=True,
        text=True,
        cwd=here,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    folder = home / "Stukken" / "workshop-verslagen"
    report = folder / "verslag-20261130-abc123.md"
    assert f"Geschreven: {report}" in result.stdout
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert list(here.iterdir()) == []
