"""`meerkeuze`: pick one up to `max_keuzes` options; counted per option, each count below k
withheld while the option keeps its place in the ranking."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import MULTI_DECK, VALID_DECK, VALID_RULES, WriteFile
from workshop import protocol
from workshop.decks import Library, MultiChoiceQuestion, load_checked, load_library
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.record import restore, to_record
from workshop.engine.results import ranking
from workshop.engine.session import Session
from workshop.engine.stored import read_record
from workshop.summary import build_summary
from workshop.views.parts import result_view

PROGRAMME = """
titel = "Top drie"
doelgroep = "Tests"
duur_minuten = 30

[privacy]
min_groep = 3

[[onderdeel]]
kaart = "top/punten"
"""

TOKENS = [f"tok-{n}" for n in range(8)]


@pytest.fixture
def library(write: WriteFile) -> Library:
    return load_checked(
        [
            write("kaarten/proef.toml", VALID_DECK),
            write("kaarten/regels.toml", VALID_RULES),
            write("kaarten/top.toml", MULTI_DECK),
            write("sessies/top.toml", PROGRAMME),
        ]
    )


def open_session(library: Library, phones: int = 6) -> Session:
    session = Session("s1", library.programme("top"), library, date(2026, 11, 30))
    session.start()
    for token in TOKENS[:phones]:
        session.join(token)
    session.open_voting()
    return session


def vote(session: Session, token: str, *keys: str) -> None:
    assert session.current_round is not None
    session.cast_vote(token, session.current_round.id, list(keys))


def test_the_loader_builds_the_question(library: Library) -> None:
    question = library.card("top/punten").questions[0]
    assert isinstance(question, MultiChoiceQuestion)
    assert question.max_choices == 3
    assert question.keys == ("A", "B", "C", "D", "E")


BAD_CASES = [
    ("", "vraag 1.max_keuzes", None),
    ("max_keuzes = 0\n", "vraag 1.max_keuzes", "1"),
    ("max_keuzes = 6\n", "vraag 1.max_keuzes", "5"),
    ('max_keuzes = "drie"\n', "vraag 1.max_keuzes", None),
    ("max_keuzes = 3\nmax_lengte = 9\n", "vraag 1.max_lengte", "meerkeuze"),
    ('max_keuzes = 3\nopties = [{ sleutel = "A", tekst = "Alleen" }]\n', "vraag 1.opties", "2"),
]


@pytest.mark.parametrize(("replacement", "field", "fragment"), BAD_CASES)
def test_a_bad_meerkeuze_question_is_refused_with_its_field(
    write: WriteFile, replacement: str, field: str, fragment: str | None
) -> None:
    deck = MULTI_DECK.replace("max_keuzes = 3\n", replacement)
    if "opties" in replacement:
        deck = MULTI_DECK[: MULTI_DECK.index("max_keuzes")] + replacement
    _, problems = load_library(
        [
            write("kaarten/proef.toml", VALID_DECK),
            write("kaarten/regels.toml", VALID_RULES),
            write("kaarten/top.toml", deck),
        ]
    )
    fields = [problem.field for problem in problems]
    assert field in fields, problems
    if fragment is not None:
        found = next(problem for problem in problems if problem.field == field)
        assert fragment in found.message


def test_at_most_max_keuzes_different_known_options(library: Library) -> None:
    session = open_session(library)
    round_id = session.current_round.id if session.current_round else 0
    refused = {
        ErrorCode.TOO_MANY_CHOICES: (["A", "B", "C", "D"], [], ["A", "A"]),
        ErrorCode.UNKNOWN_OPTION: (["A", "Z"],),
        ErrorCode.WRONG_ANSWER_TYPE: ("A", 1, [1, 2], None),
    }
    for code, answers in refused.items():
        for answer in answers:
            with pytest.raises(DomainError) as caught:
                session.cast_vote(TOKENS[0], round_id, answer)
            assert caught.value.code is code, answer
    assert session.current_round is not None and session.current_round.answers == {}


def test_a_new_pick_replaces_the_earlier_one(library: Library) -> None:
    session = open_session(library)
    vote(session, TOKENS[0], "C", "A")
    vote(session, TOKENS[0], "C", "D")  # A swapped for D
    assert session.current_round is not None
    assert session.current_round.answers == {TOKENS[0]: ("C", "D")}


def test_counts_per_option_ranked_and_small_counts_withheld(library: Library) -> None:
    session = open_session(library)
    for token in TOKENS[:4]:
        vote(session, token, "B", "C")
    vote(session, TOKENS[4], "B", "D")
    vote(session, TOKENS[5], "B", "E", "D")
    session.close_voting()
    result = session.current_round.result if session.current_round else None
    assert result is not None and result.total == 6
    # B 6, C 4 shown; D 2 and E 1 are below k=3: ranked, without a number; A 0 shown last.
    assert result.counts == (("B", 6), ("C", 4), ("A", 0))
    assert result.hidden == ("D", "E")
    assert ranking(result) == (("B", 6), ("C", 4), ("D", None), ("E", None), ("A", 0))
    view = result_view(result)
    assert view is not None and view["counts"] == [
        ["B", 6],
        ["C", 4],
        ["D", None],
        ["E", None],
        ["A", 0],
    ]
    stored = json.dumps(to_record(session))
    assert '"D": 2' not in stored and '"E": 1' not in stored
    assert to_record(session)["rounds"][0]["result"] == {
        "counts": {"B": 6, "C": 4, "A": 0},
        "total": 6,
        "hidden": ["D", "E"],
    }


def test_fewer_voters_than_k_withholds_everything(library: Library) -> None:
    session = open_session(library)
    vote(session, TOKENS[0], "A")
    vote(session, TOKENS[1], "A", "B")
    session.close_voting()
    assert session.current_round is not None and session.current_round.result is not None
    assert session.current_round.result.suppressed


def test_the_record_reads_back_and_the_report_ranks(library: Library, tmp_path: Path) -> None:
    session = open_session(library)
    for token in TOKENS[:3]:
        vote(session, token, "C", "E")
    vote(session, TOKENS[3], "A")
    session.close_voting()
    session.reveal()
    record = json.loads(json.dumps(to_record(session)))
    stored = read_record(record)
    assert stored.rounds[0].result == session.rounds[0].result
    resumed, _ = restore(record, library.programme("top"), library)
    assert resumed.rounds[0].result == session.rounds[0].result
    summary = build_summary(record, library)
    rows = summary.items[0].rounds[0].rows()
    assert rows == (("C", 3), ("E", 3), ("A", None), ("B", 0), ("D", 0))
    assert summary.items[0].question_type == "meerkeuze"


def test_the_protocol_carries_a_list_of_keys() -> None:
    message = protocol.parse('{"type":"vote","round":2,"choice":["A","C"]}')
    assert message == protocol.Vote(2, ("A", "C"))
    for bad in ('["A", 1]', '["' + "A" * 9 + '"]', "[" + ",".join(['"A"'] * 11) + "]"):
        with pytest.raises(protocol.ProtocolError):
            protocol.parse('{"type":"vote","round":2,"choice":' + bad + "}")
    assert json.loads(protocol.encode_ack(2, ("A", "C")))["choice"] == ["A", "C"]
