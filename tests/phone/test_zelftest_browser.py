"""The zelftest on a phone in a real browser (Debian's Chromium) against a real hub, while
every WebSocket frame the page sends and every HTTP request it makes is recorded: none
carries an answer, the reflection shows, and the room only learns that one phone finished."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Request, WebSocket, expect

from tests.browser import HAVE_CHROMIUM, shot
from tests.conftest import WriteFile
from tests.hub.conftest import TIMEOUT, HubHarness, receive, start_harness, state_where
from workshop.decks import load_checked
from workshop.decks.library import builtin_paths
from workshop.engine.record import to_record

PROGRAMME = """
titel = "Zelftestavond"
doelgroep = "Kandidaten"
duur_minuten = 30

[[onderdeel]]
soort = "welkom"
titel = "Welkom"

[[onderdeel]]
soort = "zelftest"
titel = "Zelftest"
tekst = "Beantwoord de stellingen op je telefoon. Niemand ziet je antwoorden."
"""

pytestmark = pytest.mark.skipif(
    not HAVE_CHROMIUM, reason="Debian's chromium is not installed (bash .ci/run does)"
)


@pytest.fixture
async def harness(write: WriteFile, tmp_path: Path) -> AsyncIterator[HubHarness]:
    library = load_checked([*builtin_paths(), write("sessies/zelftestavond.toml", PROGRAMME)])
    harness = await start_harness(library, "zelftestavond", tmp_path / "data")
    yield harness
    await harness.close()


async def test_zelftest_answers_never_leave_the_phone(
    browser: Browser, harness: HubHarness
) -> None:
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT * 1000)
    sent: list[str] = []
    requests: list[Request] = []

    def watch(ws: WebSocket) -> None:
        ws.on("framesent", lambda payload: sent.append(str(payload)))

    page.on("websocket", watch)
    page.on("request", lambda request: requests.append(request))
    await page.add_init_script("window.print = () => { window.printed = true; };")

    url = f"http://127.0.0.1:{harness.hub.port}/j/{harness.hub.keys.code}"
    await page.goto(url)
    await page.locator("#accept").click()
    await expect(page.locator("#status")).to_contain_text("Verbonden")
    boss = await harness.facilitator()
    screen = await harness.connect()
    await screen.send(json.dumps({"type": "scherm", "key": harness.hub.keys.screen_key}))
    await receive(screen, "welcome", role="scherm")
    await harness.command(boss, "show_lobby", shown=False)
    await harness.command(boss, "go_to", index=1)

    # Before the first statement: the promise that the answers stay on this phone.
    await expect(page.locator("#zelftest-private")).to_contain_text(
        "Je antwoorden blijven op deze telefoon"
    )
    await shot(page, "zelftest-01-intro")
    await page.locator("#zelftest-start").click()
    statements: list[str] = []
    picked: list[str] = []
    for number in range(16):
        await expect(page.locator("#zelftest .hint").first).to_contain_text(
            f"Stelling {number + 1} van 16"
        )
        statements.append(await page.locator("#zelftest-statement").inner_text())
        # Mostly the first answer ("Ja" / "1 nooit"), sometimes another.
        choice = page.locator("#zelftest [data-answer]").nth(number % 2)
        picked.append(await choice.inner_text())
        await choice.click()
    reflection = page.locator("#zelftest .reflection").first
    await expect(reflection).to_contain_text(
        "Je nevenfuncties moeten openbaar zijn. Bespreek met je partij"
    )
    await expect(page.locator("#zelftest")).to_contain_text(
        "Waar je met je partij over zou kunnen praten"
    )
    await page.locator("#zelftest-save").click()
    assert await page.evaluate("window.printed") is True  # the browser's own print / PDF
    await shot(page, "zelftest-02-reflection")

    # The room learns one phone finished; nothing else.
    room = await state_where(screen, lambda s: (s.get("zelftest") or {}).get("finished") == 1)
    assert room["zelftest"] == {"finished": 1}

    # Every frame the page sent: a join and one content-free "klaar", nothing else.
    kinds = [json.loads(frame)["type"] for frame in sent]
    assert kinds == ["join", "klaar"], sent
    assert json.loads(sent[-1]) == {"type": "klaar"}
    join = json.loads(sent[0])
    assert set(join) <= {"type", "code", "token"} and join["code"] == harness.hub.keys.code
    everything_sent = " ".join(sent)
    for text in [*statements, *(label for label in picked if len(label) > 4)]:
        assert text not in everything_sent
    # Every request: GETs of whitelisted files and the socket, no body, no query.
    paths = []
    for request in requests:
        assert request.method == "GET" and request.post_data is None
        assert "?" not in request.url and "#" not in request.url
        paths.append(request.url.split(str(harness.hub.port), 1)[1])
    assert set(paths) <= {
        f"/j/{harness.hub.keys.code}",
        "/app.js",
        "/app.css",
        "/zelftest.js",
        "/zelftest.json",
        "/ws",
    }, paths
    # And the hub kept nothing of it: not in the session, not in the record.
    record = json.dumps(to_record(harness.hub.controller.session), ensure_ascii=False)
    for text in statements:
        assert text not in record
