"""`workshop sessies ...` against a real tinydb file in a temporary data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.decks import load_checked
from workshop.session.controller import Controller
from workshop.store import SessionStore


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with one finished, one unfinished and one expired session."""
    library = load_checked()
    store = SessionStore.open(tmp_path)
    finished, _ = Controller.new("fractie-start", library, date(2026, 11, 30), store)
    for token in ("t1", "t2", "t3"):
        finished.run("join", token=token)
    finished.run("go_to", index=4)  # the first dilemma (a keuze question)
    finished.run("open_voting")
    for token, answer in (("t1", "A"), ("t2", "B"), ("t3", "B")):
        finished.run("cast_vote", token=token, round_id=1, answer=answer)
    finished.run("close_voting")
    finished.run("save_note", text="Goed begin")
    finished.run("add_agenda", text="Nevenfuncties op de website")
    finished.run("end")
    Controller.new("kandidatenavond", library, date(2026, 11, 30), store)
    old, _ = Controller.new("kandidatenavond", library, date(2024, 1, 10), store)
    old.run("end")
    store.close()
    return tmp_path


def ids(data: Path) -> list[str]:
    return [r["id"] for r in SessionStore.open(data).all()]


def test_lijst(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessies", "lijst", "--data", str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert sum("Start van de nieuwe fractie" in line for line in lines) == 1
    assert sum("niet afgerond" in line for line in lines) == 1
    assert "3 deelnemers" in "".join(lines)


def test_toon(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session_id = next(i for i in ids(data) if i.startswith("20261130"))
    assert main(["--data", str(data), "sessies", "toon", session_id]) == 0
    out = capsys.readouterr().out
    assert "ronde 1: A: 1, B: 2" in out
    assert "Notitie: Goed begin" in out
    assert "- Nevenfuncties op de website" in out


def test_toon_and_verwijder_unknown(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessies", "toon", "bestaat-niet", "--data", str(data)]) == 1
    assert main(["sessies", "verwijder", "bestaat-niet", "--data", str(data)]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_verwijder(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = ids(data)[0]
    assert main(["sessies", "verwijder", first, "--ja", "--data", str(data)]) == 0
    assert first not in ids(data)
    assert f"Sessie {first} is verwijderd." in capsys.readouterr().out


def test_opschonen_removes_expired_and_says_which(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expired = ids(data)[0]
    assert expired.startswith("20240110")
    assert main(["sessies", "opschonen", "--data", str(data)]) == 0
    assert f"sessie {expired}" in capsys.readouterr().out
    assert len(ids(data)) == 2
    assert main(["sessies", "opschonen", "--data", str(data)]) == 0
    assert "Geen sessies" in capsys.readouterr().out


def test_default_data_dir_follows_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["sessies", "lijst"]) == 0
    assert str(tmp_path / "workshop") in capsys.readouterr().out


def test_corrupt_database_exit_1_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sessies.json"
    path.write_text("{kapot", encoding="utf-8")
    assert main(["sessies", "lijst", "--data", str(tmp_path)]) == 1
    assert str(path) in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "{kapot"


def test_resume_last_unfinished(data: Path) -> None:
    store = SessionStore.open(data)
    resumed = Controller.resume(store, load_checked())
    assert resumed is not None
    controller, _ = resumed
    assert controller.session.programme.id == "kandidatenavond"
    assert not controller.session.ended
