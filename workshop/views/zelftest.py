"""The zelftest as the phone downloads it: statements grouped by theme, each with its answers
and a reflection per answer, and the texts of the zelftest screen.

Served as its own file (`/zelftest.json`) that the phone fetches only when a zelftest item is
on: the phone answers on its own, and nothing of the answers goes back.
"""

from __future__ import annotations

from typing import Any

from workshop.decks.library import Library
from workshop.decks.model import DeckKind
from workshop.decks.themes import ZELFTEST_THEMES
from workshop.i18n import CATALOGUES
from workshop.views.parts import question_view

TEXTS_PREFIX = "zelftestpagina."


def zelftest_texts(language: str) -> dict[str, str]:
    """The zelftest screen's texts in `language`, without the key prefix."""
    return {
        key.removeprefix(TEXTS_PREFIX): text
        for key, text in CATALOGUES[language].items()
        if key.startswith(TEXTS_PREFIX)
    }


def zelftest_content(library: Library, language: str) -> dict[str, Any]:
    """Every zelftest statement, themes in their fixed order, with answers and reflections."""
    cards = [
        card for deck in library.decks if deck.kind is DeckKind.ZELFTEST for card in deck.cards
    ]
    themes = []
    for theme, name in ZELFTEST_THEMES.items():
        statements = [
            {
                "id": card.ref,
                "text": card.situation,
                "question": question_view(card.questions[0]),
                "reflections": list(card.reflections),
            }
            for card in cards
            if card.theme == theme
        ]
        if statements:
            themes.append({"id": theme, "name": name, "statements": statements})
    return {"lang": language, "texts": zelftest_texts(language), "themes": themes}
