"""The whole agenda item with three phones in a real browser (Debian's Chromium) against a
real hub: each proposes a point, the trainer approves, each picks a top 3 with checkboxes,
and the ranked result shows on the phones and in the projector view the room screen gets."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser import HAVE_CHROMIUM, shot
from tests.conftest import WriteFile
from tests.hub.conftest import TIMEOUT, HubHarness, receive, start_harness, state_where
from workshop.decks import load_checked

PHONE = {"width": 390, "height": 844}
PROGRAMME = """
titel = "Agendavond"
doelgroep = "Fractie"
duur_minuten = 30

[[onderdeel]]
soort = "welkom"
titel = "Welkom"

[[onderdeel]]
soort = "agenda"
titel = "Onze integriteitsagenda"
max_keuzes = 3
"""
PROPOSALS = ("Giftenregister bijhouden", "Nevenfuncties op de website", "Jaarlijks terugkijken")
PICKS = (("B", "A"), ("B", "C"), ("B", "A", "C"))

pytestmark = pytest.mark.skipif(
    not HAVE_CHROMIUM, reason="Debian's chromium is not installed (bash .ci/run does)"
)


@pytest.fixture
async def harness(
    engine_paths: list[Path], write: WriteFile, tmp_path: Path
) -> AsyncIterator[HubHarness]:
    library = load_checked([*engine_paths, write("sessies/agendavond.toml", PROGRAMME)])
    harness = await start_harness(library, "agendavond", tmp_path / "data")
    yield harness
    await harness.close()


async def joined_phone(browser: Browser, url: str) -> Page:
    context = await browser.new_context(viewport=PHONE, is_mobile=True, locale="nl-NL")
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT * 1000)
    await page.goto(url)
    await page.locator("#accept").click()
    await expect(page.locator("#status")).to_contain_text("Verbonden")
    return page


async def test_the_agenda_item_with_three_phones(browser: Browser, harness: HubHarness) -> None:
    url = f"http://127.0.0.1:{harness.hub.port}/j/{harness.hub.keys.code}"
    phones = [await joined_phone(browser, url) for _ in range(3)]
    boss = await harness.facilitator()
    screen = await harness.connect()
    await screen.send(json.dumps({"type": "scherm", "key": harness.hub.keys.screen_key}))
    await receive(screen, "welcome", role="scherm")

    await harness.command(boss, "show_lobby", shown=False)
    await harness.command(boss, "go_to", index=1)
    await harness.command(boss, "open_voting")
    for page, text in zip(phones, PROPOSALS, strict=True):
        await expect(page.locator("#open-text")).to_be_enabled()
        await page.locator("#open-text").fill(text)
        await page.locator("#open-send").click()
        await expect(page.locator("#ack")).to_contain_text("Je antwoord is ontvangen")

    await harness.command(boss, "close_voting")
    state = await state_where(boss, lambda s: len(s.get("pending_texts") or []) == 3)
    for pending in state["pending_texts"]:
        await harness.command(boss, "moderate", text_id=pending["id"], approve=True)
    await state_where(boss, lambda s: not s.get("pending_texts"))
    await harness.command(boss, "start_agenda_vote")

    for page, picks in zip(phones, PICKS, strict=True):
        await expect(page.locator("#question-text")).to_contain_text("Kies je top 3")
        await expect(page.locator("#answers .hint")).to_contain_text("hoogstens 3")
        for key in picks:
            await page.locator(f'[data-choice="{key}"]').click()
            await expect(page.locator(f'[data-choice="{key}"]')).to_have_attribute(
                "aria-checked", "true"
            )
        await expect(page.locator("#ack")).to_contain_text("Je stem is ontvangen")
    # A fourth pick is refused on the phone itself; taking one away replaces the choice.
    last = phones[2]
    await last.locator('[data-choice="A"]').click()
    await expect(last.locator('[data-choice="A"]')).to_have_attribute("aria-checked", "false")
    await last.locator('[data-choice="A"]').click()
    await expect(last.locator('[data-choice="A"]')).to_have_attribute("aria-checked", "true")
    await shot(last, "agenda-01-top3")

    session = harness.hub.controller.session
    answers = sorted(session.current_round.answers.values())  # type: ignore[union-attr]
    assert answers == [("A", "B"), ("A", "B", "C"), ("B", "C")]

    await harness.command(boss, "close_voting")
    await harness.command(boss, "reveal")
    for page in phones:
        await expect(page.locator("#results")).to_be_visible()
        rows = page.locator(".result-row")
        await expect(rows).to_have_count(3)
        await expect(rows.nth(0)).to_contain_text("Nevenfuncties op de website")
        await expect(rows.nth(0)).to_contain_text("3")
        # A and C were chosen twice: fewer than k = 3, ranked without a number.
        await expect(rows.nth(1)).to_contain_text("aantal niet getoond")
        await expect(rows.nth(2)).to_contain_text("aantal niet getoond")
    await shot(phones[0], "agenda-02-ranked")

    room = await state_where(screen, lambda s: bool((s.get("agenda_vote") or {}).get("ranked")))
    ranked: list[dict[str, Any]] = room["agenda_vote"]["ranked"]
    assert [(row["point"], row["votes"]) for row in ranked] == [
        ("Nevenfuncties op de website", 3),
        ("Giftenregister bijhouden", None),
        ("Jaarlijks terugkijken", None),
    ]
    assert re.search(r'"votes":\s*2', json.dumps(room)) is None  # no count below k is sent
