"""After a stop: the true reason a before/after shift is missing, and phones told that the
round they voted in was reopened empty. Engine, record, views, TUI text and reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.decks import Library, load_checked
from workshop.engine.record import restore, to_record
from workshop.engine.session import Session
from workshop.sessions_cli import render_record
from workshop.summary import build_summary
from workshop.summary.html import render_html
from workshop.summary.markdown import render_markdown
from workshop.tui.projector.render import shift_text
from workshop.views import facilitator_view, phone_view

TODAY = date(2026, 11, 30)
TOKENS = ("t1", "t2", "t3", "t4")
LOST = "de eerste ronde ging verloren"
TOO_FEW = "te weinig stemmen"


@pytest.fixture
def library(engine_paths: list[Path]) -> Library:
    return load_checked(engine_paths)


def first_round_closed(library: Library) -> Session:
    """The revote card (item 2) with its first round closed: four phones chose A."""
    session = Session("s", library.programme("motorproef"), library, TODAY)
    session.start()
    for token in TOKENS:
        session.join(token)
    session.next_item()
    session.open_voting()
    round_id = session.rounds[-1].id
    for token in TOKENS:
        session.cast_vote(token, round_id, "A")
    session.close_voting()
    return session


def revote(session: Session, answer: str) -> Session:
    session.revote()
    round_id = session.rounds[-1].id
    for token in TOKENS:
        session.cast_vote(token, round_id, answer)
    session.close_voting()
    return session


def after_a_stop(session: Session, library: Library) -> Session:
    """What `--hervat` makes of the stored record (the phones come back with their tokens)."""
    resumed, _ = restore(to_record(session), session.programme, library)
    for token in TOKENS:
        resumed.join(token, returning=True)
    return resumed


def test_a_shift_after_a_stop_says_the_first_round_was_lost(library: Library) -> None:
    session = revote(after_a_stop(first_round_closed(library), library), "B")
    shift = session.rounds[-1].shift
    assert shift is not None and shift.lost
    record = to_record(session)
    assert record["rounds"][-1]["shift"] == {"withheld": True, "lost": True}

    # ...and it stays the reason after yet another stop.
    again, _ = restore(record, session.programme, library)
    assert again.rounds[-1].shift == shift

    view = facilitator_view(session)["shift"]
    assert view == {"withheld": True, "lost": True}
    assert LOST in shift_text(view).plain

    summary = build_summary(record, library)
    for text in (render_markdown(summary), render_html(summary), render_record(record)):
        assert LOST in text
        assert "verschuiving: " + TOO_FEW not in text


def test_without_a_stop_the_shift_is_counted(library: Library) -> None:
    """The control: the same evening without a stop compares the two rounds."""
    session = revote(first_round_closed(library), "B")
    shift = session.rounds[-1].shift
    assert shift is not None and not shift.lost
    assert (shift.compared, shift.changed) == (4, 4)
    assert LOST not in shift_text(facilitator_view(session)["shift"]).plain


def test_too_few_votes_still_says_too_few(library: Library) -> None:
    """Fewer than k in both rounds is a different reason, and keeps its own words."""
    session = Session("s", library.programme("motorproef"), library, TODAY)
    session.start()
    session.join("t1")
    session.next_item()
    session.open_voting()
    session.cast_vote("t1", session.rounds[-1].id, "A")
    session.close_voting()
    session.revote()
    session.cast_vote("t1", session.rounds[-1].id, "B")
    session.close_voting()
    text = shift_text(facilitator_view(session)["shift"]).plain
    assert TOO_FEW in text and LOST not in text


def test_phones_see_that_the_round_they_voted_in_was_reopened(library: Library) -> None:
    session = first_round_closed(library)
    session.revote()  # the second round is open when the program stops
    session.cast_vote("t1", session.rounds[-1].id, "B")
    assert phone_view(session)["round"]["reopened"] is False

    resumed = after_a_stop(session, library)
    view = phone_view(resumed)["round"]
    assert view["phase"] == "open" and view["reopened"] is True
    assert resumed.rounds[-1].answers == {}
    # The first round's answers went with the stop: this revote cannot be compared either.
    revoted = resumed.rounds[-1]
    for token in TOKENS:
        resumed.cast_vote(token, revoted.id, "B")
    resumed.close_voting()
    assert revoted.shift is not None and revoted.shift.lost
