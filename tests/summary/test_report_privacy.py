"""A report made from a real session with tokens and a names list: no token, no name and no
withheld count reaches any format."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from datetime import date
from pathlib import Path

from workshop.decks import ChoiceQuestion, OpenQuestion, load_checked
from workshop.decks.model import CardItem
from workshop.session.controller import Controller
from workshop.store import SessionStore
from workshop.summary.export import FORMATS, write_report

NAMES = ["Annelies Verbeek", "Mohammed Yilmaz"]


def test_no_token_name_or_withheld_count_in_any_format(tmp_path: Path) -> None:
    library = load_checked()
    store = SessionStore.open(tmp_path / "data")
    controller, _ = Controller.new("kandidatenavond", library, date(2026, 11, 30), store, NAMES)
    session = controller.session
    tokens = [secrets.token_urlsafe(16) for _ in range(6)]
    for token in tokens:
        controller.run("join", token=token)
    withheld_items = []
    for index, item in enumerate(session.items):
        if index:
            controller.run("next_item")
        if not isinstance(item, CardItem):
            continue
        question = session.question  # the question this item asks (`vraag`), not always the first
        controller.run("open_voting")
        # Every third card gets only two votes: below k = 3, so it must be withheld.
        voters = tokens[:2] if index % 3 == 0 else tokens
        if index % 3 == 0:
            withheld_items.append(index)
        for n, token in enumerate(voters):
            if isinstance(question, OpenQuestion):
                text = f"{NAMES[0]} regelt dit"
                controller.run(
                    "submit_text", token=token, round_id=session.rounds[-1].id, text=text
                )
                continue
            answer: object = (
                question.keys[n % len(question.keys)] if isinstance(question, ChoiceQuestion) else 3
            )
            controller.run("cast_vote", token=token, round_id=session.rounds[-1].id, answer=answer)
        controller.run("close_voting")
        controller.run("reveal")
        controller.run("save_note", text=f"{NAMES[0]} en {NAMES[1]} waren het oneens.")
    controller.run("add_agenda", text=f"{NAMES[1]} regelt het giftenregister")
    controller.run("end")
    record = store.get(session.id)
    assert record is not None and withheld_items

    paths = write_report(record, library, tmp_path / "verslag", FORMATS)
    assert sorted(p.suffix for p in paths) == [".csv", ".html", ".json", ".md"]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for token in tokens:
            assert token not in text, path.name
        for name in NAMES:
            for part in name.split():
                assert part not in text, (path.name, part)
        assert "[naam]" in text or path.suffix == ".csv"

    data = json.loads((tmp_path / "verslag" / f"verslag-{session.id}.json").read_text())
    for index in withheld_items:
        (round_,) = data["items"][index]["rounds"]
        assert round_["withheld"] and round_["counts"] is None and round_["total"] is None
    rows = list(
        csv.DictReader(
            io.StringIO((tmp_path / "verslag" / f"verslag-{session.id}.csv").read_text())
        )
    )
    for row in rows:
        if int(row["item"]) - 1 in withheld_items:
            assert row["withheld"] == "1" and row["count"] == row["total"] == ""
    html = (tmp_path / "verslag" / f"verslag-{session.id}.html").read_text()
    charts = len(re.findall(r"<svg[^>]*class=['\"]chart['\"]", html))
    closed = sum(  # an open question has approved texts, not a chart
        1
        for item in data["items"]
        for r in item["rounds"]
        if r["closed"] and not r["withheld"] and item["question_type"] != "open"
    )
    assert charts == closed
    markdown = (tmp_path / "verslag" / f"verslag-{session.id}.md").read_text()
    for index in withheld_items:
        section = markdown.split(f"## {index + 1}. ")[1].split("\n## ")[0]
        assert "te weinig stemmen" in section and "```" not in section
