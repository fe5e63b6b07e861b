"""The command line: exit codes and what it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID_DECK, WriteFile
from workshop.cli import main


def test_controleer_passes_on_shipped_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kaarten", "controleer"]) == 0
    assert capsys.readouterr().out.startswith("In orde:")


def test_controleer_reports_all_problems_with_exit_1(
    write: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = (
        VALID_DECK.replace('titel = "Een proefkaart"', 'titel = "Een proefkaart"\nkleur = "rood"')
        .replace('thema = "geschenken"\n', "")
        .replace('lagen = ["gemeente"]', 'lagen = ["gemeente", "rijk"]')
        .replace('"regels/krant"', '"vuistregels/bestaat-niet"')
        .replace('type = "keuze"', 'type = "keuzes"')
    )
    path = write("mijn-deck.toml", broken)
    assert main(["kaarten", "controleer", str(path)]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert out.startswith(f"{len(lines)} problemen gevonden:")
    assert len(lines) >= 5
    for field in ("kleur", "thema", "lagen", "vuistregels", "vraag 1.type"):
        assert any(f"veld '{field}'" in line for line in lines), field
    assert all("mijn-deck.toml" in line and "kaart 'proefkaart'" in line for line in lines)


def test_lijst_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kaarten", "lijst", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert all(set(row) == {"deck", "id", "kind", "theme", "title", "tiers"} for row in rows)
    refs = {f"{row['deck']}/{row['id']}" for row in rows}
    assert "dilemmakaarten/etentje-ontwikkelaar" in refs


def test_lijst_prints_one_line_per_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kaarten", "lijst", "--json"]) == 0
    count = len(json.loads(capsys.readouterr().out))
    assert main(["kaarten", "lijst"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == count
    assert lines[0].split()[0] == "dilemmakaarten"


def test_lijst_with_extra_deck_folder(write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    own = VALID_DECK.replace('"regels/krant"', '"vuistregels/krantentest"')
    deck = write("eigen/proef.toml", own)
    assert main(["--kaarten", str(deck.parent), "kaarten", "lijst", "--json"]) == 0
    ids = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert "proefkaart" in ids


def test_toon_prints_the_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kaarten", "toon", "dilemmakaarten/etentje-ontwikkelaar"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Een etentje na de inspraakavond\n")
    assert "Vraag: Wat doe je?" in out
    assert "   A. " in out and "Doorvragen:" in out and "Wat als" in out
    assert "Gemeentewet art. 14" in out


def test_toon_unknown_card_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kaarten", "toon", "dilemmakaarten/bestaat-niet"]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_english_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--taal", "en", "--help"])
    assert exit_info.value.code == 0
    assert "view and check card decks" in capsys.readouterr().out


def test_help_is_dutch_and_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from workshop.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('textual', 'rich', 'websockets', 'tinydb') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert "gebruik: workshop" in result.stdout
    assert "kaartdecks en programma's bekijken" in result.stdout
    assert "LOADED []" in result.stdout


def test_console_script_exit_codes(write: WriteFile) -> None:
    script = Path(sys.executable).with_name("workshop")
    ok = subprocess.run([script, "kaarten", "controleer"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = write("kapot.toml", 'id = "x"\nsoort = "quiz"\n')
    failed = subprocess.run([script, "kaarten", "controleer", bad], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "kapot.toml" in failed.stdout
