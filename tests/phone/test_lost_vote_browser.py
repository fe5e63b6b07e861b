"""A phone whose vote was lost when the program stopped is told so and can vote again
(Debian's Chromium driven by Playwright, against a real hub that stops and is resumed)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.browser import HAVE_CHROMIUM, shot
from tests.phone.test_browser import (  # noqa: F401 (fixtures)
    Restartable,
    open_dilemma,
    phone_page,
    restartable,
)

pytestmark = pytest.mark.skipif(
    not HAVE_CHROMIUM, reason="Debian's chromium is not installed (bash .ci/run does)"
)


async def test_a_vote_lost_in_a_stop_is_told_and_can_be_cast_again(
    browser: Browser,
    restartable: Restartable,  # noqa: F811
) -> None:
    harness = await restartable.start()
    page = await phone_page(browser)
    await page.goto(f"http://127.0.0.1:{restartable.port}/j/{restartable.keys.code}")
    await page.locator("#accept").click()
    boss = await harness.facilitator()
    await harness.command(boss, "show_lobby", shown=False)
    boss, round_id = await open_dilemma(harness)
    await expect(page.locator("#question")).to_be_visible()
    await page.locator('[data-choice="B"]').click()
    await expect(page.locator("#ack")).to_contain_text("Je stem is ontvangen")

    # The program stops with the round open: its votes were never written down.
    await boss.close()
    await restartable.stop()
    await expect(page.locator("#status")).to_contain_text("Verbinding kwijt")
    harness = await restartable.start(resume=True)
    await expect(page.locator("#status")).to_contain_text("Verbonden", timeout=15000)

    # Not "received" any more: the phone says the vote was lost and asks again.
    error = page.locator("#error")
    await expect(error).to_be_visible()
    await expect(error).to_have_text(
        "Door een storing is je stem op deze vraag verloren gegaan. Stem opnieuw."
    )
    await expect(page.locator("#ack")).to_be_hidden()
    await expect(page.locator('[data-choice="B"]')).not_to_have_class(re.compile(r"\bchosen\b"))
    await shot(page, "08-vote-lost")
    session = harness.hub.controller.session
    assert session.current_round is not None and session.current_round.id == round_id
    assert session.current_round.answers == {}

    await page.locator('[data-choice="B"]').click()
    await expect(page.locator("#ack")).to_contain_text("Je stem is ontvangen")
    await expect(error).to_be_hidden()
    assert list(session.current_round.answers.values()) == ["B"]
    await harness.close()
