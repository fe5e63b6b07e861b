"""SVG snapshots of the key screens (fixed size, URL, code and clock).

Review a changed picture before `pytest --snapshot-update`; never edit an SVG by hand.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.tui.conftest import SIZE, MakeOptions, Phone, app_with, until
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen
from workshop.tui.screens.moderation import ModerationScreen
from workshop.tui.screens.summary import SummaryScreen

HOSTILE = "[@click=app.quit]x[/] [bold red]rood <script>alert(1)</script>"


async def lobby_with(pilot: Pilot[Any], phones: int) -> list[Phone]:
    app = pilot.app
    assert isinstance(app, WorkshopApp)
    await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
    joined = [await Phone.join(app) for _ in range(phones)]
    await until(pilot, lambda: app.session.connected_count == phones)
    return joined


async def vote(pilot: Pilot[Any], phones: list[Phone], answers: str) -> None:
    app = pilot.app
    assert isinstance(app, WorkshopApp)
    round_id = app.session.current_round.id  # type: ignore[union-attr]
    for phone, answer in zip(phones, answers, strict=False):
        await phone.send(type="vote", round=round_id, choice=answer)
    await until(pilot, lambda: app.session.current_round.voted == len(answers))  # type: ignore[union-attr]
    await pilot.pause(0.3)  # one broadcast tick reaches the screen


async def settle(pilot: Pilot[Any]) -> None:
    pilot.app.clear_notifications()
    await pilot.pause(0.2)


def test_start_screen(snap_compare: Any, options: MakeOptions) -> None:
    """The start screen: the three built-in programmes, the kandidatenavond first and
    highlighted, and the optional names field with its hint (every part of a name is removed;
    on disk only an unreadable fingerprint until the session ends)."""

    async def ready(pilot: Pilot[Any]) -> None:
        programmes = pilot.app.screen.query_one("#programmes", OptionList)
        await until(pilot, lambda: programmes.option_count >= 3)

    app = app_with(options(start_now=False, programme=None))
    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_lobby_with_qr(snap_compare: Any, options: MakeOptions) -> None:
    """The lobby on one mirrored screen: above, the header 'Eén scherm: de zaal ziet dit
    venster...'; below it the room's lobby, the same as `workshop scherm` draws: a
    black-on-white QR code on the left; on the right the URL http://192.168.1.23:8765/j/K7HX4M,
    the code K7HX4M in big type, and 3 phones connected in big digits; the footer offers
    Enter to begin, L to lock joining and B for the black screen."""

    async def ready(pilot: Pilot[Any]) -> None:
        await lobby_with(pilot, 3)
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)


def test_open_voting_with_live_counts(snap_compare: Any, options: MakeOptions) -> None:
    """The warming-up question with voting open. Status bar: 'Stemming open' highlighted,
    'Timer 00:30', the badge 'één scherm', 'Gestemd 3 van 4 · 4 online'. Below, what the
    room sees: 'Stem nu op je telefoon', 3 in big digits 'van 4 gestemd', the timer 00:30
    in big digits, the question with options A-D, no results (blind); the footer shows
    'Stemming sluiten' but not 'Stemming openen'."""

    async def ready(pilot: Pilot[Any]) -> None:
        phones = await lobby_with(pilot, 4)
        await pilot.press("enter", "n", "o")
        await vote(pilot, phones, "ABB")
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)


def test_revealed_results(snap_compare: Any, options: MakeOptions) -> None:
    """The warming-up after reveal, in the room's view: 'De uitslag', bars with counts and
    percentages for A-D (A 1 25%, B 2 50%, C 1 25%, D 0 0%) and '4 stemmen'; no timer."""

    async def ready(pilot: Pilot[Any]) -> None:
        phones = await lobby_with(pilot, 4)
        await pilot.press("enter", "n", "o")
        await vote(pilot, phones, "ABBC")
        await pilot.press("s", "u")
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)


def test_before_after_with_shift(snap_compare: Any, options: MakeOptions) -> None:
    """The dilemma after its revote: 'Voor het gesprek' and 'Na het gesprek' side by side,
    and '2 deelnemers kozen na het gesprek anders; van A naar C: 1; van B naar C: 1'; the
    trainer panel (opened after the 'zichtbaar voor de zaal' warning) on the right with the
    agenda count, doorvragen, wat-als and the legal background."""

    async def ready(pilot: Pilot[Any]) -> None:
        phones = await lobby_with(pilot, 4)
        await pilot.press("enter", "g")
        await pilot.press("3", "enter", "d", "j", "o")
        await vote(pilot, phones, "AABB")
        await pilot.press("s", "u", "h")
        await vote(pilot, phones, "ACCB")
        await pilot.press("s", "u")
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)


def test_moderation_queue(snap_compare: Any, options: MakeOptions) -> None:
    """The moderation queue over the open question after T (one mirrored screen: the texts
    stay hidden until the trainer shows them): three texts, the first shown literally as
    '[@click=app.quit]x[/] [bold red]rood <script>alert(1)</script>' (no markup applied),
    the phone number already scrubbed in the second; J approves, X rejects."""

    async def ready(pilot: Pilot[Any]) -> None:
        phones = await lobby_with(pilot, 3)
        app = pilot.app
        assert isinstance(app, WorkshopApp)
        await pilot.press("enter", "g")
        await pilot.press("4", "enter", "o")
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        for phone, text in zip(
            phones, [HOSTILE, "Bel 06-12345678", "Geen cadeaus aannemen"], strict=True
        ):
            await phone.send(type="text", round=round_id, text=text)
        await until(pilot, lambda: len(app.session.pending_texts()) == 3)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, ModerationScreen))
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)


def test_help(snap_compare: Any, options: MakeOptions) -> None:
    """The help screen over the item view: every key with its Dutch description, from
    'Stemming openen' to 'Afronden' (with 'Zwart scherm' on B), plus F1, Ctrl+Q and Ctrl+P
    for the command palette."""

    async def ready(pilot: Pilot[Any]) -> None:
        await lobby_with(pilot, 0)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ItemScreen))
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)


def test_summary(snap_compare: Any, options: MakeOptions) -> None:
    """The end screen on one mirrored screen: the room's end, as `workshop scherm` shows it
    ('BEDANKT' in big type, the thank-you, 'Proefavond' with '2026-11-30 · 4 deelnemers',
    the empty integriteitsagenda, then '2. Hoe ben je hier gekomen?' with bars A 1, B 2,
    C 1, D 0 and '4 stemmen'); not the Markdown report, which holds the trainer's notes;
    the footer offers X to save the report."""

    async def ready(pilot: Pilot[Any]) -> None:
        phones = await lobby_with(pilot, 4)
        await pilot.press("enter", "n", "o")
        await vote(pilot, phones, "ABBC")
        await pilot.press("s", "u", "e", "j")
        await until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))
        await settle(pilot)

    assert snap_compare(app_with(options()), terminal_size=SIZE, run_before=ready)
