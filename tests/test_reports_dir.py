"""Where the console saves a report by default (issue 13): the documents folder's
`workshop-verslagen`, found as a Linux desktop names it, never the current directory."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from workshop.paths import reports_dir


def test_xdg_documents_dir_from_the_environment(tmp_path: Path) -> None:
    environ = {"XDG_DOCUMENTS_DIR": str(tmp_path / "Docs"), "PATH": ""}
    assert reports_dir(environ, tmp_path) == tmp_path / "Docs" / "workshop-verslagen"


def test_home_in_the_variable_is_expanded(tmp_path: Path) -> None:
    environ = {"XDG_DOCUMENTS_DIR": "$HOME/Stukken", "PATH": ""}
    assert reports_dir(environ, tmp_path) == tmp_path / "Stukken" / "workshop-verslagen"


@pytest.mark.skipif(shutil.which("xdg-user-dir") is None, reason="needs xdg-user-dir")
def test_xdg_user_dir_names_the_dutch_documents_folder(tmp_path: Path) -> None:
    config = tmp_path / ".config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Documenten"\n')
    environ = {"PATH": os.environ["PATH"], "XDG_CONFIG_HOME": str(config)}
    assert reports_dir(environ, tmp_path) == tmp_path / "Documenten" / "workshop-verslagen"


def test_without_xdg_documenten_if_it_exists_else_documents(tmp_path: Path) -> None:
    environ = {"PATH": "", "XDG_CONFIG_HOME": str(tmp_path / "none")}
    assert reports_dir(environ, tmp_path) == tmp_path / "Documents" / "workshop-verslagen"
    (tmp_path / "Documenten").mkdir()
    assert reports_dir(environ, tmp_path) == tmp_path / "Documenten" / "workshop-verslagen"


@pytest.mark.skipif(shutil.which("xdg-user-dir") is None, reason="needs xdg-user-dir")
def test_xdg_user_dir_without_a_configured_folder_falls_back(tmp_path: Path) -> None:
    environ = {"PATH": os.environ["PATH"], "XDG_CONFIG_HOME": str(tmp_path / "none")}
    assert reports_dir(environ, tmp_path) == tmp_path / "Documents" / "workshop-verslagen"


def test_the_folder_is_made_private(tmp_path: Path) -> None:
    from workshop.summary.export import write_report

    folder = reports_dir({"XDG_DOCUMENTS_DIR": str(tmp_path / "Docs"), "PATH": ""}, tmp_path)
    record = {
        "version": 1,
        "id": "20261130-abc123",
        "programme": "p",
        "title": "Proef",
        "day": "2026-11-30",
        "keep_until": "2027-11-30",
        "participants": 0,
        "items": [],
        "rounds": [],
    }
    write_report(record, None, folder, ("json",))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
