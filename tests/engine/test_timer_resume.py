"""The timer survives `--hervat` (issue 13): the record keeps what was left of it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ENGINE_PROGRAMME, WriteFile
from workshop.decks import Library, load_checked
from workshop.engine.record import restore, to_record
from workshop.engine.session import Session

TODAY = date(2026, 11, 30)


@pytest.fixture
def library(engine_paths: list[Path], write: WriteFile) -> Library:
    """The engine programme with a 60-second timer on its second card."""
    timed = ENGINE_PROGRAMME.replace(
        'kaart = "regels/krant"\n', 'kaart = "regels/krant"\ntimer = 60\n'
    )
    programme = write("sessies/motorproef.toml", timed)
    return load_checked([*engine_paths[:-1], programme])


def timed_session(library: Library) -> tuple[Session, int]:
    session = Session("s1", library.programme("motorproef"), library, TODAY)
    session.start()
    index = next(i for i, item in enumerate(session.items) if getattr(item, "timer_seconds", None))
    session.go_to(index)
    return session, index


def test_a_stopped_timer_comes_back_with_what_was_left(library: Library) -> None:
    session, index = timed_session(library)
    seconds = session.timer.seconds
    assert seconds is not None and seconds > 20
    session.start_timer(100.0)
    session.stop_timer(120.0)  # twenty seconds used
    record = json.loads(json.dumps(to_record(session)))
    restored, _ = restore(record, session.programme, library)
    assert restored.item_index == index
    assert restored.timer.seconds == seconds
    assert restored.timer.left(5000.0) == seconds - 20
    assert not restored.timer.running(5000.0)
    assert restored.start_timer(6000.0)  # and it runs on from there
    assert restored.timer.left(6010.0) == seconds - 30


def test_a_record_without_the_timer_starts_the_item_timer_afresh(library: Library) -> None:
    session, _ = timed_session(library)
    session.start_timer(100.0)
    session.stop_timer(120.0)
    record = to_record(session)
    del record["timer_left"]
    restored, _ = restore(record, session.programme, library)
    assert restored.timer.left(0.0) == session.timer.seconds
