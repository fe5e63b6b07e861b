"""What phones see across the evening: a welcome before the programme starts, an open
question's approved texts once revealed, the agreed agenda once the session has ended — and
never a pending or rejected text, serialised as the hub sends it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from workshop.decks import load_checked
from workshop.engine.session import Session
from workshop.views import phone_view

TODAY = date(2026, 11, 30)
OPEN = 3
TOKENS = [f"phone-token-{n}" for n in range(4)]
APPROVED = "Geen cadeaus van aannemers"
REJECTED = "Iets wat de zaal nooit mag zien"
PENDING = "Nog niet gekeurd: bel de wethouder"
AGENDA = "Nevenfuncties staan voor 1 maart op de website"


def session_from(paths: list[Path]) -> Session:
    library = load_checked(paths)
    session = Session("s1", library.programme("motorproef"), library, TODAY)
    for token in TOKENS:
        session.join(token)
    return session


def sent(session: Session) -> str:
    return json.dumps(phone_view(session), ensure_ascii=False)


def answer_open_question(session: Session) -> None:
    session.go_to(OPEN)
    session.open_voting()
    round_id = session.current_round.id  # type: ignore[union-attr]
    for token, text in zip(TOKENS, [APPROVED, REJECTED, PENDING], strict=False):
        session.submit_text(token, round_id, text)
    first, second, _ = (text.id for _, text in session.pending_texts())
    session.moderate(first, approve=True)
    session.moderate(second, approve=False)


def started(session: Session) -> bool:
    return bool(phone_view(session)["session"]["started"])


def test_started_once_the_trainer_leaves_the_lobby(engine_paths: list[Path]) -> None:
    session = session_from(engine_paths)
    assert not started(session)
    session.start()  # the session exists; the trainer is still in the lobby
    assert not started(session)
    session.show_lobby(False)
    assert started(session)
    session.go_to(1)
    session.show_lobby(True)  # the QR code again, for latecomers
    assert started(session)


def test_started_once_the_trainer_moves_on_without_the_lobby(engine_paths: list[Path]) -> None:
    """A session driven without the console (`workshop hub`) begins with its first command."""
    session = session_from(engine_paths)
    session.start()
    session.go_to(1)
    assert started(session)
    session.go_to(0)
    session.go_to(1)
    session.open_voting()
    session.go_to(0)
    assert started(session)  # a vote has opened: the evening is under way


def test_approved_texts_reach_phones_only_once_revealed(engine_paths: list[Path]) -> None:
    session = session_from(engine_paths)
    session.start()
    answer_open_question(session)
    assert "texts" not in phone_view(session) and APPROVED not in sent(session)  # open
    session.close_voting()
    assert "texts" not in phone_view(session) and APPROVED not in sent(session)  # closed
    session.reveal()
    assert phone_view(session)["texts"] == [APPROVED]
    for private in (REJECTED, PENDING, *TOKENS):
        assert private not in sent(session), private


def test_no_texts_when_the_programme_keeps_results_off_phones(
    engine_paths: list[Path],
) -> None:
    programme = engine_paths[-1]
    text = programme.read_text(encoding="utf-8").replace(
        'kaart = "open/idee"', 'kaart = "open/idee"\nuitslag_op_telefoon = false'
    )
    programme.write_text(text, encoding="utf-8")
    session = session_from(engine_paths)
    session.start()
    answer_open_question(session)
    session.close_voting()
    session.reveal()
    assert "texts" not in phone_view(session) and APPROVED not in sent(session)


@pytest.mark.parametrize("agreed", [[AGENDA, "Een vertrouwenspersoon per fractie"], []])
def test_agenda_reaches_phones_only_once_ended(engine_paths: list[Path], agreed: list[str]) -> None:
    session = session_from(engine_paths)
    session.start()
    for entry in agreed:
        session.add_agenda(entry)
    assert "agenda" not in phone_view(session)
    assert all(entry not in sent(session) for entry in agreed)
    session.end()
    view = phone_view(session)
    assert view["session"]["ended"] is True
    assert view.get("agenda", []) == agreed
