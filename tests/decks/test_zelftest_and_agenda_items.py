"""The zelftest deck and the agenda and zelftest programme items: what the loader accepts and
the clear errors it gives."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import VALID_DECK, VALID_RULES, WriteFile
from workshop.decks import load_checked, load_library
from workshop.decks.model import FreeItem, FreeItemKind
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.session import Session

ZELFTEST = """
id = "eigen-zelftest"
titel = "Zelftest"
soort = "zelftest"
taal = "nl"

[[kaart]]
id = "bijbaan"
titel = "Een bijbaan"
thema = "nevenfuncties"
lagen = ["gemeente"]
situatie = "Ik heb betaald werk naast de politiek."
reflecties = ["Meld het.", "Goed zo.", "Zoek het uit."]

[[kaart.vraag]]
type = "keuze"
tekst = "Klopt dit voor jou?"
opties = [
  { sleutel = "A", tekst = "Ja" },
  { sleutel = "B", tekst = "Nee" },
  { sleutel = "C", tekst = "Weet ik niet" },
]
"""

PROGRAMME = """
titel = "Eigen avond"
doelgroep = "Tests"
duur_minuten = 30

[[onderdeel]]
soort = "zelftest"
titel = "Zelftest"

[[onderdeel]]
soort = "agenda"
titel = "Agenda"
max_keuzes = 2
"""


def problems_with(write: WriteFile, deck: str = ZELFTEST, programme: str = PROGRAMME) -> list:
    _, problems = load_library(
        [
            write("kaarten/proef.toml", VALID_DECK),
            write("kaarten/regels.toml", VALID_RULES),
            write("kaarten/zelf.toml", deck),
            write("sessies/eigen.toml", programme),
        ]
    )
    return problems


def test_a_valid_zelftest_and_programme_load(write: WriteFile) -> None:
    assert problems_with(write) == []
    library = load_checked([write("kaarten/zelf.toml", ZELFTEST), write("s/eigen.toml", PROGRAMME)])
    card = library.card("eigen-zelftest/bijbaan")
    assert card.reflections == ("Meld het.", "Goed zo.", "Zoek het uit.")
    agenda = library.programme("eigen").items[1]
    assert isinstance(agenda, FreeItem) and agenda.max_choices == 2


@pytest.mark.parametrize(
    ("old", "new", "field", "fragment"),
    [
        ('"Zoek het uit."]', "]", "reflecties", "3 nodig, nu 2"),
        ('thema = "nevenfuncties"', 'thema = "geschenken"', "thema", "financien"),
        ('reflecties = ["Meld het.", "Goed zo.", "Zoek het uit."]\n', "", "reflecties", ""),
        ('type = "keuze"', 'type = "open"', "vraag", "keuze- of schaalvraag"),
    ],
)
def test_zelftest_statement_problems_are_named(
    write: WriteFile, old: str, new: str, field: str, fragment: str
) -> None:
    deck = ZELFTEST.replace(old, new)
    if new == 'type = "open"':
        deck = deck[: deck.index("opties")]
    problems = problems_with(write, deck=deck)
    found = [p for p in problems if p.field == field]
    assert found, problems
    assert fragment in found[0].message


def test_max_keuzes_only_on_an_agenda_item_and_within_range(write: WriteFile) -> None:
    wrong_item = PROGRAMME.replace(
        'soort = "zelftest"\ntitel = "Zelftest"',
        'soort = "zelftest"\ntitel = "Zelftest"\nmax_keuzes = 2',
    )
    problems = problems_with(write, programme=wrong_item)
    assert [p.field for p in problems] == ["max_keuzes"]
    assert "agenda" in problems[0].message
    problems = problems_with(write, programme=PROGRAMME.replace("max_keuzes = 2", "max_keuzes = 9"))
    assert [p.field for p in problems] == ["max_keuzes"]


def test_minutes_must_fit_the_evening(write: WriteFile) -> None:
    timed = PROGRAMME.replace('titel = "Zelftest"', 'titel = "Zelftest"\nminuten = 20').replace(
        "max_keuzes = 2", "max_keuzes = 2\nminuten = 15"
    )
    problems = problems_with(write, programme=timed)
    assert [p.field for p in problems] == ["duur_minuten"]


def test_a_phone_finishes_the_zelftest_once_and_only_there(write: WriteFile) -> None:
    library = load_checked([write("kaarten/zelf.toml", ZELFTEST), write("s/eigen.toml", PROGRAMME)])
    session = Session("z", library.programme("eigen"), library, date(2026, 11, 30))
    session.start()
    session.join("telefoon-1")
    session.join("telefoon-2")
    assert session.items[0].kind is FreeItemKind.ZELFTEST  # type: ignore[union-attr]
    session.finish_zelftest("telefoon-1")
    session.finish_zelftest("telefoon-1")
    session.finish_zelftest("telefoon-2")
    assert session.zelftest_count() == 2
    with pytest.raises(DomainError) as caught:
        session.finish_zelftest("vreemde")
    assert caught.value.code is ErrorCode.UNKNOWN_PARTICIPANT
    session.go_to(1)
    with pytest.raises(DomainError) as caught:
        session.finish_zelftest("telefoon-1")
    assert caught.value.code is ErrorCode.NOT_ZELFTEST
