"""Only the user may read what workshop writes: folders 0700, files 0600 (a report 0644 only
on request), whatever the umask; and key files of stale sessions are removed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from workshop.decks import Library, load_checked
from workshop.hub.keys import HubKeys, save_keys
from workshop.session.controller import Controller
from workshop.store import SessionStore
from workshop.store.keyfiles import remove_stale_keys, save_name_hashes
from workshop.summary.export import write_report

TODAY = date(2026, 11, 30)
WORKSHOP = [sys.executable, "-m", "workshop"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 000: a file created without an explicit mode would be world-writable."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def library(engine_paths: list[Path]) -> Library:
    return load_checked(engine_paths)


def new_session(store: SessionStore, library: Library) -> dict[str, Any]:
    controller, _ = Controller.new("motorproef", library, TODAY, store)
    record = store.get(controller.session.id)
    assert record is not None
    return record


@pytest.mark.usefixtures("open_umask")
def test_data_folder_database_and_keys_are_private(tmp_path: Path, library: Library) -> None:
    data = tmp_path / "nieuw" / "data"
    store = SessionStore.open(data)
    record = new_session(store, library)
    save_keys(data, record["id"], HubKeys.new())
    save_name_hashes(data, record["id"], b"k" * 32, ["ab" * 16])
    assert mode(data) == 0o700
    assert mode(data / "sessies.json") == 0o600
    assert mode(data / "sleutels") == 0o700
    assert mode(data / "sleutels" / f"{record['id']}.json") == 0o600
    assert mode(data / "sleutels" / f"{record['id']}.namen.json") == 0o600


def test_an_existing_data_folder_is_tightened(tmp_path: Path, library: Library) -> None:
    data = tmp_path / "data"
    SessionStore.open(data).close()
    new_session(SessionStore.open(data), library)
    # As an earlier version left them:
    data.chmod(0o755)
    (data / "sessies.json").chmod(0o644)
    SessionStore.open(data).close()
    assert mode(data) == 0o700
    assert mode(data / "sessies.json") == 0o600


def test_a_chosen_folder_without_a_database_keeps_its_mode(tmp_path: Path) -> None:
    chosen = tmp_path / "mijn-map"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    store = SessionStore.open(chosen)
    store.save({"id": "x", "day": "2026-11-30", "keep_until": "2027-11-30"})
    assert mode(chosen) == 0o755  # the user's folder, not ours to change
    assert mode(chosen / "sessies.json") == 0o600


@pytest.mark.usefixtures("open_umask")
def test_exports_are_private_unless_asked(tmp_path: Path, library: Library) -> None:
    record = new_session(SessionStore.open(tmp_path / "data"), library)
    private = write_report(record, library, tmp_path / "verslagen")
    assert mode(tmp_path / "verslagen") == 0o700
    assert [mode(path) for path in private] == [0o600] * 4
    readable = write_report(record, library, tmp_path / "gedeeld", readable=True)
    assert mode(tmp_path / "gedeeld") == 0o755
    assert [mode(path) for path in readable] == [0o644] * 4
    # An export that already exists with a wider mode is made private again.
    private[0].chmod(0o666)
    write_report(record, library, tmp_path / "verslagen")
    assert mode(private[0]) == 0o600


def test_export_command_private_and_leesbaar(tmp_path: Path, library: Library) -> None:
    data = tmp_path / "data"
    record = new_session(SessionStore.open(data), library)
    base = [*WORKSHOP, "--data", str(data), "sessies", "verslag", record["id"]]

    def export(folder: Path, *extra: str) -> list[Path]:
        result = subprocess.run(
            [*base, "--uit", str(folder), *extra],
            capture_output=True,
            text=True,
            timeout=30,
            preexec_fn=lambda: os.umask(0),  # the modes must not depend on the umask
        )
        assert result.returncode == 0, result.stderr
        return sorted(folder.iterdir())

    assert [mode(path) for path in export(tmp_path / "prive")] == [0o600] * 4
    assert [mode(path) for path in export(tmp_path / "leesbaar", "--leesbaar")] == [0o644] * 4


def stale_setup(data: Path, library: Library) -> dict[str, str]:
    """Sessions in every state, each with key files, as crashes would leave them."""
    store = SessionStore.open(data)
    ids = {}
    for state in ("ended", "running", "expired", "deleted"):
        record = new_session(store, library)
        ids[state] = record["id"]
        if state == "ended":
            record["ended"] = True
        if state == "expired":
            record["keep_until"] = "2000-01-01"
        store.save(record)
        save_keys(data, record["id"], HubKeys.new())
        save_name_hashes(data, record["id"], b"k" * 32, ["ab" * 16])
    store.delete(ids["deleted"])
    store.close()
    # A temporary file a killed writer left behind, of an ended session.
    (data / "sleutels" / f".{ids['ended']}.json.x1y2.tmp").write_text("{}")
    return ids


def key_sessions(data: Path) -> set[str]:
    return {path.name.lstrip(".").split(".")[0] for path in (data / "sleutels").iterdir()}


def test_stale_keys_are_removed(tmp_path: Path, library: Library) -> None:
    data = tmp_path / "data"
    ids = stale_setup(data, library)
    assert key_sessions(data) == set(ids.values())
    removed = remove_stale_keys(data, SessionStore.open(data).all(), TODAY)
    assert len(removed) == 7  # two files each for three sessions, and the temporary file
    assert key_sessions(data) == {ids["running"]}


def test_opschonen_and_verwijder_remove_stale_keys(tmp_path: Path, library: Library) -> None:
    data = tmp_path / "data"
    ids = stale_setup(data, library)
    base = [*WORKSHOP, "--data", str(data), "sessies"]
    result = subprocess.run([*base, "opschonen"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Sleutelbestanden van beëindigde, verwijderde of verlopen sessies verwijderd: 7" in (
        result.stdout
    )
    assert key_sessions(data) == {ids["running"]}
    result = subprocess.run(
        [*base, "verwijder", ids["running"], "--ja"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert key_sessions(data) == set()


def test_starting_a_session_removes_stale_keys(tmp_path: Path, engine_paths: list[Path]) -> None:
    from workshop.session import HubOptions, open_session

    data = tmp_path / "data"
    ids = stale_setup(data, load_checked(engine_paths))
    programme = next(path for path in engine_paths if path.parent.name == "sessies")
    options = HubOptions(
        programme=str(programme), data=data, extra_decks=[programme.parent.parent / "kaarten"]
    )
    opened = open_session(options, TODAY)
    new_id = opened.controller.session.id
    opened.writer.close()
    opened.store.close()
    assert key_sessions(data) == {ids["running"], new_id}
