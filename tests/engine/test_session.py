"""The session engine: every command, every domain error, anonymity and the revote shift."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from workshop.decks import Library, load_checked
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.events import (
    AgendaChanged,
    ItemChanged,
    NoteSaved,
    ParticipantsChanged,
    PhaseChanged,
    RoundReopened,
    TextSubmitted,
    VoteCounted,
)
from workshop.engine.record import restore, to_record
from workshop.engine.session import Phase, Session, add_months
from workshop.session.controller import Controller

TODAY = date(2026, 11, 30)
DILEMMA, SCALE, OPEN, CLOSING = 1, 2, 3, 4


@pytest.fixture
def library(engine_paths: list[Path]) -> Library:
    return load_checked(engine_paths)


@pytest.fixture
def session(library: Library) -> Session:
    session = Session("s1", library.programme("motorproef"), library, TODAY, names=["Jan Jansen"])
    session.start()
    return session


def joined(session: Session, count: int) -> list[str]:
    tokens = [f"token-{n:04d}" for n in range(count)]
    for token in tokens:
        session.join(token)
    return tokens


def at_open_round(session: Session, item: int) -> int:
    session.go_to(item)
    session.open_voting()
    round_ = session.current_round
    assert round_ is not None
    return round_.id


def test_start_enters_first_item_and_keeps_until_retention(session: Session) -> None:
    assert session.item_index == 0
    assert session.current_round is None
    assert session.keep_until == date(2027, 11, 30)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_entering_a_card_item_shows_a_round(session: Session) -> None:
    events = session.next_item()
    assert events[0] == ItemChanged(DILEMMA)
    assert isinstance(events[1], PhaseChanged) and events[1].phase == "shown"
    assert session.current_round is not None and session.current_round.attempt == 1


def test_phases_in_order(session: Session) -> None:
    tokens = joined(session, 3)
    round_id = at_open_round(session, DILEMMA)
    for token, answer in zip(tokens, "ABA", strict=True):
        session.cast_vote(token, round_id, answer)
    assert session.close_voting() == [PhaseChanged(round_id, "closed")]
    assert session.reveal() == [PhaseChanged(round_id, "revealed")]
    result = session.visible_result(session.rounds[-1])
    assert result is not None and result.counts == (("A", 2), ("B", 1), ("C", 0))
    assert result.percentages() == (("A", 67), ("B", 33), ("C", 0))


def test_vote_may_change_while_open_and_counts_once(session: Session) -> None:
    (token,) = joined(session, 1)
    round_id = at_open_round(session, DILEMMA)
    assert session.cast_vote(token, round_id, "A") == [
        VoteCounted(round_id, 1),
        ParticipantsChanged(joined=1, connected=1),  # the first vote makes a participant
    ]
    assert session.cast_vote(token, round_id, "C") == [VoteCounted(round_id, 1)]
    assert session.rounds[-1].answers == {token: "C"}


def test_blind_round_shows_nothing_before_reveal(session: Session) -> None:
    tokens = joined(session, 4)
    round_id = at_open_round(session, DILEMMA)
    for token in tokens:
        session.cast_vote(token, round_id, "A")
    assert session.visible_result(session.rounds[-1]) is None
    session.close_voting()
    assert session.visible_result(session.rounds[-1]) is None


def test_fewer_than_k_votes_are_withheld_everywhere(session: Session) -> None:
    tokens = joined(session, 2)
    round_id = at_open_round(session, DILEMMA)
    for token in tokens:
        session.cast_vote(token, round_id, "B")
    session.close_voting()
    session.reveal()
    result = session.visible_result(session.rounds[-1])
    assert result is not None and result.suppressed and result.total is None
    assert to_record(session)["rounds"][-1]["result"] == {"withheld": True}


def test_scale_has_distribution_and_median(session: Session) -> None:
    tokens = joined(session, 4)
    round_id = at_open_round(session, SCALE)
    for token, value in zip(tokens, [1, 2, 4, 5], strict=True):
        session.cast_vote(token, round_id, value)
    session.close_voting()
    result = session.rounds[-1].result
    assert result is not None
    assert result.counts == (("1", 1), ("2", 1), ("3", 0), ("4", 1), ("5", 1))
    assert result.median == 3.0


def test_revote_shift_counts_moves_and_drops_the_maps(session: Session) -> None:
    tokens = joined(session, 5)
    first = at_open_round(session, DILEMMA)
    for token, answer in zip(tokens, "AABBC", strict=True):
        session.cast_vote(token, first, answer)
    session.close_voting()
    assert session.rounds[-1].answers, "kept until the revote closes"
    session.reveal()
    (event,) = session.revote()
    assert isinstance(event, PhaseChanged) and event.phase == "open"
    second = session.rounds[-1]
    assert second.attempt == 2
    for token, answer in zip(tokens, "ACCCC", strict=True):
        session.cast_vote(token, second.id, answer)
    session.close_voting()
    shift = second.shift
    assert shift is not None
    assert (shift.compared, shift.changed) == (5, 3)
    assert shift.moves == (("B", "C", 2), ("A", "C", 1))
    assert all(not r.answers for r in session.rounds), "token maps are dropped"


def test_shift_below_k_is_withheld(session: Session) -> None:
    tokens = joined(session, 4)
    first = at_open_round(session, DILEMMA)
    for token in tokens:
        session.cast_vote(token, first, "A")
    session.close_voting()
    session.revote()
    for token in tokens[:2]:
        session.cast_vote(token, session.rounds[-1].id, "B")
    session.close_voting()
    assert session.rounds[-1].shift is not None and session.rounds[-1].shift.suppressed


def test_round_without_revote_drops_its_map_at_close(session: Session) -> None:
    tokens = joined(session, 3)
    round_id = at_open_round(session, SCALE)
    for token in tokens:
        session.cast_vote(token, round_id, 3)
    session.close_voting()
    assert session.rounds[-1].answers == {}


def test_leaving_an_open_item_closes_its_round(session: Session) -> None:
    joined(session, 1)
    at_open_round(session, SCALE)
    session.next_item()
    assert session.rounds_of(SCALE)[0].phase is Phase.CLOSED


def test_going_back_shows_the_earlier_round(session: Session) -> None:
    at_open_round(session, DILEMMA)
    session.close_voting()
    session.next_item()
    session.previous_item()
    assert session.current_round is session.rounds_of(DILEMMA)[0]
    assert len(session.rounds_of(DILEMMA)) == 1


def test_open_text_is_scrubbed_and_moderated(session: Session) -> None:
    tokens = joined(session, 2)
    round_id = at_open_round(session, OPEN)
    event, *_ = session.submit_text(tokens[0], round_id, "Mail Jan Jansen via jan@example.nl")
    assert isinstance(event, TextSubmitted) and event.pending == 1
    session.submit_text(tokens[1], round_id, "Geen cadeaus boven de vijftig euro")
    pending = session.pending_texts()
    assert pending[0][1].text == "Mail [naam] via [e-mailadres]"
    session.moderate(pending[0][1].id, approve=False)
    session.moderate(pending[1][1].id, approve=True)
    assert session.rounds[-1].approved_texts == ["Geen cadeaus boven de vijftig euro"]
    session.close_voting()
    assert to_record(session)["rounds"][-1]["texts"] == ["Geen cadeaus boven de vijftig euro"]
    assert "Mail" not in json.dumps(to_record(session))


def test_a_new_text_replaces_the_pending_one(session: Session) -> None:
    (token,) = joined(session, 1)
    round_id = at_open_round(session, OPEN)
    session.submit_text(token, round_id, "eerste")
    session.submit_text(token, round_id, "tweede")
    assert [text.text for _, text in session.pending_texts()] == ["tweede"]


def test_notes_and_agenda_are_scrubbed(session: Session) -> None:
    (event,) = session.save_note("Bel Jan Jansen op 06-12345678")
    assert isinstance(event, NoteSaved)
    assert session.notes[0] == ["Bel [naam] op [telefoonnummer]"]
    assert {removal.kind for removal in event.removed} == {"naam", "telefoon"}
    (agenda_event,) = session.add_agenda("Giftenregister  bijhouden")
    assert agenda_event == AgendaChanged()
    assert session.agenda == ["Giftenregister bijhouden"]
    session.remove_agenda(0)
    assert session.agenda == []


def test_participants_count_from_their_first_vote_not_from_joining(session: Session) -> None:
    session.join("a")
    session.join("a")  # a second tab of the same phone
    (event,) = session.join("b")
    assert event == ParticipantsChanged(joined=0, connected=2)
    round_id = at_open_round(session, DILEMMA)
    session.cast_vote("a", round_id, "A")
    assert session.participant_count == 1
    session.leave("a")
    assert session.leave("a") == [ParticipantsChanged(joined=1, connected=1)]
    session.leave("b")  # joined and left without a word: never a participant
    assert session.participants == {"a"} and session.connected == {}
    assert to_record(session)["participants"] == 1


def test_a_join_and_leave_flood_leaves_nothing_behind(session: Session) -> None:
    for number in range(4000):
        session.join(f"t{number}")
        session.leave(f"t{number}")
    assert session.participant_count == 0 and session.connected == {}
    assert session.participants == set()


def test_locked_joining_still_lets_known_phones_back(session: Session) -> None:
    session.join("known")
    session.cast_vote("known", at_open_round(session, DILEMMA), "A")
    session.set_locked(True)
    session.leave("known")
    session.join("known")
    session.join("issued before", returning=True)  # a token the hub verified
    with pytest.raises(DomainError) as error:
        session.join("new")
    assert error.value.code is ErrorCode.JOINING_LOCKED
    session.set_locked(False)
    session.join("new")


Step = Callable[[Session], object]


def _voting_open(session: Session) -> int:
    joined(session, 1)
    return at_open_round(session, DILEMMA)


ERROR_CASES: list[tuple[str, Step, ErrorCode]] = [
    (
        "vote from unknown participant",
        lambda s: s.cast_vote("nobody", _voting_open(s), "A"),
        ErrorCode.UNKNOWN_PARTICIPANT,
    ),
    (
        "vote for another round",
        lambda s: s.cast_vote("token-0000", _voting_open(s) + 5, "A"),
        ErrorCode.WRONG_ROUND,
    ),
    (
        "vote in a closed round",
        lambda s: (_voting_open(s), s.close_voting(), s.cast_vote("token-0000", 1, "A")),
        ErrorCode.ROUND_NOT_OPEN,
    ),
    (
        "vote before opening",
        lambda s: (joined(s, 1), s.go_to(DILEMMA), s.cast_vote("token-0000", 1, "A")),
        ErrorCode.ROUND_NOT_OPEN,
    ),
    (
        "unknown option",
        lambda s: s.cast_vote("token-0000", _voting_open(s), "E"),
        ErrorCode.UNKNOWN_OPTION,
    ),
    (
        "number for a choice",
        lambda s: s.cast_vote("token-0000", _voting_open(s), 1),
        ErrorCode.WRONG_ANSWER_TYPE,
    ),
    (
        "scale out of range",
        lambda s: (joined(s, 1), s.cast_vote("token-0000", at_open_round(s, SCALE), 6)),
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "boolean on a scale",
        lambda s: (joined(s, 1), s.cast_vote("token-0000", at_open_round(s, SCALE), True)),
        ErrorCode.WRONG_ANSWER_TYPE,
    ),
    (
        "text on a choice question",
        lambda s: s.submit_text("token-0000", _voting_open(s), "x"),
        ErrorCode.WRONG_ANSWER_TYPE,
    ),
    (
        "vote on an open question",
        lambda s: (joined(s, 1), s.cast_vote("token-0000", at_open_round(s, OPEN), "A")),
        ErrorCode.WRONG_ANSWER_TYPE,
    ),
    (
        "empty text",
        lambda s: (joined(s, 1), s.submit_text("token-0000", at_open_round(s, OPEN), "  ")),
        ErrorCode.TEXT_EMPTY,
    ),
    (
        "text too long",
        lambda s: (joined(s, 1), s.submit_text("token-0000", at_open_round(s, OPEN), "x" * 281)),
        ErrorCode.TEXT_TOO_LONG,
    ),
    ("moderate unknown text", lambda s: s.moderate(99, approve=True), ErrorCode.UNKNOWN_TEXT),
    ("open voting on a free item", lambda s: s.open_voting(), ErrorCode.NO_QUESTION),
    ("open twice", lambda s: (_voting_open(s), s.open_voting()), ErrorCode.WRONG_PHASE),
    ("reveal while open", lambda s: (_voting_open(s), s.reveal()), ErrorCode.WRONG_PHASE),
    ("close before open", lambda s: (s.go_to(DILEMMA), s.close_voting()), ErrorCode.WRONG_PHASE),
    (
        "revote without revote setting",
        lambda s: (at_open_round(s, SCALE), s.close_voting(), s.revote()),
        ErrorCode.NO_REVOTE,
    ),
    (
        "second revote",
        lambda s: (_voting_open(s), s.close_voting(), s.revote(), s.close_voting(), s.revote()),
        ErrorCode.NO_REVOTE,
    ),
    ("go to a missing item", lambda s: s.go_to(5), ErrorCode.NO_SUCH_ITEM),
    ("previous before the first", lambda s: s.previous_item(), ErrorCode.NO_SUCH_ITEM),
    ("note on a missing item", lambda s: s.save_note("x", item_index=9), ErrorCode.NO_SUCH_ITEM),
    ("empty agenda item", lambda s: s.add_agenda(" "), ErrorCode.TEXT_EMPTY),
    ("remove missing agenda item", lambda s: s.remove_agenda(0), ErrorCode.UNKNOWN_AGENDA_ITEM),
    ("join after the end", lambda s: (s.end(), s.join("x")), ErrorCode.SESSION_ENDED),
    ("next after the end", lambda s: (s.end(), s.next_item()), ErrorCode.SESSION_ENDED),
]


@pytest.mark.parametrize(
    ("step", "code"), [case[1:] for case in ERROR_CASES], ids=[case[0] for case in ERROR_CASES]
)
def test_domain_errors(session: Session, step: Step, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as error:
        step(session)
    assert error.value.code is code
    assert error.value.message  # every code has a message in the catalogue


def test_controller_refuses_unknown_commands_and_arguments(library: Library) -> None:
    controller, _ = Controller.new("motorproef", library, TODAY)
    with pytest.raises(DomainError) as unknown:
        controller.run("delete_everything")
    assert unknown.value.code is ErrorCode.UNKNOWN_COMMAND
    with pytest.raises(DomainError) as bad:
        controller.run("go_to", place=3)
    assert bad.value.code is ErrorCode.BAD_ARGUMENTS


def test_record_holds_counts_never_tokens(session: Session) -> None:
    tokens = joined(session, 3)
    round_id = at_open_round(session, DILEMMA)
    for token in tokens:
        session.cast_vote(token, round_id, "A")
    text = json.dumps(to_record(session))  # while the round is still open
    assert not any(token in text for token in tokens)
    assert "Jan Jansen" not in text
    record = to_record(session)
    assert record["participants"] == 3
    assert record["rounds"][0]["phase"] == "open" and "result" not in record["rounds"][0]


def test_restore_reopens_an_open_round_empty(session: Session, library: Library) -> None:
    tokens = joined(session, 3)
    first = at_open_round(session, DILEMMA)
    for token in tokens:
        session.cast_vote(token, first, "A")
    session.close_voting()
    session.save_note("Goed gesprek")
    session.add_agenda("Giftenregister")
    at_open_round(session, SCALE)
    session.cast_vote(tokens[0], session.rounds[-1].id, 4)
    record = json.loads(json.dumps(to_record(session)))
    restored, events = restore(record, library.programme("motorproef"), library)
    assert events == [RoundReopened(session.rounds[-1].id)]
    assert restored.current_round is not None
    assert restored.current_round.phase is Phase.OPEN and restored.current_round.answers == {}
    assert restored.rounds[0].result == session.rounds[0].result
    assert restored.notes == {DILEMMA: ["Goed gesprek"]} and restored.agenda == ["Giftenregister"]
    assert restored.participant_count == 3
    assert to_record(restored)["rounds"][0] == record["rounds"][0]
