"""Markdown and JSON against golden files; CSV rows; comparison across sessions."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from workshop.decks import Library
from workshop.summary import build_summary, render_markdown
from workshop.summary.compare import compare, render_comparison
from workshop.summary.data import CSV_COLUMNS, render_csv, render_json

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, actual: str) -> None:
    """Compare with the golden file; UPDATE_GOLDEN=1 rewrites it (review the diff!)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_markdown_golden(record: dict[str, Any], library: Library) -> None:
    text = render_markdown(build_summary(record, library))
    golden("kandidatenavond.md", text)
    assert text.startswith("# Kandidatenavond\n")


def test_json_golden(record: dict[str, Any], library: Library) -> None:
    text = render_json(build_summary(record, library))
    golden("kandidatenavond.json", text)
    data = json.loads(text)
    assert data["participants"] == 12 and data["day"] == "2026-11-30"
    dilemma = data["items"][3]
    assert [r["attempt"] for r in dilemma["rounds"]] == [1, 2]
    assert dilemma["shift"]["moves"] == [["A", "B", 3], ["A", "C", 1]]
    signal = data["items"][4]
    assert signal["rounds"][0]["withheld"] is True and signal["rounds"][0]["counts"] is None


def test_csv_one_row_per_round_and_option(record: dict[str, Any], library: Library) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(build_summary(record, library)))))
    assert tuple(rows[0]) == CSV_COLUMNS
    # warming-up, scale, two dilemma rounds, signal, and the agenda's four points
    assert len(rows) == 4 + 5 + 4 + 4 + 3 + 4
    first = rows[0]
    assert (first["item"], first["option"], first["count"], first["percentage"]) == (
        "2",
        "A",
        "2",
        "17",
    )
    withheld = [row for row in rows if row["withheld"] == "1" and row["item"] == "5"]
    assert len(withheld) == 3 and all(row["count"] == row["total"] == "" for row in withheld)
    agenda = [row for row in rows if row["item"] == "6"]
    assert [(r["option"], r["count"], r["withheld"], r["wie"], r["wanneer"]) for r in agenda] == [
        ("1", "9", "0", "fractievoorzitter", "maart"),
        ("2", "7", "0", "bestuur", "voor de zomer"),
        ("3", "", "1", "", ""),  # chosen by two: below k, ranked without its count
        ("4", "0", "0", "", ""),
    ]
    assert agenda[0]["option_text"] == "Giftenregister bijhouden bij de griffie"


def test_csv_neutralises_formulas(record: dict[str, Any]) -> None:
    record["items"][1] = {"kind": "kaart", "ref": "=HYPERLINK(1)/x", "revote": False}
    text = render_csv(build_summary(record, None))
    assert ",'=HYPERLINK(1)/x," in text


def test_withheld_round_shows_the_marker(record: dict[str, Any], library: Library) -> None:
    markdown = render_markdown(build_summary(record, library))
    section = markdown.split("## 5. ")[1].split("## 6. ")[0]
    assert "te weinig stemmen om anoniem te tonen" in section
    assert "```" not in section


def test_compare_recurring_cards(record: dict[str, Any], library: Library) -> None:
    other = json.loads(json.dumps(record))
    other["id"], other["day"] = "20261214-def456", "2026-12-14"
    other["rounds"][0]["result"] = {"counts": {"A": 1, "B": 1, "C": 1, "D": 1}, "total": 4}
    other["rounds"][2]["result"] = {"withheld": True}
    other["items"][2] = {"kind": "kaart", "ref": "vuistregels/bij-twijfel-melden", "revote": False}
    summaries = [build_summary(r, library) for r in (record, other)]
    comparisons = compare(summaries)
    assert [c.ref for c in comparisons] == [
        "warming-up/hoe-kwam-je-hier",
        "dilemmakaarten/etentje-ontwikkelaar",
        "ondermijning/contante-donatie",
    ]
    text = render_comparison(comparisons)
    assert (
        "| 2026-11-30 (20261130-abc123) | Eerste ronde | 2 (17%) | 6 (50%) | 3 (25%) | 1 (8%) | 12 |"
        in text
    )
    assert "| 2026-12-14 (20261214-def456) | Eerste ronde | 1 (25%) |" in text
    dilemma = text.split("## Een etentje")[1].split("## ")[0]
    assert (
        "| 2026-12-14 (20261214-def456) | Eerste ronde | te weinig stemmen om anoniem te tonen |"
        in dilemma
    )


def test_compare_without_common_cards(record: dict[str, Any]) -> None:
    only = build_summary(record, None)
    assert render_comparison(compare([only])).startswith("Deze sessies hebben geen kaarten gemeen")


@pytest.mark.parametrize("language", ["en"])
def test_english_report(record: dict[str, Any], library: Library, language: str) -> None:
    from workshop import i18n

    i18n.set_language(language)
    markdown = render_markdown(build_summary(record, library))
    assert "too few votes to show anonymously" in markdown
    assert "This report is kept until 2027-11-30." in markdown


def test_markdown_keeps_texts_literal(record: dict[str, Any], library: Library) -> None:
    record["rounds"][0]["texts"] = ["![x](http://example.org/a.png) <img src=x> *ja*"]
    record["agenda"] = ["[klik](http://example.org)"]
    markdown = render_markdown(build_summary(record, library))
    assert "> \\!\\[x\\]\\(http://example.org/a.png\\) \\<img src=x\\> \\*ja\\*" in markdown
    assert "1. \\[klik\\]\\(http://example.org\\)" in markdown
    assert "[naam] noemde" in markdown  # placeholders stay readable
