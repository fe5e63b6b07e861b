"""Every validation rule, each with one failing example that names file, card and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import VALID_DECK, VALID_PROGRAMME, VALID_RULES, WriteFile
from workshop.decks import Problem, load_library


def load_set(write: WriteFile, deck: str, rules: str, programme: str) -> list[Problem]:
    paths = [
        write("kaarten/proef.toml", deck),
        write("kaarten/regels.toml", rules),
        write("sessies/proefavond.toml", programme),
    ]
    return load_library(paths)[1]


def test_valid_set_has_no_problems(valid_set: list[Path]) -> None:
    library, problems = load_library(valid_set)
    assert problems == []
    assert [deck.id for deck in library.decks] == ["proef", "regels"]
    assert library.programme("proefavond").items[1].card_ref == "proef/proefkaart"


# (rule, which file, text to replace, replacement, file name, card, field, words in message)
CASES = [
    (
        "unknown key",
        "deck",
        'titel = "Een proefkaart"',
        'titel = "Een proefkaart"\nkleur = "rood"',
        "proef.toml",
        "proefkaart",
        "kleur",
        "onbekend veld",
    ),
    (
        "missing field",
        "deck",
        'thema = "geschenken"\n',
        "",
        "proef.toml",
        "proefkaart",
        "thema",
        "verplicht veld ontbreekt",
    ),
    (
        "missing deck field",
        "deck",
        'taal = "nl"\n',
        "",
        "proef.toml",
        None,
        "taal",
        "verplicht veld ontbreekt",
    ),
    (
        "wrong type",
        "deck",
        'lagen = ["gemeente"]',
        'lagen = "gemeente"',
        "proef.toml",
        "proefkaart",
        "lagen",
        "verwacht een lijst",
    ),
    (
        "option keys out of order",
        "deck",
        '{ sleutel = "B", tekst = "Teruggeven" }',
        '{ sleutel = "C", tekst = "Teruggeven" }',
        "proef.toml",
        "proefkaart",
        "vraag 1.opties",
        "hier hoort 'B', niet 'C'",
    ),
    (
        "too few options",
        "deck",
        '  { sleutel = "B", tekst = "Teruggeven" },\n  { sleutel = "C", tekst = "Melden" },\n',
        "",
        "proef.toml",
        "proefkaart",
        "vraag 1.opties",
        "2 tot 10 opties, nu 1",
    ),
    (
        "scale min >= max",
        "rules",
        "max = 5",
        "max = 1",
        "regels.toml",
        "krant",
        "vraag 1.max",
        "min (1) moet kleiner zijn dan max (1)",
    ),
    (
        "scale field on a choice question",
        "deck",
        'tekst = "Wat doe je?"',
        'tekst = "Wat doe je?"\nmin = 1',
        "proef.toml",
        "proefkaart",
        "vraag 1.min",
        "hoort niet bij",
    ),
    (
        "unknown question type",
        "deck",
        'type = "keuze"',
        'type = "rangorde"',
        "proef.toml",
        "proefkaart",
        "vraag 1.type",
        "keuze, schaal, open, meerkeuze",
    ),
    (
        "unknown theme",
        "deck",
        'thema = "geschenken"',
        'thema = "cadeaus"',
        "proef.toml",
        "proefkaart",
        "thema",
        "moet een van deze zijn",
    ),
    (
        "unknown tier",
        "deck",
        'lagen = ["gemeente"]',
        'lagen = ["rijk"]',
        "proef.toml",
        "proefkaart",
        "lagen",
        "gemeente, provincie, waterschap",
    ),
    (
        "unknown deck kind",
        "deck",
        'soort = "dilemma"',
        'soort = "quiz"',
        "proef.toml",
        None,
        "soort",
        "dilemma, vuistregel, signaal, warming-up",
    ),
    (
        "bad id",
        "deck",
        'id = "proefkaart"',
        'id = "Proef Kaart"',
        "proef.toml",
        "Proef Kaart",
        "id",
        "kleine letters",
    ),
    (
        "rule link to a missing vuistregel",
        "deck",
        '"regels/krant"',
        '"regels/bestaat-niet"',
        "proef.toml",
        "proefkaart",
        "vuistregels",
        "'regels/bestaat-niet' verwijst naar een kaart",
    ),
    (
        "rule link to a card that is no vuistregel",
        "deck",
        '"regels/krant"',
        '"proef/proefkaart"',
        "proef.toml",
        "proefkaart",
        "vuistregels",
        "geen vuistregel",
    ),
    (
        "programme link to a missing card",
        "programme",
        '"proef/proefkaart"',
        '"proef/weg"',
        "proefavond.toml",
        "onderdeel 2",
        "kaart",
        "'proef/weg' verwijst naar een kaart",
    ),
    (
        "duplicate ids across decks",
        "rules",
        'label_max = "Makkelijk"',
        'label_max = "Makkelijk"\n[[kaart]]'
        + VALID_RULES.split("[[kaart]]")[1]
        .replace('id = "krant"', 'id = "proefkaart"')
        .replace("Krantentest", "Dubbel"),
        "regels.toml",
        "proefkaart",
        "id",
        "bestaat al in",
    ),
    (
        "duplicate id in one deck",
        "rules",
        'label_max = "Makkelijk"',
        'label_max = "Makkelijk"\n[[kaart]]' + VALID_RULES.split("[[kaart]]")[1],
        "regels.toml",
        "krant",
        "id",
        "twee keer",
    ),
    (
        "k below 3",
        "programme",
        "min_groep = 3",
        "min_groep = 1",
        "proefavond.toml",
        None,
        "privacy.min_groep",
        "tussen 3 en 50",
    ),
    (
        "timer out of range",
        "programme",
        "timer = 60",
        "timer = 0",
        "proefavond.toml",
        "onderdeel 2",
        "timer",
        "tussen 5 en 3600",
    ),
    (
        "timer_sluit without a timer",
        "programme",
        "timer = 60",
        "timer_sluit = true",
        "proefavond.toml",
        "onderdeel 2",
        "timer_sluit",
        "geef dit onderdeel dan ook een timer",
    ),
    (
        "item without card or kind",
        "programme",
        'soort = "welkom"\n',
        "",
        "proefavond.toml",
        "onderdeel 1",
        "kaart",
        "'soort'",
    ),
    (
        "minutes on some items but not all",
        "programme",
        'titel = "Welkom"\n',
        'titel = "Welkom"\nminuten = 5\n',
        "proefavond.toml",
        "onderdeel 2",
        "minuten",
        "geef ze elk onderdeel",
    ),
    (
        "minutes add up to more than the duration",
        "programme",
        'titel = "Welkom"\n\n[[onderdeel]]\nkaart = "proef/proefkaart"\nherstemming = true\ntimer = 60\n',
        'titel = "Welkom"\nminuten = 15\n\n[[onderdeel]]\nkaart = "proef/proefkaart"\nherstemming = true\ntimer = 60\nminuten = 20\n',
        "proefavond.toml",
        None,
        "duur_minuten",
        "samen 35 minuten, meer dan duur_minuten (30)",
    ),
    (
        "a dilemma with a revote gets fewer than 12 minutes",
        "programme",
        'titel = "Welkom"\n\n[[onderdeel]]\nkaart = "proef/proefkaart"\nherstemming = true\ntimer = 60\n',
        'titel = "Welkom"\nminuten = 5\n\n[[onderdeel]]\nkaart = "proef/proefkaart"\nherstemming = true\ntimer = 60\nminuten = 8\n',
        "proefavond.toml",
        "onderdeel 2",
        "minuten",
        "minstens 12 minuten nodig, nu 8",
    ),
    (
        "a question number the card does not have",
        "programme",
        "timer = 60\n",
        "timer = 60\nvraag = 2\n",
        "proefavond.toml",
        "onderdeel 2",
        "vraag",
        "kaart proef/proefkaart heeft geen vraag 2 (de kaart heeft 1 vragen)",
    ),
    (
        "a reserve card that does not exist",
        "programme",
        "duur_minuten = 30\n",
        'duur_minuten = 30\nreserve = ["proef/weg"]\n',
        "proefavond.toml",
        None,
        "reserve",
        "'proef/weg' verwijst naar een kaart",
    ),
    (
        "unknown free item kind",
        "programme",
        'soort = "welkom"',
        'soort = "borrel"',
        "proefavond.toml",
        "onderdeel 1",
        "soort",
        "welkom, uitleg, pauze, afsluiting",
    ),
]


@pytest.mark.parametrize(
    ("which", "old", "new", "file", "card", "field", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_reports_file_card_and_field(
    write: WriteFile,
    which: str,
    old: str,
    new: str,
    file: str,
    card: str | None,
    field: str,
    words: str,
) -> None:
    texts = {"deck": VALID_DECK, "rules": VALID_RULES, "programme": VALID_PROGRAMME}
    assert old in texts[which], "the example must change the valid text"
    texts[which] = texts[which].replace(old, new, 1)
    problems = load_set(write, texts["deck"], texts["rules"], texts["programme"])
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.file.endswith(file)
    assert problem.card == card
    assert problem.field == field
    assert words in problem.message


def test_toml_syntax_error_names_the_line(write: WriteFile) -> None:
    broken = VALID_DECK.replace('titel = "Een proefkaart"', 'titel = "Een proefkaart')
    problems = load_set(write, broken, VALID_RULES, VALID_PROGRAMME)
    syntax = [p for p in problems if "geen geldige TOML" in p.message]
    assert len(syntax) == 1
    assert syntax[0].line == 8
    assert syntax[0].file.endswith("proef.toml")


def test_problem_lines_point_at_the_field(write: WriteFile) -> None:
    broken = VALID_DECK.replace('thema = "geschenken"', 'thema = "cadeaus"')
    (problem,) = load_set(write, broken, VALID_RULES, VALID_PROGRAMME)
    path = Path(problem.file) if Path(problem.file).is_absolute() else Path.cwd() / problem.file
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]  # type: ignore[operator]
    assert line.startswith("thema =")


def test_duplicate_deck_id_is_reported(write: WriteFile) -> None:
    paths = [
        write("a/proef.toml", VALID_DECK),
        write("b/proef.toml", VALID_DECK.replace('id = "proefkaart"', 'id = "andere"')),
        write("kaarten/regels.toml", VALID_RULES),
    ]
    problems = load_library(paths)[1]
    assert [p.message for p in problems if p.field == "id"] == [
        f"dit deck-id bestaat al in {paths[0]}"
    ]


def test_five_mistakes_are_all_reported_at_once(write: WriteFile) -> None:
    broken = (
        VALID_DECK.replace('titel = "Een proefkaart"', 'titel = "Een proefkaart"\nkleur = "rood"')
        .replace('thema = "geschenken"\n', "")
        .replace('{ sleutel = "C", tekst = "Melden" }', '{ sleutel = "D", tekst = "Melden" }')
        .replace('"regels/krant"', '"regels/weg"')
        .replace('lagen = ["gemeente"]', 'lagen = ["gemeente", "rijk"]')
    )
    problems = load_set(write, broken, VALID_RULES, VALID_PROGRAMME)
    fields = sorted(p.field or "" for p in problems)
    assert fields == ["kleur", "lagen", "thema", "vraag 1.opties", "vuistregels"]
    assert all(p.card == "proefkaart" and p.file.endswith("proef.toml") for p in problems)


def test_english_messages(write: WriteFile) -> None:
    from workshop import i18n

    i18n.set_language("en")
    broken = VALID_DECK.replace('thema = "geschenken"\n', "")
    (problem,) = load_set(write, broken, VALID_RULES, VALID_PROGRAMME)
    assert problem.message == "required field is missing"
    assert str(problem).endswith("card 'proefkaart', field 'thema': required field is missing")
