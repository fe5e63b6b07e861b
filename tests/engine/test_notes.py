"""Notes are a list per item (issue 13): adding never replaces an earlier note; changing and
deleting one are their own commands; every note is scrubbed, kept in the record (an old
record's single note string reads as one note), shown in every report, and never sent to a
phone or the room."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from workshop.decks import Library, load_checked
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.record import restore, to_record
from workshop.engine.session import Session
from workshop.summary.build import build_summary
from workshop.summary.data import render_json
from workshop.summary.html import render_html
from workshop.summary.markdown import render_markdown
from workshop.views import phone_view, projector_view

TODAY = date(2026, 11, 30)
FIRST = "Fractievoorzitter keek weg bij deze vraag"
SECOND = "Tweede gedachte: giftenregister noemen"
CHANGED = "Veranderd: de wethouder kwam later"


@pytest.fixture
def library(engine_paths: list[Path]) -> Library:
    return load_checked(engine_paths)


@pytest.fixture
def session(library: Library) -> Session:
    session = Session("s1", library.programme("motorproef"), library, TODAY, names=["Jan Jansen"])
    session.start()
    return session


def test_adding_never_replaces_an_earlier_note(session: Session) -> None:
    session.save_note(FIRST)
    session.save_note(SECOND)
    assert session.notes[0] == [FIRST, SECOND]
    session.save_note("   ")  # an empty note adds nothing and removes nothing
    assert session.notes[0] == [FIRST, SECOND]


def test_change_and_delete_are_their_own_commands(session: Session) -> None:
    session.save_note(FIRST)
    session.save_note(SECOND)
    session.edit_note(1, "Bel Jan Jansen op 06-12345678")
    assert session.notes[0] == ["Bel [naam] op [telefoonnummer]", SECOND]  # scrubbed too
    session.delete_note(2)
    assert session.notes[0] == ["Bel [naam] op [telefoonnummer]"]
    session.edit_note(1, "")  # changed to nothing: gone, and so is the item's entry
    assert 0 not in session.notes
    with pytest.raises(DomainError) as refused:
        session.delete_note(1)
    assert refused.value.code is ErrorCode.NO_SUCH_NOTE
    assert "Notitie 1 bestaat niet" in refused.value.message


def test_notes_round_trip_through_the_record(session: Session, library: Library) -> None:
    session.save_note(FIRST)
    session.save_note(SECOND)
    session.save_note("Op onderdeel drie", item_index=2)
    record = json.loads(json.dumps(to_record(session)))
    assert record["notes"] == {"0": [FIRST, SECOND], "2": ["Op onderdeel drie"]}
    restored, _ = restore(record, session.programme, library)
    assert restored.notes == {0: [FIRST, SECOND], 2: ["Op onderdeel drie"]}


def test_an_old_record_with_one_note_string_reads_as_one_note(
    session: Session, library: Library
) -> None:
    record = to_record(session)
    record["notes"] = {"1": "Een notitie van voor de lijsten"}
    restored, _ = restore(record, session.programme, library)
    assert restored.notes == {1: ["Een notitie van voor de lijsten"]}
    summary = build_summary(record, library)
    assert summary.items[1].notes == ("Een notitie van voor de lijsten",)


def test_every_note_is_in_every_report(session: Session, library: Library) -> None:
    session.save_note(FIRST)
    session.save_note(SECOND)
    summary = build_summary(to_record(session), library)
    for report in (render_markdown(summary), render_html(summary), render_json(summary)):
        assert FIRST in report and SECOND in report


def test_no_note_reaches_a_phone_or_the_room(session: Session) -> None:
    for token in ("t1", "t2", "t3"):
        session.join(token)
    session.save_note(FIRST)
    session.save_note(SECOND)
    session.edit_note(2, CHANGED)
    for index in range(len(session.items)):
        session.go_to(index)
        sent = json.dumps(
            [phone_view(session), projector_view(session, 0.0, {"url": "u", "code": "c"})],
            ensure_ascii=False,
        )
        assert FIRST not in sent and CHANGED not in sent and "notes" not in sent
    session.end()
    sent = json.dumps(
        [phone_view(session), projector_view(session, 0.0, {"url": "u", "code": "c"})],
        ensure_ascii=False,
    )
    assert FIRST not in sent and CHANGED not in sent
