"""Counted things read right in both languages: "1 deelnemer", "2 deelnemers" (issue 13)."""

from __future__ import annotations

import pytest

from workshop.i18n import CATALOGUES, set_language, t

COUNTED = {
    "sessions.participants": ({"n": 1}, {"n": 2}),
    "results.shift": ({"changed": 1, "compared": 4}, {"changed": 2, "compared": 4}),
    "tui.results.shift": ({"changed": 1}, {"changed": 2}),
    "tui.results.total": ({"n": 1}, {"n": 2}),
    "scherm.end_facts": ({"day": "2026-11-30", "participants": 1}, {"day": "x", "participants": 2}),
    "scherm.answered_of": ({"n": 1}, {"n": 2}),
    "summary.answers": ({"n": 1}, {"n": 2}),
    "tui.console.agenda": ({"n": 1}, {"n": 2}),
    "tui.moderation.hidden": ({"n": 1}, {"n": 2}),
}

EXPECTED_NL = {
    "sessions.participants": ("1 deelnemer", "2 deelnemers"),
    "results.shift": ("1 van 4 deelnemers koos", "2 van 4 deelnemers kozen"),
    "tui.results.shift": ("1 deelnemer koos", "2 deelnemers kozen"),
    "tui.results.total": ("1 stem", "2 stemmen"),
    "scherm.end_facts": ("1 deelnemer", "2 deelnemers"),
    "scherm.answered_of": ("van 1 antwoord binnen", "van 2 antwoorden binnen"),
    "summary.answers": ("1 antwoord", "2 antwoorden"),
    "tui.console.agenda": ("1 punt", "2 punten"),
    "tui.moderation.hidden": ("1 tekst wacht", "2 teksten wachten"),
}


@pytest.fixture(autouse=True)
def dutch() -> object:
    yield
    set_language("nl")


@pytest.mark.parametrize("key", sorted(COUNTED))
def test_one_and_more_in_dutch(key: str) -> None:
    one, more = COUNTED[key]
    singular, plural = EXPECTED_NL[key]
    assert singular in t(key, **one)
    assert plural in t(key, **more)


EXPECTED_EN = {
    "sessions.participants": ("1 participant", "2 participants"),
    "results.shift": ("1 of 4 participants chose", "2 of 4 participants chose"),
    "tui.results.shift": ("1 participant chose", "2 participants chose"),
    "tui.results.total": ("1 vote", "2 votes"),
    "scherm.end_facts": ("1 participant", "2 participants"),
    "scherm.answered_of": ("of 1 answer in", "of 2 answers in"),
    "summary.answers": ("1 answer", "2 answers"),
    "tui.console.agenda": ("1 item", "2 items"),
    "tui.moderation.hidden": ("1 text waiting", "2 texts waiting"),
}


@pytest.mark.parametrize("key", sorted(COUNTED))
def test_one_and_more_in_english(key: str) -> None:
    set_language("en")
    one, more = COUNTED[key]
    singular, plural = EXPECTED_EN[key]
    assert t(key, **one).split(singular)[1][:1] in ("", " ", ".", ",")  # not "1 votes"
    assert plural in t(key, **more)


def test_no_count_phrase_hedges_with_brackets() -> None:
    """No '(en)' / '(s)' plurals left: every counted phrase has a proper singular."""
    for language, messages in CATALOGUES.items():
        hedged = [key for key, text in messages.items() if "(en)" in text or "(s)" in text]
        assert hedged == [], language
