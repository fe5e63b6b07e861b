"""The phone page in a real browser (Debian's Chromium, driven by Playwright) against a real hub.

Screenshots of every screen at a phone size are saved in artifacts/phone/.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser import HAVE_CHROMIUM, shot
from tests.conftest import WriteFile
from tests.hub.conftest import TIMEOUT, HubHarness, receive, state_where
from workshop.decks import load_checked
from workshop.hub.keys import HubKeys
from workshop.hub.server import Hub, HubConfig
from workshop.session.controller import Controller
from workshop.store import SessionStore

PHONE = {"width": 390, "height": 844}
DILEMMA = 1
HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'

pytestmark = pytest.mark.skipif(
    not HAVE_CHROMIUM, reason="Debian's chromium is not installed (bash .ci/run does)"
)


async def phone_page(browser: Browser) -> Page:
    context = await browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT * 1000)
    return page


class Restartable:
    """A hub that can be stopped and resumed from its data folder on the same port."""

    def __init__(self, paths: list[Path], data: Path) -> None:
        self.paths = paths
        self.data = data
        self.keys = HubKeys.new()
        self.hub: Hub | None = None
        self.port = 0

    async def start(self, resume: bool = False) -> HubHarness:
        library = load_checked(self.paths)
        store = SessionStore.open(self.data)
        today = date(2026, 11, 30)
        if resume:
            resumed = Controller.resume(store, library)
            assert resumed is not None
            controller = resumed[0]
        else:
            controller, _ = Controller.new("motorproef", library, today, store)
        keys = HubKeys(self.keys.secret, self.keys.code, self.keys.facilitator_key)
        self.hub = Hub(controller, keys, HubConfig(host="127.0.0.1", port=self.port))
        await self.hub.start()
        self.port = self.hub.port
        return HubHarness(self.hub)

    async def stop(self) -> None:
        assert self.hub is not None
        await self.hub.stop()


@pytest.fixture
async def restartable(
    engine_paths: list[Path], tmp_path: Path, write: WriteFile
) -> AsyncIterator[Restartable]:
    programme = engine_paths[-1]
    text = programme.read_text(encoding="utf-8").replace(
        'titel = "Welkom"', f'titel = "Welkom"\ntekst = {json.dumps(HOSTILE)}'
    )
    programme.write_text(text, encoding="utf-8")
    hub = Restartable(engine_paths, tmp_path / "data")
    yield hub
    if hub.hub is not None:
        await hub.hub.stop()


async def open_dilemma(harness: HubHarness) -> tuple[Any, int]:
    boss = await harness.facilitator()
    await harness.command(boss, "go_to", index=DILEMMA)
    await harness.command(boss, "open_voting")
    state = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    return boss, state["round"]["id"]


async def test_a_whole_round_on_a_phone(browser: Browser, restartable: Restartable) -> None:
    harness = await restartable.start()
    url = f"http://127.0.0.1:{restartable.port}/j/{restartable.keys.code}"
    page = await phone_page(browser)
    await page.goto(url)

    await expect(page.locator("#privacy")).to_be_visible()
    await shot(page, "01-privacy")
    await page.locator("#accept").click()

    # The trainer is still in the lobby: a welcome, not the first item.
    await expect(page.locator("#welcome")).to_be_visible()
    await expect(page.locator("#welcome")).to_contain_text("Welkom, we beginnen zo")
    await expect(page.locator("#status")).to_contain_text("Verbonden")
    await shot(page, "02-welcome")
    boss = await harness.facilitator()
    await harness.command(boss, "show_lobby", shown=False)
    await expect(page.locator("#wait")).to_be_visible()
    await expect(page.locator("#wait")).to_contain_text(HOSTILE)  # shown as text
    assert await page.evaluate("window.pwned") is None  # and never run
    await shot(page, "02-waiting")

    boss, round_id = await open_dilemma(harness)
    await expect(page.locator("#question")).to_be_visible()
    await expect(page.locator("#question-text")).to_have_text("Wat doe je?")
    await shot(page, "03-question")

    await page.locator('[data-choice="B"]').click()
    await expect(page.locator("#ack")).to_be_visible()
    await expect(page.locator('[data-choice="B"]')).to_have_class(re.compile(r"\bchosen\b"))
    await shot(page, "04-vote-received")
    session = harness.hub.controller.session
    assert list(session.rounds[-1].answers.values()) == ["B"]

    # The laptop's program stops and comes back with --hervat.
    await boss.close()
    await restartable.stop()
    await expect(page.locator("#status")).to_contain_text("Verbinding kwijt")
    # A vote tapped while offline is kept and clearly marked as not sent yet.
    await page.locator('[data-choice="C"]').click()
    await expect(page.locator("#ack")).to_contain_text("Nog niet verzonden")
    await shot(page, "05-connection-lost")
    harness = await restartable.start(resume=True)
    await expect(page.locator("#status")).to_contain_text("Verbonden", timeout=15000)
    # The open round was reopened empty; the queued vote goes out by itself, once.
    await expect(page.locator("#ack")).to_contain_text("Je stem is ontvangen")
    session = harness.hub.controller.session
    assert session.current_round is not None and session.current_round.id == round_id
    assert list(session.current_round.answers.values()) == ["C"]

    boss = await harness.facilitator()
    # Two more phones (websocket clients) so the result reaches k = 3.
    for answer in ("A", "C"):
        ws, _ = await harness.phone()
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": answer}))
        await receive(ws, "ack")
    await harness.command(boss, "close_voting")
    await expect(page.locator("#question")).to_contain_text("gesloten")
    await shot(page, "06-closed")
    await harness.command(boss, "reveal")
    await expect(page.locator("#results")).to_be_visible()
    rows = page.locator(".result-row")
    await expect(rows).to_have_count(3)
    await expect(page.locator('.result-row[data-key="C"]')).to_contain_text("2")
    await shot(page, "07-results")
    await harness.close()


async def test_typed_code_when_the_camera_does_not_scan(
    browser: Browser, restartable: Restartable
) -> None:
    restartable.keys = dataclasses.replace(restartable.keys, code="DUZSB3")
    await restartable.start()
    page = await phone_page(browser)
    await page.goto(f"http://127.0.0.1:{restartable.port}/")
    await page.locator("#accept").click()
    await expect(page.locator("#code")).to_be_visible()
    await page.locator("#code-input").fill("ZZZZZZ")
    await page.locator("#code-join").click()
    await expect(page.locator("#error")).to_contain_text("code klopt niet")
    await shot(page, "08-code-entry")
    # Read off the projector with look-alikes (0 for D, v for U, 2 for Z ...), lower case.
    await page.locator("#code-input").fill("0v2583")
    await page.locator("#code-join").click()
    await expect(page.locator("#welcome")).to_be_visible()
    await page.wait_for_function("localStorage.getItem('workshop.token') !== null")
    token = await page.evaluate("localStorage.getItem('workshop.token')")
    assert restartable.hub is not None and restartable.hub.issuer.verify(token)


async def test_too_few_votes_and_an_ended_session(
    browser: Browser, restartable: Restartable
) -> None:
    harness = await restartable.start()
    page = await phone_page(browser)
    await page.goto(f"http://127.0.0.1:{restartable.port}/j/{restartable.keys.code}")
    await page.locator("#accept").click()
    boss, _ = await open_dilemma(harness)
    await page.locator('[data-choice="A"]').click()
    await expect(page.locator("#ack")).to_be_visible()
    await harness.command(boss, "close_voting")
    await harness.command(boss, "reveal")
    await expect(page.locator("#results")).to_contain_text("Te weinig stemmen")
    await shot(page, "09-withheld")
    await harness.command(boss, "end")
    await expect(page.locator("#ended")).to_be_visible()
    await shot(page, "10-ended")


async def test_dark_mode_screenshot(browser: Browser, restartable: Restartable) -> None:
    harness = await restartable.start()
    context = await browser.new_context(viewport=PHONE, color_scheme="dark", is_mobile=True)
    page = await context.new_page()
    await page.goto(f"http://127.0.0.1:{restartable.port}/j/{restartable.keys.code}")
    await page.locator("#accept").click()
    await open_dilemma(harness)
    await expect(page.locator("#question")).to_be_visible()
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    await shot(page, "11-question-dark")


async def test_a_running_timer_counts_down_on_the_phone(
    browser: Browser, restartable: Restartable
) -> None:
    """The item's timer: the phone counts down on its own between states and stops at 0."""
    programme = restartable.paths[-1]
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("herstemming = true", "herstemming = true\ntimer = 5"))
    harness = await restartable.start()
    page = await phone_page(browser)
    await page.goto(f"http://127.0.0.1:{restartable.port}/j/{restartable.keys.code}")
    await page.locator("#accept").click()
    boss, _ = await open_dilemma(harness)
    timer = page.locator("#timer")
    await expect(timer).to_have_text("0:05")  # shown, not running yet
    await harness.command(boss, "start_timer")
    await expect(timer).to_have_text("0:04")
    await shot(page, "11-timer")
    await expect(timer).to_have_text("0:01")  # no new state came: it counted by itself
    await expect(timer).to_have_text("0:00")
    await page.wait_for_timeout(1500)
    await expect(timer).to_have_text("0:00")  # and stops there
    await harness.command(boss, "end")
    await expect(timer).to_be_hidden()
