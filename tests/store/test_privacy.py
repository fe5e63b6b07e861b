"""A whole session with 100 phones: the database file holds no token and no name."""

from __future__ import annotations

import random
import secrets
from datetime import date
from pathlib import Path

from workshop.decks import ChoiceQuestion, OpenQuestion, ScaleQuestion, load_checked
from workshop.decks.model import CardItem
from workshop.session.controller import Controller
from workshop.store import SessionStore

NAMES = ["Annelies Verbeek", "Mohammed", "Kees"]


def test_hundred_participants_leave_no_trace(tmp_path: Path) -> None:
    rng = random.Random(7)
    library = load_checked()
    store = SessionStore.open(tmp_path)
    controller, _ = Controller.new(
        "kandidatenavond", library, date(2026, 11, 30), store, names=NAMES
    )
    session = controller.session
    tokens = [secrets.token_urlsafe(16) for _ in range(100)]
    for token in tokens:
        controller.run("join", token=token)
    for index, item in enumerate(session.items):
        if index:
            controller.run("next_item")
        if not isinstance(item, CardItem):
            continue
        question = session.question  # the question this item asks (`vraag`), not always the first
        attempts = 2 if item.revote else 1
        for attempt in range(attempts):
            if attempt == 0:
                controller.run("open_voting")
            else:
                controller.run("revote")
            round_id = session.rounds[-1].id
            for token in tokens:
                if isinstance(question, OpenQuestion):
                    text = "Annelies Verbeek mailt kees@partij.nl over het giftenregister"
                    controller.run("submit_text", token=token, round_id=round_id, text=text)
                    continue
                if isinstance(question, ChoiceQuestion):
                    answer: object = rng.choice(question.keys)
                else:
                    assert isinstance(question, ScaleQuestion)
                    answer = rng.choice(list(question.values))
                controller.run("cast_vote", token=token, round_id=round_id, answer=answer)
            controller.run("close_voting")
            controller.run("reveal")
        controller.run("save_note", text="Kees en Annelies Verbeek waren het oneens met Mohammed.")
    controller.run("add_agenda", text="Mohammed mailt het giftenregister naar kees@partij.nl")
    controller.run("end")
    store.close()

    stored = (tmp_path / "sessies.json").read_text(encoding="utf-8")
    assert "[naam]" in stored and "[e-mailadres]" in stored  # notes were kept, scrubbed
    for token in tokens:
        assert token not in stored
    for name in [*NAMES, "Annelies", "Verbeek", "kees@partij.nl"]:
        assert name.lower() not in stored.lower(), name
    record = SessionStore.open(tmp_path).all()[0]
    assert record["participants"] == 100
    # Every card's round was counted (the agenda item's proposals were never opened here).
    cards = [n for n, item in enumerate(record["items"]) if item["kind"] == "kaart"]
    assert all("result" in r for r in record["rounds"] if r["item"] in cards)
    assert any("shift" in r for r in record["rounds"])
