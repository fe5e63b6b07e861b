"""Defects found in review: control characters, locked rejoin after restart, start, kept maps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.decks import Library, load_checked
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.record import restore, to_record
from workshop.engine.session import Session, plain_text

TODAY = date(2026, 11, 30)


@pytest.fixture
def library(engine_paths: list[Path]) -> Library:
    return load_checked(engine_paths)


@pytest.fixture
def session(library: Library) -> Session:
    session = Session("s", library.programme("motorproef"), library, TODAY)
    session.start()
    return session


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b]2;PWNED\x1b\\ \x1b[5;5HFAKE", "]2;PWNED\\ [5;5HFAKE"),
        ("abc\u202edcba", "abcdcba"),  # a right-to-left override cannot disguise a text
        ("twee\tregels\nhier\u200b", "twee regels hier"),
        ("\x07bel\x00", "bel"),
    ],
)
def test_plain_text_drops_control_and_format_characters(raw: str, clean: str) -> None:
    assert plain_text(raw) == clean


def test_texts_notes_and_agenda_carry_no_escape_sequences(session: Session) -> None:
    session.join("t")
    session.go_to(3)
    session.open_voting()
    session.submit_text("t", session.rounds[-1].id, "hallo\x1b[2J daar")
    ((_, pending),) = session.pending_texts()
    assert pending.text == "hallo[2J daar"
    session.save_note("note\x1b]52;c;ZXZpbA==\x07")
    session.add_agenda("agenda\x1b[31m")
    assert "\x1b" not in repr(to_record(session))


def test_returning_phone_passes_a_lock_after_restart(session: Session, library: Library) -> None:
    session.join("known")
    session.set_locked(True)
    restored, _ = restore(to_record(session), library.programme("motorproef"), library)
    restored.join("known", returning=True)  # a token the hub verified: admitted before
    with pytest.raises(DomainError) as refused:
        restored.join("new")
    assert refused.value.code is ErrorCode.JOINING_LOCKED


def test_start_only_once(session: Session) -> None:
    with pytest.raises(DomainError) as error:
        session.start()
    assert error.value.code is ErrorCode.WRONG_PHASE


def test_leaving_without_revote_drops_the_kept_map(session: Session) -> None:
    for token in ("a", "b", "c"):
        session.join(token)
    session.go_to(1)  # the dilemma, asked again after the discussion
    session.open_voting()
    for token in ("a", "b", "c"):
        session.cast_vote(token, session.rounds[-1].id, "A")
    session.close_voting()
    assert session.rounds[-1].answers, "kept for the revote"
    session.next_item()  # the trainer moves on without a revote
    assert session.rounds_of(1)[0].answers == {}
