"""`workshop sessies verslag` and `workshop sessies vergelijk` on a real tinydb file."""

from __future__ import annotations

import json
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
