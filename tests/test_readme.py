"""The README a new trainer follows: the first two commands stay exactly as CI runs them, how
to run `workshop`, the network section, own programmes; every `workshop` line in it parses."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from workshop.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
FIRST_COMMANDS = (
    "<!-- run-command -->\n```sh\n"
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/workshop\n```",
    "<!-- test-command -->\n```sh\n"
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest\n```",
)


def test_the_first_two_commands_are_unchanged() -> None:
    for block in FIRST_COMMANDS:
        assert block in README
    assert README.index(FIRST_COMMANDS[0]) < README.index(FIRST_COMMANDS[1])


def test_says_how_to_run_the_command() -> None:
    assert "source .venv/bin/activate" in README
    assert ".venv/bin/workshop kaarten lijst" in README


def test_network_section_with_workshop_netwerk() -> None:
    section = README.split("### Netwerk", 1)[1].split("\n### ", 1)[0]
    for words in ("workshop netwerk", "--wacht", "client-isolatie", "hotspot", "firewall"):
        assert words in section, words
    for words in ("Windows", "macOS", "Linux", "--host", "--url"):
        assert words in section, words


def test_own_programmes_and_the_editable_install() -> None:
    section = README.split("### Een eigen programma", 1)[1].split("\n## ", 1)[0]
    assert "--kaarten MAP" in section and "programma's" in section
    assert "pip install -e ." in section and "sessies/" in section


def workshop_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    lines = [line.split(" #", 1)[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("workshop")]


@pytest.mark.parametrize("line", workshop_lines())
def test_every_workshop_line_parses(line: str) -> None:
    args = shlex.split(line.split("|", 1)[0])[1:]
    try:
        build_parser().parse_args(args)
    except SystemExit as stop:  # --help ends with 0, a bad command line with 2
        assert stop.code == 0, f"{line!r} does not parse"


def test_there_are_workshop_lines_to_parse() -> None:
    assert len(workshop_lines()) > 20
    assert any(line.startswith("workshop netwerk") for line in workshop_lines())
