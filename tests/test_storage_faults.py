"""Start-up faults in the data folder, through the real commands in a subprocess.

A corrupt or empty database, a data folder that cannot be written, a damaged record, and
resuming without the `--kaarten` folder the session used: each command says what is wrong,
with the path and what to do, exits 1, shows no traceback, and leaves the file as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from workshop.decks import load_checked
from workshop.decks.library import builtin_paths
from workshop.session.controller import Controller
from workshop.store import SessionStore
from workshop.store.sessions import DATABASE_NAME, TABLE

WORKSHOP = [sys.executable, "-m", "workshop"]
TODAY = date(2026, 11, 30)


def run_all(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands side by side (they only read), each bounded in time."""
    started = [
        subprocess.Popen(
            [*WORKSHOP, *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for command in commands
    ]
    done = []
    for process in started:
        out, err = process.communicate(timeout=60)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def commands_on(data: Path, session_id: str = "20261130-abcdef") -> list[list[str]]:
    """Every command that opens the database: hub and start (new and resumed), sessies."""
    folder = ["--data", str(data)]
    return [
        ["hub", "--port", "0", "--host", "127.0.0.1", *folder],
        ["hub", "--hervat", "--port", "0", "--host", "127.0.0.1", *folder],
        ["start", "--hervat", *folder],
        ["start", "kandidatenavond", *folder],
        ["sessies", "lijst", *folder],
        ["sessies", "toon", session_id, *folder],
        ["sessies", "opschonen", *folder],
        ["sessies", "verslag", session_id, "--uit", str(data.parent / "uit"), *folder],
    ]


def assert_refused(results: list[subprocess.CompletedProcess[str]], *needles: str) -> None:
    for result in results:
        what = " ".join(result.args[3:5])
        assert result.returncode == 1, f"{what}: exit {result.returncode}\n{result.stderr}"
        assert "Traceback" not in result.stderr, f"{what}:\n{result.stderr}"
        for needle in needles:
            assert needle in result.stderr, f"{what}: {needle!r} not in\n{result.stderr}"
        assert result.stdout == "", f"{what} printed {result.stdout!r}"


@pytest.mark.parametrize(
    ("content", "reason", "every"),
    [
        (b'{"sessies": {"1": {"id": "20261130-abcdef", "day": ', "Expecting value", True),
        (b"", "leeg", True),
        (b"  \n", "leeg", False),
        (b"\xff\xfe not utf-8", "utf-8", False),
        (b"[1, 2, 3]", "geen sessiedatabase", False),
    ],
    ids=["cut-off", "empty", "blank", "not-utf8", "not-tinydb"],
)
def test_an_unreadable_database_is_reported_and_left_alone(
    tmp_path: Path, content: bytes, reason: str, every: bool
) -> None:
    """An empty file is an error too, not "no sessions": we never write an empty file.
    (The last three go through one command of each kind; the first two through all.)"""
    data = tmp_path / "data"
    data.mkdir()
    database = data / DATABASE_NAME
    database.write_bytes(content)
    commands = commands_on(data)
    results = run_all(commands if every else [commands[0], commands[2], commands[4]])
    assert_refused(results, str(database), reason, "Er is niets overschreven", "--data")
    assert database.read_bytes() == content


def test_a_data_folder_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    """The data folder is a file here. (Tests run as root in CI, and root ignores file
    permissions, so a chmod'ed read-only folder would not fail; a file where the folder
    should be fails for everyone.)"""
    data = tmp_path / "data"
    data.write_bytes(b"dit is geen map")
    results = run_all(commands_on(data))
    assert_refused(results, str(data), "kan niet worden geschreven", "--data")
    assert data.read_bytes() == b"dit is geen map"


def stored_session(data: Path, extra: list[Path] | None = None, programme: str = "") -> str:
    """A real session record (a closed round, a note) written by the engine; its id."""
    library = load_checked([*builtin_paths(), *(extra or [])])
    store = SessionStore.open(data)
    controller, _ = Controller.new(programme or "kandidatenavond", library, TODAY, store)
    for token in ("t1", "t2", "t3"):
        controller.run("join", token=token)
    controller.run("next_item")
    controller.run("open_voting")
    round_id = controller.session.rounds[-1].id
    for token in ("t1", "t2", "t3"):
        controller.run("cast_vote", token=token, round_id=round_id, answer="A")
    controller.run("close_voting")
    controller.run("save_note", text="Goed gesprek")
    store.close()
    return controller.session.id


def damage(data: Path, change: Callable[[dict[str, object]], None]) -> bytes:
    database = data / DATABASE_NAME
    raw = json.loads(database.read_text(encoding="utf-8"))
    (record,) = raw[TABLE].values()
    change(record)
    content = json.dumps(raw).encode()
    database.write_bytes(content)
    return content


def _drop_day(record: dict[str, object]) -> None:
    del record["day"]


def _bad_phase(record: dict[str, object]) -> None:
    rounds = record["rounds"]
    assert isinstance(rounds, list)
    rounds[0]["phase"] = 7


def _rounds_as_text(record: dict[str, object]) -> None:
    record["rounds"] = "geen lijst"


@pytest.mark.parametrize(
    ("change", "field"),
    [(_drop_day, "'day'"), (_bad_phase, "'phase'"), (_rounds_as_text, "'rounds'")],
    ids=["missing-day", "bad-phase", "rounds-not-a-list"],
)
def test_a_damaged_record_is_reported_with_its_id_and_left_alone(
    tmp_path: Path, change: Callable[[dict[str, object]], None], field: str
) -> None:
    data = tmp_path / "data"
    session_id = stored_session(data)
    content = damage(data, change)
    results = run_all(commands_on(data, session_id))
    assert_refused(results, str(data / DATABASE_NAME), session_id, field, "beschadigd")
    assert (data / DATABASE_NAME).read_bytes() == content


OWN_PROGRAMME = """
titel = "Eigen avond"
doelgroep = "Fractie"
duur_minuten = 30

[[onderdeel]]
soort = "welkom"
titel = "Welkom"
tekst = "Welkom allemaal."

[[onderdeel]]
kaart = "warming-up/hoe-kwam-je-hier"
timer = 30
"""


def test_resuming_without_the_folder_of_its_programme_says_which_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "eigen-kaarten"
    folder.mkdir()
    (folder / "eigen-avond.toml").write_text(textwrap.dedent(OWN_PROGRAMME), encoding="utf-8")
    data = tmp_path / "data"
    session_id = stored_session(data, [folder], programme="eigen-avond")
    content = (data / DATABASE_NAME).read_bytes()
    results = run_all(
        [
            ["hub", "--hervat", "--port", "0", "--host", "127.0.0.1", "--data", str(data)],
            ["start", "--hervat", "--data", str(data)],
        ]
    )
    assert_refused(results, session_id, "'eigen-avond'", "--kaarten")
    assert (data / DATABASE_NAME).read_bytes() == content


def test_nothing_to_resume_is_a_message_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    results = run_all(
        [
            ["hub", "--hervat", "--port", "0", "--host", "127.0.0.1", "--data", str(data)],
            ["start", "--hervat", "--data", str(data)],
        ]
    )
    assert_refused(results, "geen onafgemaakte sessie")
