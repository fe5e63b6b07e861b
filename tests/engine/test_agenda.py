"""The integriteitsagenda item (`soort = "agenda"`): seeded by the lowest-scored vuistregels,
proposals moderated, a top 3 of the approved points, a ranked result with k per point, and
wie/wat/wanneer per chosen point — in the engine, the record, the views and the report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteFile
from workshop.decks import Library, load_checked
from workshop.decks.library import builtin_paths
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.record import restore, to_record
from workshop.engine.session import Phase, Session
from workshop.summary import build_summary, render_markdown
from workshop.summary.compare import agenda_history, render_agenda_history
from workshop.summary.data import render_csv, render_json
from workshop.summary.html import render_html
from workshop.views.phone import phone_view
from workshop.views.projector import projector_view

PROGRAMME = """
titel = "Agendaproef"
doelgroep = "Tests"
duur_minuten = 40

[[onderdeel]]
kaart = "vuistregels/krantentest"
vraag = 2
minuten = 5

[[onderdeel]]
kaart = "vuistregels/bij-twijfel-melden"
vraag = 2
minuten = 5

[[onderdeel]]
kaart = "vuistregels/nooit-buiten-dienst"
vraag = 2
minuten = 5

[[onderdeel]]
soort = "agenda"
titel = "Onze integriteitsagenda"
max_keuzes = 3
minuten = 15
"""

PHONES = [f"telefoon-{n}-token" for n in range(5)]
NEWSPAPER = "Doe niets wat je niet op de voorpagina van de lokale krant wilt lezen."
DOUBT = (
    "Twijfel je, bespreek het dan vooraf met de griffier, je fractievoorzitter of een "
    "vertrouwenspersoon."
)


@pytest.fixture
def library(write: WriteFile) -> Library:
    return load_checked([*builtin_paths(), write("sessies/agendaproef.toml", PROGRAMME)])


def score(session: Session, item: int, answers: list[int]) -> None:
    """The room answers "Hoe goed hebben wij dit geregeld?" on a vuistregel item."""
    session.go_to(item)
    session.open_voting()
    assert session.current_round is not None
    for token, answer in zip(PHONES, answers, strict=False):
        session.cast_vote(token, session.current_round.id, answer)
    session.close_voting()
    session.reveal()


def evening(library: Library, names: tuple[str, ...] = ()) -> Session:
    """Three rules scored (two low, one high), then the agenda item with its proposals
    approved (one rejected) and the top-3 vote opened."""
    session = Session("s1", library.programme("agendaproef"), library, date(2026, 11, 30), names)
    session.start()
    for token in PHONES:
        session.join(token)
    score(session, 0, [2, 2, 1, 2, 3])  # median 2: low
    score(session, 1, [1, 1, 2, 1, 1])  # median 1: lowest
    score(session, 2, [5, 4, 5, 4, 5])  # median 5: well arranged, no seed
    session.go_to(3)
    session.open_voting()
    round_id = session.current_round.id if session.current_round else 0
    proposals = [
        "Een vast moment om nevenfuncties te bespreken",
        "Giftenregister bij de griffie",
        "Mail jan@example.nl voor het register",
        "Iets geheims dat de trainer afwijst",
    ]
    for token, text in zip(PHONES, proposals, strict=False):
        session.submit_text(token, round_id, text)
    session.close_voting()
    for _, pending in session.pending_texts():
        session.moderate(pending.id, approve="afwijst" not in pending.text)
    session.reveal()
    session.start_agenda_vote()
    return session


def choose(session: Session, picks: list[list[str]]) -> None:
    assert session.current_round is not None
    for token, keys in zip(PHONES, picks, strict=False):
        session.cast_vote(token, session.current_round.id, keys)


def test_lowest_scored_rules_seed_the_points(library: Library) -> None:
    session = evening(library)
    plan = session.agenda_plans[3]
    assert plan.seeds == [DOUBT, NEWSPAPER]  # lowest first; the rule scored 5 is not offered
    question = session.question
    assert question is not None and question.kind.value == "meerkeuze"
    texts = [option.text for option in question.options]  # type: ignore[union-attr]
    assert texts == [
        DOUBT,
        NEWSPAPER,
        "Een vast moment om nevenfuncties te bespreken",
        "Giftenregister bij de griffie",
        "Mail [e-mailadres] voor het register",
    ]
    assert "Iets geheims dat de trainer afwijst" not in json.dumps(to_record(session))


def test_the_vote_needs_closed_proposals_and_two_points(library: Library) -> None:
    session = Session("s2", library.programme("agendaproef"), library, date(2026, 11, 30))
    session.start()
    session.go_to(3)
    with pytest.raises(DomainError) as caught:
        session.start_agenda_vote()  # proposals not even opened
    assert caught.value.code is ErrorCode.AGENDA_NOT_READY
    session.open_voting()
    session.close_voting()
    with pytest.raises(DomainError) as caught:
        session.start_agenda_vote()  # closed, but no seeds and no approved proposals
    assert caught.value.code is ErrorCode.AGENDA_NOT_READY
    session.go_to(0)
    with pytest.raises(DomainError) as caught:
        session.start_agenda_vote()
    assert caught.value.code is ErrorCode.NOT_AGENDA


def test_ranked_result_with_k_per_point_and_actions(library: Library) -> None:
    session = evening(library, names=("Jan de Vries",))
    choose(session, [["A", "C"], ["A", "C", "D"], ["A", "C"], ["A", "B"], ["C"]])
    session.close_voting()
    session.reveal()
    session.set_agenda_action(2, "fractievoorzitter", "agendeert het in de fractie", "april")
    session.set_agenda_action(0, "bestuur", "vraagt Jan de Vries om een opzet", "voor de zomer")
    view = projector_view(session, 0.0)["agenda_vote"]
    ranked = [(row["point"], row["votes"]) for row in view["ranked"]]
    # A 4, C 4 shown; B and D chosen once each (below k = 3): ranked without a number.
    assert ranked == [
        (DOUBT, 4),
        ("Een vast moment om nevenfuncties te bespreken", 4),
        (NEWSPAPER, None),
        ("Giftenregister bij de griffie", None),
        ("Mail [e-mailadres] voor het register", 0),
    ]
    assert view["ranked"][0]["wat"] == "vraagt [naam] om een opzet"
    assert view["ranked"][1]["wie"] == "fractievoorzitter"
    phone = phone_view(session)
    assert phone["results"]["counts"] == [["A", 4], ["C", 4], ["B", None], ["D", None], ["E", 0]]
    record = json.dumps(to_record(session))
    assert '"B": 1' not in record and '"D": 1' not in record and "Jan" not in record


def test_record_round_trip_and_the_report_table(library: Library, tmp_path: Path) -> None:
    session = evening(library)
    choose(session, [["A", "C"], ["A", "C", "D"], ["A", "C"], ["A", "B"], ["C"]])
    session.close_voting()
    session.reveal()
    session.set_agenda_action(2, "fractievoorzitter", "agendeert het", "april")
    session.end()
    record: dict[str, Any] = json.loads(json.dumps(to_record(session)))
    resumed, _ = restore(record, library.programme("agendaproef"), library)
    assert resumed.agenda_plans == session.agenda_plans
    summary = build_summary(record, library)
    (vote,) = summary.agenda_votes
    assert [(r.rank, r.point, r.votes, r.wie) for r in vote.rows][:3] == [
        (1, DOUBT, 4, ""),
        (2, "Een vast moment om nevenfuncties te bespreken", 4, "fractievoorzitter"),
        (3, NEWSPAPER, None, ""),
    ]
    markdown = render_markdown(summary)
    assert (
        "| 2 | Een vast moment om nevenfuncties te bespreken | 4 | fractievoorzitter | "
        "agendeert het | april |" in markdown
    )
    assert f"| 3 | {NEWSPAPER} | een paar keer gekozen" in markdown
    html = render_html(summary)
    assert "<table class='agenda-table'>" in html and "<td>fractievoorzitter</td>" in html
    csv_text = render_csv(summary)
    assert "Een vast moment om nevenfuncties te bespreken,4,5,80,0,fractievoorzitter" in csv_text
    data = json.loads(render_json(summary))
    assert data["agenda_votes"][0]["rows"][2]["votes"] is None


def test_an_earlier_evenings_points_come_back(library: Library) -> None:
    session = evening(library)
    choose(session, [["A", "C"], ["A", "C"], ["A", "C"], ["B"], ["C"]])
    session.close_voting()
    session.end()
    first = build_summary(to_record(session), library)
    later = json.loads(json.dumps(to_record(session)))
    later["id"], later["day"] = "20261214-def456", "2026-12-14"
    later["agenda_items"]["3"]["points"][2] = "Iets nieuws"
    later["agenda"] = ["een vast moment om nevenfuncties  te bespreken"]
    second = build_summary(later, library)
    history = {h.point: h.present for h in agenda_history([first, second])}
    assert history["Een vast moment om nevenfuncties te bespreken"] == (True, True)
    assert history["Iets nieuws"] == (False, True)
    table = render_agenda_history([first, second])
    assert "| Een vast moment om nevenfuncties te bespreken | ✓ | ✓ | ja |" in table
    assert "| Iets nieuws | — | ✓ | nee |" in table


def test_actions_are_checked(library: Library) -> None:
    session = evening(library)
    with pytest.raises(DomainError) as caught:
        session.set_agenda_action(9, "bestuur", "x", "y")
    assert caught.value.code is ErrorCode.UNKNOWN_AGENDA_POINT
    with pytest.raises(DomainError) as caught:
        session.set_agenda_action(0, "bestuur", "x" * 121, "y")
    assert caught.value.code is ErrorCode.TEXT_TOO_LONG
    session.set_agenda_action(0, "bestuur", "x", "y")
    session.set_agenda_action(0, "", " ", "")
    assert session.agenda_plans[3].actions == {}
    assert session.rounds[-1].phase is Phase.OPEN
