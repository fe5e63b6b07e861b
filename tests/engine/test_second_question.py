"""A programme item may ask a card's second question (`vraag = 2`): the engine, the record
and the report all use that question, not the card's first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import VALID_DECK, VALID_RULES, WriteFile
from workshop.decks import Library, ScaleQuestion, load_checked
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.record import to_record
from workshop.engine.session import Session
from workshop.summary import build_summary

TWO_QUESTIONS = (
    VALID_RULES
    + """
[[kaart.vraag]]
type = "schaal"
tekst = "Hoe goed hebben wij dit geregeld?"
min = 1
max = 3
label_min = "Niet"
label_max = "Goed"
"""
)

PROGRAMME = """
titel = "Tweede vraag"
doelgroep = "Tests"
duur_minuten = 30

[[onderdeel]]
kaart = "regels/krant"
blind = false
vraag = 2

[[onderdeel]]
kaart = "regels/krant"
"""


@pytest.fixture
def library(write: WriteFile) -> Library:
    return load_checked(
        [
            write("kaarten/proef.toml", VALID_DECK),
            write("kaarten/regels.toml", TWO_QUESTIONS),
            write("sessies/tweede.toml", PROGRAMME),
        ]
    )


def test_the_item_asks_the_second_question(library: Library, tmp_path: Path) -> None:
    session = Session("s1", library.programme("tweede"), library, date(2026, 11, 30))
    session.start()
    question = session.question
    assert isinstance(question, ScaleQuestion)
    assert (question.text, question.maximum) == ("Hoe goed hebben wij dit geregeld?", 3)
    for token in ("a", "b", "c"):
        session.join(token)
    session.open_voting()
    round_id = session.current_round.id  # type: ignore[union-attr]
    with pytest.raises(DomainError) as caught:
        session.cast_vote("a", round_id, 5)  # fine for the first question (1-5), not here
    assert caught.value.code is ErrorCode.OUT_OF_RANGE
    for token, answer in (("a", 1), ("b", 3), ("c", 3)):
        session.cast_vote(token, round_id, answer)
    live = session.visible_result(session.current_round)  # type: ignore[arg-type]
    assert live is not None and dict(live.counts or ()) == {"1": 1, "2": 0, "3": 2}
    session.close_voting()
    session.next_item()
    assert session.question is not None and session.question.text == "Hoe makkelijk is dit?"

    record = to_record(session)
    assert record["items"][0]["question"] == 2
    assert "question" not in record["items"][1]  # the first question: nothing extra stored
    summary = build_summary(record, library)
    first, second = summary.items
    assert first.question == "Hoe goed hebben wij dit geregeld?"
    assert first.options == (("1", "Niet"), ("2", ""), ("3", "Goed"))
    assert second.question == "Hoe makkelijk is dit?"
