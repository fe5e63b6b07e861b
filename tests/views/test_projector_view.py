"""The projector view, table-driven and without I/O: what the room may see, and never more.

Every scenario drives a real `Session` to a state; the view is then serialised to JSON (what
the hub would send) and searched for every private string: pending texts, the trainer's note,
the names to scrub, the facilitator key, participant tokens, the trainer's card texts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from workshop.decks import Library, load_checked
from workshop.engine.session import Session
from workshop.views import facilitator_view, phone_view, projector_view

TODAY = date(2026, 11, 30)
WELCOME, DILEMMA, SCALE, OPEN, CLOSING = range(5)
NOW = 500.0
JOIN = {"url": "http://192.168.1.23:8765/j/K7HX4M", "code": "K7HX4M"}
FACILITATOR_KEY = "trainer-sleutel-geheim"
NAME = "Jan Jansen"
PENDING = "Nog niet goedgekeurd: bel de wethouder"
APPROVED = "Geen cadeaus van aannemers"
REJECTED = "Iets wat de zaal nooit mag zien"
NOTE = "Notitie: de fractievoorzitter keek weg"
TOKENS = [f"phone-token-{n:04d}" for n in range(6)]
# Trainer-only card text from tests/conftest.py's VALID_DECK: doorvragen, wat-als, achtergrond.
TRAINER_TEXTS = ["Wat wil de aannemer?", "Wat als het een bos bloemen is?", "Gemeentewet art. 14."]


@pytest.fixture
def library(engine_paths: list[Path]) -> Library:
    return load_checked(engine_paths)


def new_session(library: Library) -> Session:
    session = Session("s1", library.programme("motorproef"), library, TODAY, names=[NAME])
    session.start()
    for token in TOKENS:
        session.join(token)
    session.save_note(NOTE, item_index=DILEMMA)
    return session


def open_texts(session: Session) -> None:
    """On the open question: one text approved, one rejected, one still pending."""
    session.go_to(OPEN)
    session.open_voting()
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, text in zip(TOKENS, [APPROVED, REJECTED, PENDING], strict=False):
        session.submit_text(token, round_id, text)
    pending = [text.id for _, text in session.pending_texts()]
    session.moderate(pending[0], approve=True)
    session.moderate(pending[1], approve=False)


def dilemma_revealed(session: Session) -> None:
    session.go_to(DILEMMA)
    session.open_voting()
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, choice in zip(TOKENS, "AABBBC", strict=True):
        session.cast_vote(token, round_id, choice)
    session.close_voting()
    session.reveal()


def revote_revealed(session: Session) -> None:
    dilemma_revealed(session)
    session.revote()
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, choice in zip(TOKENS, "ACCBBC", strict=True):
        session.cast_vote(token, round_id, choice)
    session.close_voting()
    session.reveal()


def scale_with_two_votes(session: Session) -> None:
    session.go_to(SCALE)
    session.open_voting()
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, value in zip(TOKENS[:2], (2, 4), strict=True):
        session.cast_vote(token, round_id, value)
    session.close_voting()
    session.reveal()


def scale_revealed(session: Session) -> None:
    session.go_to(SCALE)
    session.open_voting()
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, value in zip(TOKENS, (1, 2, 2, 3, 5, 5), strict=True):
        session.cast_vote(token, round_id, value)
    session.close_voting()
    session.reveal()


def closing_with_agenda(session: Session) -> None:
    open_texts(session)
    session.go_to(CLOSING)
    session.add_agenda("Cadeauregister bijhouden")


def ended(session: Session) -> None:
    revote_revealed(session)
    closing_with_agenda(session)
    session.end()


def open_voting_timed(session: Session) -> None:
    session.go_to(DILEMMA)
    session.open_voting()
    session.adjust_timer(90, now=NOW - 10)
    session.start_timer(now=NOW - 10)
    session.cast_vote(TOKENS[0], session.current_round.id, "A")  # type: ignore[union-attr]


def lobby(session: Session) -> None:
    pass


def blackout(session: Session) -> None:
    open_texts(session)
    session.set_blackout(True)


SCENARIOS: dict[str, Callable[[Session], None]] = {
    "lobby": lobby,
    "open voting with timer": open_voting_timed,
    "open texts moderated": open_texts,
    "dilemma revealed": dilemma_revealed,
    "revote revealed": revote_revealed,
    "scale withheld": scale_with_two_votes,
    "scale revealed": scale_revealed,
    "closing with agenda": closing_with_agenda,
    "black screen": blackout,
    "ended": ended,
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=list(SCENARIOS))
def test_projector_view_never_holds_anything_private(library: Library, scenario: str) -> None:
    session = new_session(library)
    SCENARIOS[scenario](session)
    sent = json.dumps(projector_view(session, NOW, JOIN), ensure_ascii=False)
    private = [PENDING, REJECTED, NOTE, NAME, "Jansen", FACILITATOR_KEY, *TOKENS, *TRAINER_TEXTS]
    assert [secret for secret in private if secret in sent] == []
    assert "pending" not in sent and "notes" not in sent


def test_the_facilitator_view_does_hold_them(library: Library) -> None:
    """The check above can fail: the same search finds the private texts in the trainer's view."""
    session = new_session(library)
    open_texts(session)
    sent = json.dumps(facilitator_view(session, NOW), ensure_ascii=False)
    assert PENDING in sent and NOTE in sent


def test_lobby_shows_join_details_and_count(library: Library) -> None:
    view = projector_view(new_session(library), NOW, JOIN)
    assert view["lobby"] is True
    assert view["join"] == JOIN
    assert view["connected"] == len(TOKENS)
    assert view["session"]["title"] == "Motorproef"


def test_open_item_shows_question_live_count_and_running_timer(library: Library) -> None:
    session = new_session(library)
    session.show_lobby(False)
    open_voting_timed(session)
    view = projector_view(session, NOW, JOIN)
    assert view["lobby"] is False
    assert view["item"]["title"] == "Een proefkaart"
    assert view["round"]["phase"] == "open"
    assert [o["key"] for o in view["round"]["question"]["options"]] == ["A", "B", "C"]
    assert (view["voted"], view["connected"]) == (1, len(TOKENS))
    assert view["timer"] == {"seconds": 90, "left": 80, "running": True}
    assert view["results"] == []  # blind until revealed


def test_only_approved_texts_are_shown(library: Library) -> None:
    session = new_session(library)
    open_texts(session)
    assert projector_view(session, NOW)["texts"] == [APPROVED]


def test_revealed_choice_and_before_after_with_shift(library: Library) -> None:
    session = new_session(library)
    dilemma_revealed(session)
    view = projector_view(session, NOW)
    assert [r["attempt"] for r in view["results"]] == [1]
    assert view["results"][0]["result"]["counts"] == [["A", 2], ["B", 3], ["C", 1]]
    assert view["shift"] is None
    session.revote()
    during = projector_view(session, NOW)
    assert during["results"] == [] and during["round"]["attempt"] == 2
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, choice in zip(TOKENS, "ACCBBC", strict=True):
        session.cast_vote(token, round_id, choice)
    session.close_voting()
    assert projector_view(session, NOW)["results"] == []  # closed, not yet revealed
    session.reveal()
    after = projector_view(session, NOW)
    assert [r["attempt"] for r in after["results"]] == [1, 2]
    assert after["results"][1]["result"]["counts"] == [["A", 1], ["B", 2], ["C", 3]]
    assert after["shift"]["compared"] == 6 and after["shift"]["changed"] == 2
    assert sorted(map(tuple, after["shift"]["moves"])) == [("A", "C", 1), ("B", "C", 1)]


def test_scale_histogram_with_median_and_withheld(library: Library) -> None:
    session = new_session(library)
    scale_revealed(session)
    result = projector_view(session, NOW)["results"][0]["result"]
    assert result["median"] == 2.5
    assert dict(map(tuple, result["counts"])) == {"1": 1, "2": 2, "3": 1, "4": 0, "5": 2}
    few = new_session(library)
    scale_with_two_votes(few)
    assert projector_view(few, NOW)["results"][0]["result"] == {"withheld": True}


def test_agenda_only_on_the_closing_item_and_at_the_end(library: Library) -> None:
    session = new_session(library)
    session.add_agenda("Cadeauregister bijhouden")
    assert projector_view(session, NOW)["agenda"] is None
    session.go_to(CLOSING)
    assert projector_view(session, NOW)["agenda"] == ["Cadeauregister bijhouden"]


def test_closing_item_shows_the_rooms_approved_proposals(library: Library) -> None:
    session = new_session(library)
    closing_with_agenda(session)
    view = projector_view(session, NOW)
    assert view["proposals"] == [APPROVED]  # never the pending or the rejected one
    session.go_to(OPEN)
    assert projector_view(session, NOW)["proposals"] is None


def test_end_summary_holds_what_the_room_saw(library: Library) -> None:
    session = new_session(library)
    ended(session)
    view = projector_view(session, NOW)
    end = view["end"]
    assert view["lobby"] is False and view["timer"] is None
    assert (end["title"], end["day"], end["participants"]) == ("Motorproef", "2026-11-30", 6)
    assert "connected" in view
    assert [item["title"] for item in end["items"]] == ["Een proefkaart", "Een idee"]
    assert [r["attempt"] for r in end["items"][0]["results"]] == [1, 2]
    assert end["items"][0]["shift"]["changed"] == 2
    assert end["items"][1]["texts"] == [APPROVED]
    assert end["agenda"] == ["Cadeauregister bijhouden"]


def test_black_screen_is_carried_and_toggles(library: Library) -> None:
    session = new_session(library)
    assert session.set_blackout(True)
    assert projector_view(session, NOW)["blackout"] is True
    assert session.set_blackout(True) == []  # no change, nothing to send
    session.set_blackout(False)
    assert projector_view(session, NOW)["blackout"] is False


def test_phone_view_has_no_projector_only_fields(library: Library) -> None:
    """Phones keep their own view: no timer, lobby or blackout flags, no join key."""
    session = new_session(library)
    view = phone_view(session)
    assert not {"timer", "lobby", "blackout", "join", "texts", "agenda"} & set(view)


def test_room_timer_shows_before_and_during_the_vote_or_while_running(library: Library) -> None:
    session = new_session(library)
    session.go_to(DILEMMA)
    session.adjust_timer(60, now=NOW)
    assert projector_view(session, NOW)["timer"] == {"seconds": 60, "left": 60, "running": False}
    session.open_voting()
    session.start_timer(now=NOW)
    assert projector_view(session, NOW + 5)["timer"]["left"] == 55
    session.close_voting()
    session.stop_timer(now=NOW + 5)
    assert projector_view(session, NOW + 5)["timer"] is None  # stopped after the vote
    session.start_timer(now=NOW + 5)  # a timer for the discussion is shown while it runs
    assert projector_view(session, NOW + 6)["timer"]["running"] is True
