"""The content rules of CONTENT.md, each with a failing example."""

from __future__ import annotations

import pytest

from tests.conftest import VALID_DECK, VALID_PROGRAMME, VALID_RULES, WriteFile
from workshop.decks import load_library
from workshop.decks.content_rules import count_sentences

SITUATION = VALID_DECK.split('situatie = """\n')[1].split('"""')[0]
FOUR_OPTIONS = '  { sleutel = "C", tekst = "Melden" },\n  { sleutel = "D", tekst = "Vragen" },\n'
FIVE_OPTIONS = FOUR_OPTIONS + '  { sleutel = "E", tekst = "Delen" },\n'

CASES = [
    (
        "dilemma with two options",
        "deck",
        '  { sleutel = "C", tekst = "Melden" },\n',
        "",
        "proefkaart",
        "vraag.opties",
        "moet 3 tot 4 elementen hebben, nu 2",
    ),
    (
        "dilemma with five options",
        "deck",
        '  { sleutel = "C", tekst = "Melden" },\n',
        FIVE_OPTIONS,
        "proefkaart",
        "vraag.opties",
        "nu 5",
    ),
    (
        "one doorvraag",
        "deck",
        '"Wat wil de aannemer?", ',
        "",
        "proefkaart",
        "doorvragen",
        "moet 2 tot 4 elementen hebben, nu 1",
    ),
    (
        "no wat-als",
        "deck",
        'wat_als = ["Wat als het een bos bloemen is?"]',
        "wat_als = []",
        "proefkaart",
        "wat_als",
        "moet 1 tot 3 elementen hebben, nu 0",
    ),
    (
        "situation too short",
        "deck",
        SITUATION,
        "Je krijgt een taart. Wat nu? Echt. Ja.",
        "proefkaart",
        "situatie",
        "moet 200 tot 1000 tekens lang zijn",
    ),
    (
        "situation with too few sentences",
        "deck",
        SITUATION,
        "Je krijgt op het gemeentehuis een grote taart van een aannemer uit je dorp, en hij zegt dat "
        "het zomaar is, omdat je zo goed luistert, terwijl de raad volgende week stemt over zijn "
        "bouwplan aan de rand van het dorp en je collega's je vragend aankijken.",
        "proefkaart",
        "situatie",
        "moet 4 tot 8 zinnen hebben, nu 1",
    ),
    (
        "vuistregel without a scale question",
        "rules",
        'type = "schaal"\ntekst = "Hoe makkelijk is dit?"\nmin = 1\nmax = 5\nlabel_min = "Moeilijk"\nlabel_max = "Makkelijk"',
        'type = "open"\ntekst = "Hoe makkelijk is dit?"',
        "krant",
        "vraag",
        "schaalvraag",
    ),
    (
        "two cards with the same title",
        "rules",
        'titel = "Krantentest"',
        'titel = "Een proefkaart"',
        "krant",
        "titel",
        "deze titel heeft kaart proef/proefkaart al",
    ),
]


@pytest.mark.parametrize(
    ("which", "old", "new", "card", "field", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_content_rule(
    write: WriteFile, which: str, old: str, new: str, card: str, field: str, words: str
) -> None:
    texts = {"deck": VALID_DECK, "rules": VALID_RULES}
    assert old in texts[which]
    texts[which] = texts[which].replace(old, new, 1)
    paths = [
        write("kaarten/proef.toml", texts["deck"]),
        write("kaarten/regels.toml", texts["rules"]),
        write("sessies/avond.toml", VALID_PROGRAMME),
    ]
    problems = load_library(paths)[1]
    assert len(problems) == 1, [str(p) for p in problems]
    assert (problems[0].card, problems[0].field) == (card, field)
    assert words in problems[0].message


def test_signal_card_needs_three_options(write: WriteFile) -> None:
    signal = (
        VALID_DECK.replace('soort = "dilemma"', 'soort = "signaal"')
        .replace('thema = "geschenken"', 'thema = "ondermijning"')
        .replace('doorvragen = ["Wat wil de aannemer?", "Wat zou de krant schrijven?"]\n', "")
        .replace('wat_als = ["Wat als het een bos bloemen is?"]\n', "")
        .replace('vuistregels = ["regels/krant"]\n', 'volgende_stap = "Bel de griffier."\n')
        .replace('achtergrond = "Gemeentewet art. 14."\n', 'aanspreekpunt = "griffier"\n')
    )
    paths = [write("kaarten/signaal.toml", signal)]
    assert load_library(paths)[1] == []
    two = signal.replace('  { sleutel = "C", tekst = "Melden" },\n', "")
    (problem,) = load_library([write("kaarten/signaal.toml", two)])[1]
    assert (problem.field, problem.message) == (
        "vraag.opties",
        "moet 3 tot 3 elementen hebben, nu 2",
    )


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Je bent raadslid. Je krijgt een taart.", 2),
        ('Hij zegt: "Ik reken op je." Andere buren zijn tegen.', 2),
        ("Gemeentewet art. 28 geldt hier. Het gaat om € 3.000 contant.", 2),
        ("Wat doe je? Je twijfelt! Dat mag.", 3),
        ("Geen punt aan het eind", 0),
    ],
)
def test_count_sentences(text: str, sentences: int) -> None:
    assert count_sentences(text) == sentences
