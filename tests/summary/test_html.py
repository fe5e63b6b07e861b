"""The HTML report: one self-contained, escaped, printable document with inline SVG charts.

The browser test opens it in Debian's Chromium (driven by Playwright) and saves a screenshot
and an A4 PDF in artifacts/report/.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.browser import HAVE_CHROMIUM, launch
from workshop.decks import load_checked
from workshop.summary.build import Summary, build_summary
from workshop.summary.html import render_html

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "report"
HOSTILE = "<script>alert(1)</script>"
VOID = {"meta", "rect", "br", "img", "link", "input", "hr", "path", "line", "circle"}


def record() -> dict[str, Any]:
    """A finished evening, shaped like `engine.record.to_record` output."""
    return {
        "version": 1,
        "id": "2025-03-12-a1b2",
        "programme": "avond-basis",
        "title": "Integriteitsavond Lokaal Belang",
        "day": "2025-03-12",
        "keep_until": "2026-03-12",
        "min_group": 3,
        "participants": 10,
        "ended": True,
        "items": [
            {"kind": "welkom", "title": "Welkom en kennismaking"},
            {"kind": "kaart", "ref": "warming-up/zin-in-vanavond", "revote": False},
            {"kind": "kaart", "ref": "dilemmakaarten/etentje-ontwikkelaar", "revote": True},
            {"kind": "kaart", "ref": "dilemmakaarten/uitbouw-buurman", "revote": False},
            {"kind": "kaart", "ref": "dilemmakaarten/besloten-vergadering", "revote": True},
            {"kind": "kaart", "ref": "warming-up/hoe-kwam-je-hier", "revote": False},
        ],
        "rounds": [
            {
                "id": 1,
                "item": 1,
                "attempt": 1,
                "phase": "revealed",
                "result": {
                    "counts": {"1": 0, "2": 1, "3": 3, "4": 4, "5": 2},
                    "total": 10,
                    "median": 4,
                },
            },
            {
                "id": 2,
                "item": 2,
                "attempt": 1,
                "phase": "revealed",
                "result": {"counts": {"A": 2, "B": 4, "C": 3, "D": 1}, "total": 10},
            },
            {
                "id": 3,
                "item": 2,
                "attempt": 2,
                "phase": "revealed",
                "result": {"counts": {"A": 1, "B": 6, "C": 3, "D": 0}, "total": 10},
                "shift": {"compared": 10, "changed": 2, "moves": [["A", "B", 1], ["D", "B", 1]]},
                "texts": ["Ik bel eerst de griffier.", HOSTILE],
            },
            {"id": 4, "item": 3, "attempt": 1, "phase": "revealed", "result": {"withheld": True}},
            {
                "id": 5,
                "item": 4,
                "attempt": 1,
                "phase": "revealed",
                "result": {"counts": {"A": 3, "B": 1, "C": 0, "D": 0}, "total": 4},
            },
            {
                "id": 6,
                "item": 4,
                "attempt": 2,
                "phase": "revealed",
                "result": {"withheld": True},
                "shift": {"withheld": True},
            },
            {"id": 7, "item": 5, "attempt": 1, "phase": "open"},
        ],
        "notes": {"2": "Veel gesprek over wie de rekening betaalt.", "0": "Twee mensen later."},
        "agenda": ["Giftenregister bijhouden", "Uitnodigingen melden bij de fractievoorzitter"],
    }


def summary() -> Summary:
    return build_summary(record(), load_checked())


class Page(HTMLParser):
    """Collects every element with its attributes, its classes and the text inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.texts: dict[int, str] = {}
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag not in VOID:
            self.open.append((tag, attributes, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
        _, attributes, text = self.open.pop()
        attributes["#text"] = "".join(text)
        if self.open:  # the parent holds this element's text too
            self.open[-1][2].extend(text)

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        if self.open:
            self.open[-1][2].append(data)

    def find(self, tag: str, css_class: str | None = None) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and (css_class is None or css_class in attrs.get("class", "").split())
        ]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert not page.open, f"unclosed: {[tag for tag, _, _ in page.open]}"
    return page


def test_one_document_in_dutch() -> None:
    html = render_html(summary())
    assert html.startswith("<!DOCTYPE html>")
    page = parse(html)
    assert page.find("html")[0]["lang"] == "nl"
    assert page.find("meta")[0]["charset"] == "utf-8"
    assert len(page.find("style")) == 1
    assert page.find("h1")[0]["#text"] == "Integriteitsavond Lokaal Belang"
    meta = page.find("dl", "meta")[0]["#text"]
    for text in ("avond-basis", "2025-03-12", "10", "2026-03-12", "Bewaren tot"):
        assert text in meta
    items = page.find("section", "item")
    assert len(items) == 6
    assert items[2]["#text"].strip().startswith("3. Een etentje na de inspraakavond")
    assert "Wat doe je?" in [s["#text"] for s in page.find("strong")]
    assert "A: Ik ga, maar betaal mijn eigen deel van de rekening." in items[2]["#text"]
    assert len(page.find("ol", "agenda")) == 1
    assert "<li>Giftenregister bijhouden</li>" in html
    privacy = page.find("ul", "privacy")[0]["#text"]
    assert "minder dan 3 stemmen" in privacy and "bewaard tot 2026-03-12" in privacy


def test_one_chart_per_shown_round_and_one_shift_chart_per_revote() -> None:
    page = parse(render_html(summary()))
    charts = page.find("svg", "chart")
    rounds = [c for c in charts if "shift-chart" not in c["class"].split()]
    shifts = [c for c in charts if "shift-chart" in c["class"].split()]
    # Shown: zin-in-vanavond, both rounds of the etentje, the first round of the besloten vergadering.
    assert [(c["data-item"], c["data-round"]) for c in rounds] == [
        ("2", "1"),
        ("3", "1"),
        ("3", "2"),
        ("5", "1"),
    ]
    assert [c["data-item"] for c in shifts] == ["3"]
    for chart in charts:
        assert chart["role"] == "img"
        assert chart["aria-label"] and chart["viewbox"].startswith("0 0 ")
    assert "Eerste ronde" in rounds[1]["aria-label"] and "A: 2 (20%)" in rounds[1]["aria-label"]


def test_charts_hold_the_counts_as_text() -> None:
    html = render_html(summary())
    page = parse(html)
    charts = page.find("svg", "chart")
    assert "2 (20%)" in charts[0]["#text"] and "4 (40%)" in charts[0]["#text"]
    first, second, shift = charts[1], charts[2], charts[3]
    for count in ("2 (20%)", "4 (40%)", "3 (30%)", "1 (10%)"):
        assert count in first["#text"] and count in shift["#text"]
    for count in ("1 (10%)", "6 (60%)", "3 (30%)", "0 (0%)"):
        assert count in second["#text"] and count in shift["#text"]
    assert "3 (75%)" in charts[4]["#text"] and "1 (25%)" in charts[4]["#text"]
    assert "Eerste ronde" in html and "Na het gesprek" in html
    assert (
        "2 van 10 deelnemers kozen na het gesprek anders: van A naar B: 1; van D naar B: 1." in html
    )
    assert "Mediaan: 4" in html


def test_withheld_and_unclosed_rounds_show_no_numbers() -> None:
    base = summary()
    # A withheld round that somehow still carries counts must not leak them.
    leaky = dataclasses.replace(
        base.items[3].rounds[0], counts=(("A", 9137), ("B", 4219)), total=13356
    )
    items = list(base.items)
    items[3] = dataclasses.replace(items[3], rounds=(leaky,))
    html = render_html(dataclasses.replace(base, items=tuple(items)))
    page = parse(html)
    withheld_item = page.find("section", "item")[3]["#text"]
    assert "te weinig stemmen om anoniem te tonen" in withheld_item
    for number in ("9137", "4219", "13356"):
        assert number not in html
    assert "verschuiving: te weinig stemmen om anoniem te tonen" in html
    assert "niet afgesloten" in page.find("section", "item")[5]["#text"]
    assert not [c for c in page.find("svg", "chart") if c["data-item"] in ("4", "6")]


def test_self_contained_and_escaped() -> None:
    html = render_html(summary())
    page = parse(html)
    for tag, attrs in page.elements:
        assert "src" not in attrs and "href" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), tag
    assert {tag for tag, _ in page.elements}.isdisjoint({"script", "img", "link", "iframe"})
    assert "url(" not in html and "http" not in html and "@import" not in html
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE in [q["#text"] for q in page.find("blockquote")]


def test_every_field_is_escaped_without_a_library() -> None:
    hostile = record()
    hostile["title"] = hostile["programme"] = '"><svg onload=alert(1)>'
    hostile["agenda"] = ["<b>vet</b>"]
    hostile["notes"] = {"1": "<i onclick=x>"}
    html = render_html(build_summary(hostile, None))
    page = parse(html)
    assert not [tag for tag, attrs in page.elements if any(n.startswith("on") for n in attrs)]
    assert {tag for tag, _ in page.elements}.isdisjoint({"b", "i"})
    assert "2. warming-up/zin-in-vanavond" in html  # no library: the reference is the title


@pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed")
async def test_in_a_real_browser_and_as_pdf() -> None:
    from playwright.async_api import async_playwright

    html = render_html(summary())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page(viewport={"width": 900, "height": 1200})
            page.on("request", lambda request: requests.append(request.url))
            await page.set_content(html)
            charts = page.locator("svg.chart")
            assert await charts.count() == 5
            for index in range(5):
                chart = charts.nth(index)
                assert await chart.is_visible()
                box = await chart.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 60
            assert await page.locator("script").count() == 0
            await page.screenshot(path=ARTIFACTS / "report.png", full_page=True)
            await page.pdf(path=ARTIFACTS / "report.pdf", format="A4", print_background=True)
        finally:
            await browser.close()
    assert requests == []
    assert (ARTIFACTS / "report.pdf").read_bytes().startswith(b"%PDF")
