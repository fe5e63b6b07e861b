"""A real session with declared names: no part of a name, and no street address, in the data
file or in any of the four exports; the privacy statement claims only what holds."""

from __future__ import annotations

import html
import json
import re
import secrets
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.summary.conftest import RECORD
from workshop.decks import load_checked
from workshop.session.controller import Controller
from workshop.store import SessionStore
from workshop.summary.export import FORMATS, write_report

DECLARED = ["Pieter Jansen", "Anouk de Boer", "Éva Müller"]
# Every part, as typed in the session below in some case, accent or genitive form.
PARTS = ["pieter", "jansen", "jansens", "anouk", "anouks", "boer", "eva", "muller"]
ADDRESS_WORDS = ["dorpsstraat", "kerkweg", "meerdervoort", "gracht"]


def folded(text: str) -> str:
    """Case and accents gone, written independently of the scrubber."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def readable(path: Path) -> str:
    """The text a reader sees: JSON escapes and HTML entities undone."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.dumps(json.loads(text), ensure_ascii=False)
    if path.suffix == ".html":
        return html.unescape(text)
    return text


def words_left(text: str, words: list[str]) -> list[str]:
    plain = folded(text)
    return [word for word in words if re.search(rf"(?<!\w){word}(?!\w)", plain)]


def run_session(data: Path, library: Any) -> dict[str, Any]:
    """The engine test programme with name parts and addresses in every kind of free text."""
    store = SessionStore.open(data)
    controller, _ = Controller.new("motorproef", library, date(2026, 11, 30), store, DECLARED)
    session = controller.session
    tokens = [secrets.token_urlsafe(16) for _ in range(4)]
    for token in tokens:
        controller.run("join", token=token)
    controller.run("next_item")  # the keuze card
    controller.run("open_voting")
    for token in tokens:
        controller.run("cast_vote", token=token, round_id=session.rounds[-1].id, answer="B")
    controller.run("close_voting")
    controller.run("reveal")
    controller.run(
        "save_note",
        text="Pieter en jansen waren het oneens; Jansens voorstel won. Anoük twijfelde, "
        "ook over de Pieterskerk.",
    )
    controller.run("go_to", index=3)  # the open question
    controller.run("open_voting")
    round_id = session.rounds[-1].id
    answers = [
        "Anouk de Boer woont op de Dorpsstraat 12, vraag het Eva's buurman",
        "PIETER JANSEN weet het, hij zit op Kerkweg 3a",
        "Anouks idee: Müller belt de Laan van Meerdervoort 5",
        "Gewoon een afspraak zonder namen",
    ]
    for token, answer in zip(tokens, answers, strict=True):
        controller.run("submit_text", token=token, round_id=round_id, text=answer)
    for _, pending in session.pending_texts():
        controller.run("moderate", text_id=pending.id, approve=True)
    controller.run("close_voting")
    controller.run("save_note", text="Eva en BOER spreken af bij Oude Gracht 12-bis")
    controller.run("add_agenda", text="Jansen's fractie regelt het giftenregister met muller")
    controller.run("end")
    record = store.get(session.id)
    store.close()
    assert record is not None
    return record


def test_no_name_part_or_address_in_the_data_file_or_any_export(
    tmp_path: Path, engine_paths: list[Path]
) -> None:
    library = load_checked(engine_paths)
    record = run_session(tmp_path / "data", library)

    stored = (tmp_path / "data" / "sessies.json").read_text(encoding="utf-8")
    stored = json.dumps(json.loads(stored), ensure_ascii=False)
    assert words_left(stored, PARTS + ADDRESS_WORDS) == []
    assert "[naam]" in stored and "[adres]" in stored
    assert "Pieterskerk" in stored  # a name part inside another word is another word
    assert "Gewoon een afspraak zonder namen" in stored
    assert record["names_declared"] is True

    paths = write_report(record, library, tmp_path / "verslag", FORMATS)
    assert sorted(path.suffix for path in paths) == [".csv", ".html", ".json", ".md"]
    for path in paths:
        text = readable(path)
        assert words_left(text, PARTS + ADDRESS_WORDS) == [], path.name
        if path.suffix != ".csv":  # the CSV holds counts only
            assert "[naam]" in text and "[adres]" in text, path.name
            assert "voor zover opgegeven" in text, path.name
            assert "Niet vastgelegd: namen" not in text, path.name


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (True, "Namen zijn weggehaald voor zover opgegeven: elk deel van de namen die"),
        (False, "voor deze sessie zijn geen namen opgegeven"),
        (None, "Namen zijn weggehaald voor zover opgegeven; een naam die niet was opgegeven"),
    ],
)
def test_privacy_statement_claims_only_what_holds(
    tmp_path: Path, declared: bool | None, expected: str
) -> None:
    record = json.loads(json.dumps(RECORD))
    if declared is not None:
        record["names_declared"] = declared
    else:
        record.pop("names_declared", None)
    paths = write_report(record, None, tmp_path, ("md", "html", "json"))
    for path in paths:
        text = readable(path)
        assert expected in text, path.name
        # No statement says names are simply not recorded.
        assert "Niet vastgelegd: namen" not in text, path.name
        assert "nergens bewaard" not in text, path.name
