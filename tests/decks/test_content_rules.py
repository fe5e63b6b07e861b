"""The content rules of CONTENT.md, each with a failing example."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import OPEN_DECK, VALID_DECK, VALID_PROGRAMME, VALID_RULES, WriteFile
from workshop.decks import Card, Tier, load_library
from workshop.decks.content_rules import count_sentences, tier_problems

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


# --- tiers: a card tagged provincie or waterschap must not speak only of the gemeente ---


def test_provincie_card_that_speaks_only_of_the_gemeente(write: WriteFile) -> None:
    """The failing example: the test card (raad, gemeentehuis, Gemeentewet) tagged provincie."""
    deck = VALID_DECK.replace('lagen = ["gemeente"]', 'lagen = ["gemeente", "provincie"]')
    paths = [write("kaarten/proef.toml", deck), write("kaarten/regels.toml", VALID_RULES)]
    problems = load_library(paths)[1]
    assert [(p.file.endswith("proef.toml"), p.card, p.field) for p in problems] == [
        (True, "proefkaart", "situatie"),
        (True, "proefkaart", "achtergrond"),
    ]
    assert "hoort ook bij provincie" in problems[0].message
    assert "'de raad', 'gemeentehuis'" in problems[0].message
    assert "'gemeentewet'" in problems[1].message


def test_neutral_or_per_tier_text_passes(write: WriteFile) -> None:
    deck = (
        VALID_DECK.replace(
            'lagen = ["gemeente"]', 'lagen = ["gemeente", "provincie", "waterschap"]'
        )
        .replace("op het gemeentehuis ", "")
        .replace("Volgende week stemt de raad", "Volgende week stemt je vergadering")
        .replace(
            'achtergrond = "Gemeentewet art. 14."',
            'achtergrond = "Gemeentewet art. 14 en Provinciewet art. 14; de Waterschapswet'
            ' kent een vergelijkbare eed."',
        )
    )
    paths = [write("kaarten/proef.toml", deck), write("kaarten/regels.toml", VALID_RULES)]
    assert load_library(paths)[1] == []


def card(text: str, tiers: tuple[Tier, ...]) -> Card:
    return Card("proef", "kaart", "Titel", tiers, text, ())


@pytest.mark.parametrize(
    ("text", "tiers", "flagged"),
    [
        ("Je bent raadslid en de raad stemt morgen.", (Tier.PROVINCIE,), ["de raad", "raadslid"]),
        (
            "Het college wil een nieuw omgevingsplan.",
            (Tier.WATERSCHAP,),
            ["college", "omgevingsplan"],
        ),
        ("Je spreekt de wethouder aan.", (Tier.GEMEENTE, Tier.PROVINCIE), ["wethouder"]),
        ("Meld het bij de burgemeester.", (Tier.WATERSCHAP,), ["burgemeester"]),
        ("Je zit in de raad of de Staten.", (Tier.PROVINCIE,), []),
        (
            "De burgemeester, de Commissaris van de Koning of de dijkgraaf.",
            (Tier.PROVINCIE, Tier.WATERSCHAP),
            [],
        ),
        ("Het algemeen bestuur (AB) en de gemeenteraad.", (Tier.WATERSCHAP,), []),
        ("Ik raad hem aan te wachten.", (Tier.PROVINCIE,), []),
        ("De Raad van State oordeelde.", (Tier.WATERSCHAP,), []),
        ("Je vergadering beslist.", (Tier.PROVINCIE, Tier.WATERSCHAP), []),
        ("De raad stemt morgen.", (Tier.GEMEENTE,), []),
    ],
)
def test_tier_words(text: str, tiers: tuple[Tier, ...], flagged: list[str]) -> None:
    problems = tier_problems(card(text, tiers))
    if not flagged:
        assert problems == []
        return
    ((field, message),) = problems
    assert field == "situatie"
    assert ", ".join(f"'{word}'" for word in flagged) in message


def test_each_list_entry_is_judged_alone() -> None:
    """A wat-als about the Staten does not excuse a doorvraag about the raad."""
    base = card("Je vergadering beslist.", (Tier.PROVINCIE,))
    mixed = dataclasses.replace(
        base,
        follow_up=("Wat zegt de raad?", "Wat zeggen de Staten?"),
        what_if=("Wat als je Statenlid bent?",),
    )
    assert [field for field, _ in tier_problems(mixed)] == ["doorvragen"]


# --- agenda cards and signals with a second question ---


def test_agenda_card_needs_an_open_question(write: WriteFile) -> None:
    agenda = OPEN_DECK.replace('soort = "warming-up"', 'soort = "agenda"').replace(
        'situatie = "Noem één afspraak die je fractie zou moeten maken."',
        'situatie = "Noem één afspraak die je fractie zou moeten maken, met wie hem oppakt."',
    )
    assert load_library([write("kaarten/agenda.toml", agenda)])[1] == []
    scale = agenda.replace(
        'type = "open"\ntekst = "Welke afspraak?"',
        'type = "schaal"\ntekst = "Welke afspraak?"\nmin = 1\nmax = 5\n'
        'label_min = "Geen"\nlabel_max = "Veel"',
    )
    (problem,) = load_library([write("kaarten/agenda.toml", scale)])[1]
    assert (problem.card, problem.field) == ("idee", "vraag")
    assert problem.message == "een agendakaart heeft een open vraag"


def test_signal_second_question_may_have_four_options(write: WriteFile) -> None:
    signal = (
        VALID_DECK.replace('soort = "dilemma"', 'soort = "signaal"')
        .replace('thema = "geschenken"', 'thema = "ondermijning"')
        .replace('doorvragen = ["Wat wil de aannemer?", "Wat zou de krant schrijven?"]\n', "")
        .replace('wat_als = ["Wat als het een bos bloemen is?"]\n', "")
        .replace('vuistregels = ["regels/krant"]\n', 'volgende_stap = "Bel de griffier."\n')
        .replace('achtergrond = "Gemeentewet art. 14."\n', 'aanspreekpunt = "griffier"\n')
    )
    second = (
        '\n[[kaart.vraag]]\ntype = "keuze"\ntekst = "Wat doe je als eerste?"\nopties = [\n'
        + '  { sleutel = "A", tekst = "Bellen" },\n  { sleutel = "B", tekst = "Mailen" },\n'
        + '  { sleutel = "C", tekst = "Melden" },\n'
    )
    four = signal + second + '  { sleutel = "D", tekst = "Vragen" },\n]\n'
    assert load_library([write("kaarten/signaal.toml", four)])[1] == []
    five = (
        signal
        + second
        + '  { sleutel = "D", tekst = "Vragen" },\n  { sleutel = "E", tekst = "Delen" },\n]\n'
    )
    problems = load_library([write("kaarten/signaal.toml", five)])[1]
    assert [(p.field, p.message) for p in problems] == [
        ("vraag.opties", "moet 3 tot 4 elementen hebben, nu 5")
    ]
