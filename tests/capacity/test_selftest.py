"""`workshop capaciteit` through the real command line: a hub on 127.0.0.1, simulated phones
in a child process, three vote rounds, a report in plain words, and nothing left behind."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import i18n
from workshop.capacity.selftest import CapacityReport, render_report

WORKSHOP = [sys.executable, "-m", "workshop"]
LIMIT = 120  # seconds; the self-test for 20 phones takes a few


def run_cli(
    tmp_path: Path, *args: str, open_files: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `workshop ARGS` in its own process group with its own temp and data folders."""
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch), "XDG_DATA_HOME": str(tmp_path / "xdg")}

    def limit_files() -> None:
        if open_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    process = subprocess.Popen(
        [*WORKSHOP, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=limit_files,
    )
    try:
        out, err = process.communicate(timeout=LIMIT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # Nothing of the test is left: no process in its group, no temporary or data folder.
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "xdg").exists() or list((tmp_path / "xdg").rglob("*")) == []
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


TIMING = ("het programma haperde", "een stemronde duurde")
"""The only limits a machine busy with other tests may hit with 20 phones: speed is measured
in benchmarks, not asserted here."""


def test_twenty_phones_fit_and_the_report_says_so(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "capaciteit", "--telefoons", "20")
    report = result.stdout
    assert "Capaciteitstest: 20 telefoons op deze laptop" in report, report + result.stderr
    assert "Verbonden:      20 van 20 telefoons" in report
    assert "(mediaan van 3, traagste" in report
    assert "KiB per telefoon" in report
    assert "het programma haperde hoogstens" in report
    limits = [line for line in report.splitlines() if line.startswith("  - ")]
    if result.returncode == 0:
        assert "Grenzen geraakt: geen" in report and not limits
        assert "Oordeel: ja, deze laptop kan 20 telefoons aan." in report
    else:  # only a timing limit, on a machine busy with other work
        assert limits and all(any(t in line for t in TIMING) for line in limits), report
        assert "Oordeel: nee" in report
    assert "De wifi in de zaal test hij niet" in report
    # Progress on stderr, without a terminal one line per quarter: ends at all phones.
    assert "[##############################] 20/20 telefoons verbonden" in result.stderr
    assert "Stemronde 3 van 3..." in result.stderr


def test_the_report_names_the_limit_it_hit_in_english(tmp_path: Path) -> None:
    # The hub takes 10 phones; the facilitator does not count against them.
    result = run_cli(
        tmp_path, "--taal", "en", "capaciteit", "--telefoons", "12", "--max-telefoons", "10"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    assert "Connected:   10 of 12 phones" in report
    assert "the voting server refused 2 phones (full): the limit is --max-telefoons 10." in report
    assert "Verdict: no, this laptop does not hold 12 phones now" in report
    assert "It does not test the hall's Wi-Fi" in report


def test_too_few_open_files_is_told_with_the_command_that_fixes_it(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "capaciteit", "--telefoons", "500", open_files=256)
    assert result.returncode == 1
    assert "het systeem staat er 256 toe, voor 500 telefoons zijn er 628 nodig" in result.stdout
    assert "'ulimit -n 628'" in result.stdout
    assert "Oordeel: nee" in result.stdout


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (
            CapacityReport(100, 100, fd_limit=9000, joined=90, errors={"timeout": 10}),
            "10 telefoons kregen binnen 30 s geen antwoord.",
        ),
        (
            CapacityReport(100, 100, fd_limit=9000, joined=100, rounds=[0.3, 2.5, 0.4]),
            "een stemronde duurde 2,50 s (vlot: onder 2 s).",
        ),
        (
            CapacityReport(100, 100, fd_limit=9000, joined=100, rounds=[0.3] * 3, lag=0.4),
            "het programma haperde 400 ms (vlot: onder 250 ms)",
        ),
        (
            CapacityReport(100, 100, fd_limit=9000, joined=60, errors={"Too many open files": 40}),
            "Verhoog de grens met 'ulimit -n 228'",
        ),
    ],
)
def test_each_limit_gets_its_own_sentence(report: CapacityReport, expected: str) -> None:
    i18n.set_language("nl")
    text = render_report(report)
    assert expected in text
    assert "Oordeel: nee" in text
