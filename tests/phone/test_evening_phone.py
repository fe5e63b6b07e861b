"""The phone page through an evening, in Debian's Chromium against a real hub: a 360 px phone
that never wraps a counter or a scale number, approved texts after an open question, the
agreed agenda at the end, the page in the session's language with a switch, and the budget
of everything the page loads, as gzip bytes on the wire."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser import HAVE_CHROMIUM, shot
from tests.conftest import WriteFile
from tests.hub.conftest import TIMEOUT, HubHarness, receive, state_where
from workshop import i18n
from workshop.decks import load_checked
from workshop.hub.keys import HubKeys
from workshop.hub.server import Hub, HubConfig
from workshop.session.controller import Controller
from workshop.store import SessionStore

BUDGET = 8 * 1024 + 512
"""8 KiB held keuze, schaal and open (8155 B in Dutch, measured 2026-12-03); issue 14 adds
about 400 B to the page: meerkeuze +269 B, the agenda item and the hook that loads the
zelftest +110 B. The zelftest itself is fetched only while one is on (see test_page_files)."""
SMALL_PHONE = {"width": 360, "height": 740}
SCALE, OPEN = 1, 2
HOSTILE = '<img src=x onerror="window.pwned=1">Geen cadeaus'
REJECTED = "Iets wat de zaal nooit mag zien"
PENDING = "Nog niet gekeurd"
AGENDA = ["Nevenfuncties voor 1 maart op de website", '<b onmouseover="window.pwned=3">vet</b>']

DECK = """
id = "telefoon"
titel = "Telefoonproef"
soort = "warming-up"
taal = "nl"

[[kaart]]
id = "cijfer"
titel = "Een cijfer"
lagen = ["gemeente"]
situatie = "Geef de gemeente een cijfer voor openheid."

[[kaart.vraag]]
type = "schaal"
tekst = "Welk cijfer geef je?"
min = 0
max = 10
label_min = "Gesloten"
label_max = "Open"

[[kaart]]
id = "afspraak"
titel = "Een afspraak"
lagen = ["gemeente"]
situatie = "Noem één afspraak die je fractie zou moeten maken."

[[kaart.vraag]]
type = "open"
tekst = "Welke afspraak?"
max_lengte = 280
"""

PROGRAMME = """
titel = "Telefoonavond"
doelgroep = "Tests"
duur_minuten = 30

[privacy]
min_groep = 3
bewaartermijn_maanden = 12

[[onderdeel]]
soort = "welkom"
titel = "Welkom"

[[onderdeel]]
kaart = "telefoon/cijfer"

[[onderdeel]]
kaart = "telefoon/afspraak"

[[onderdeel]]
soort = "afsluiting"
titel = "Afsluiting"
"""

pytestmark = pytest.mark.skipif(
    not HAVE_CHROMIUM, reason="Debian's chromium is not installed (bash .ci/run does)"
)

StartHub = Callable[..., Awaitable[HubHarness]]


@pytest.fixture
async def start_hub(write: WriteFile, tmp_path: Path) -> AsyncIterator[StartHub]:
    """Hubs for the phone evening, in a chosen language (the `--taal` of the session)."""
    paths = [write("kaarten/telefoon.toml", DECK), write("sessies/telefoonavond.toml", PROGRAMME)]
    started: list[HubHarness] = []

    async def start(language: str = "nl") -> HubHarness:
        library = load_checked(paths)
        store = SessionStore.open(tmp_path / f"data{len(started)}")
        controller, _ = Controller.new("telefoonavond", library, date(2026, 11, 30), store)
        i18n.set_language(language)
        try:
            hub = Hub(controller, HubKeys.new(), HubConfig(host="127.0.0.1", port=0))
        finally:
            i18n.set_language(i18n.DEFAULT_LANGUAGE)
        await hub.start()
        harness = HubHarness(hub)
        started.append(harness)
        return harness

    yield start
    for harness in started:
        await harness.close()


async def joined_phone(browser: Browser, harness: HubHarness, **context: Any) -> Page:
    options: dict[str, Any] = {"viewport": SMALL_PHONE, "is_mobile": True, "has_touch": True}
    page = await (await browser.new_context(**(options | context))).new_page()
    page.set_default_timeout(TIMEOUT * 1000)
    await page.goto(f"http://127.0.0.1:{harness.hub.port}/j/{harness.hub.keys.code}")
    await page.locator("#accept").click()
    await expect(page.locator("#status")).not_to_be_empty()
    return page


async def lines_of(page: Page, selector: str) -> list[int]:
    """How many lines of text each matching element takes, as Chromium laid it out."""
    return await page.eval_on_selector_all(  # type: ignore[no-any-return]
        selector,
        """elements => elements.map(element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return tops.size;
        })""",
    )


async def test_counter_and_scale_never_wrap_on_a_360px_phone(
    browser: Browser, start_hub: StartHub
) -> None:
    harness = await start_hub()
    page = await joined_phone(browser, harness)
    boss = await harness.facilitator()
    await harness.command(boss, "go_to", index=SCALE)
    await harness.command(boss, "open_voting")
    await expect(page.locator(".scale button")).to_have_count(11)
    assert await lines_of(page, ".scale button") == [1] * 11
    ten = page.locator('[data-choice="10"]')
    assert await ten.inner_text() == "10"
    await shot(page, "12-scale-360px")

    await harness.command(boss, "go_to", index=OPEN)
    await harness.command(boss, "open_voting")
    await expect(page.locator("#open-count")).to_have_text("0/280")
    assert await lines_of(page, "#open-count") == [1]
    await page.locator("#open-text").fill("Een afspraak over nevenfuncties " * 3)
    await expect(page.locator("#open-count")).to_have_text("96/280")
    assert await lines_of(page, "#open-count") == [1]
    await shot(page, "13-open-360px")


async def test_approved_texts_after_reveal_and_the_agenda_at_the_end(
    browser: Browser, start_hub: StartHub
) -> None:
    harness = await start_hub()
    page = await joined_phone(browser, harness)
    await expect(page.locator("#welcome")).to_contain_text("Welkom, we beginnen zo")
    boss = await harness.facilitator()
    await harness.command(boss, "go_to", index=OPEN)
    await harness.command(boss, "open_voting")
    state = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    round_id = state["round"]["id"]
    for text in (HOSTILE, REJECTED, PENDING):
        ws, _ = await harness.phone()
        await ws.send(json.dumps({"type": "text", "round": round_id, "text": text}))
        await receive(ws, "ack")
    state = await state_where(boss, lambda s: len(s["pending_texts"]) == 3)
    ids = {entry["text"]: entry["id"] for entry in state["pending_texts"]}
    await harness.command(boss, "moderate", text_id=ids[HOSTILE], approve=True)
    await harness.command(boss, "moderate", text_id=ids[REJECTED], approve=False)
    await harness.command(boss, "close_voting")
    await expect(page.locator("#question")).to_contain_text("gesloten")
    await expect(page.locator("#question")).not_to_contain_text(HOSTILE)
    await harness.command(boss, "reveal")

    texts = page.locator("#results .texts li")
    await expect(texts).to_have_count(1)
    await expect(texts).to_have_text(HOSTILE)  # as text, never as markup
    await expect(page.locator("#results")).to_contain_text("3 antwoorden")
    body = await page.locator("body").inner_text()
    assert REJECTED not in body and PENDING not in body
    assert await page.evaluate("window.pwned") is None
    await shot(page, "14-approved-texts")

    for entry in AGENDA:
        await harness.command(boss, "add_agenda", text=entry)
    await expect(page.locator("#agenda")).to_be_hidden()
    await harness.command(boss, "end")
    await expect(page.locator("#ended")).to_be_visible()
    agenda = page.locator("#agenda-list li")
    await expect(agenda).to_have_text(AGENDA)
    await expect(page.locator("#agenda")).to_contain_text("Dit spraken we samen af")
    assert await page.evaluate("window.pwned") is None
    await shot(page, "15-ended-agenda")


async def test_the_page_speaks_the_sessions_language_and_switches(
    browser: Browser, start_hub: StartHub
) -> None:
    harness = await start_hub("en")
    context = await browser.new_context(viewport=SMALL_PHONE, is_mobile=True)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT * 1000)
    url = f"http://127.0.0.1:{harness.hub.port}/j/{harness.hub.keys.code}"
    await page.goto(url)
    assert await page.evaluate("document.documentElement.lang") == "en"
    await expect(page.locator("#privacy h1")).to_have_text("Welcome")
    await expect(page.locator("#accept")).to_have_text("I take part")
    await page.locator("#accept").click()
    await expect(page.locator("#welcome")).to_contain_text("Welcome, we will begin shortly")
    await expect(page.locator("#status")).to_have_text("Connected")

    await page.locator("#language").click()  # "Nederlands"
    await expect(page.locator("#welcome")).to_contain_text("Welkom, we beginnen zo")
    await expect(page.locator("#status")).to_have_text("Verbonden")
    assert await page.evaluate("document.documentElement.lang") == "nl"
    await expect(page.locator("#language")).to_have_text("English")

    await page.reload()  # the choice is remembered on this phone
    await expect(page.locator("#welcome")).to_contain_text("Welkom, we beginnen zo")
    boss = await harness.facilitator()
    await harness.command(boss, "go_to", index=SCALE)
    await harness.command(boss, "open_voting")
    await expect(page.locator("#q-phase")).to_be_empty()
    await page.locator('[data-choice="7"]').click()
    await expect(page.locator("#ack")).to_contain_text("Je stem is ontvangen")
    await page.locator("#language").click()
    await expect(page.locator("#ack")).to_contain_text("Your vote was received")


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_everything_the_page_loads_fits_8_kib_of_gzip(
    browser: Browser, start_hub: StartHub, language: str
) -> None:
    """What a phone downloads to show the page: every HTTP response, counted as the encoded
    (gzip) body bytes Chromium received."""
    harness = await start_hub(language)
    context = await browser.new_context(viewport=SMALL_PHONE, is_mobile=True)
    page = await context.new_page()
    responses: list[Any] = []
    page.on("response", lambda answer: responses.append(answer))
    await page.goto(f"http://127.0.0.1:{harness.hub.port}/j/{harness.hub.keys.code}")
    await page.locator("#accept").click()
    await expect(page.locator("#welcome")).to_be_visible()
    loaded = [r for r in responses if r.request.resource_type != "websocket"]
    assert {r.url.rsplit("/", 1)[-1] for r in loaded} == {
        harness.hub.keys.code,
        "app.js",
        "app.css",
    }
    sizes = {}
    for answer in loaded:
        headers = await answer.all_headers()
        assert headers.get("content-encoding") == "gzip", answer.url
        sizes[answer.url.rsplit("/", 1)[-1]] = (await answer.request.sizes())["responseBodySize"]
    total = sum(sizes.values())
    print(f"{language}: {total} gzip bytes on the wire: {sizes}")
    assert total <= BUDGET, sizes
    await context.close()
