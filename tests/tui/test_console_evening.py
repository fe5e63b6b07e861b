"""The console through an evening without surprises (issue 13): honest counts, a visible
lock, an item list for `g`, Ctrl+Q that asks, a Dutch command palette, and 80x24."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.conftest import WriteFile
from tests.tui.conftest import (
    EVENING,
    SIZE,
    MakeOptions,
    Phone,
    app_with,
    screen_text,
    text_of,
    until,
)
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.confirm import Confirm
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen
from workshop.tui.screens.moderation import ModerationScreen
from workshop.tui.screens.notes import NotesScreen
from workshop.tui.screens.pick_item import PickItem
from workshop.tui.screens.prompt import TextPrompt
from workshop.tui.screens.start import StartScreen
from workshop.tui.screens.summary import SummaryScreen

SMALL = (80, 24)


async def to_item(pilot: Pilot[Any], app: WorkshopApp, *keys: str) -> None:
    """From the lobby into the programme, then `keys` one at a time."""
    await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ItemScreen))
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_withheld_round_says_too_few_votes_never_a_count(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "n", "o")
        phone = await Phone.join(app)
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        assert (await phone.send(type="vote", round=round_id, choice="A"))["type"] == "ack"
        await until(pilot, lambda: "Gestemd 1 van 1" in text_of(app, "#counts"))
        await pilot.press("s")
        await pilot.pause()
        counts = text_of(app, "#counts")
        assert counts == "te weinig stemmen (minder dan 3)"
        assert "Gestemd" not in screen_text(app).splitlines()[0]


async def test_an_item_without_a_vote_counts_no_votes(options: MakeOptions) -> None:
    """The welcome has nothing to vote on: the header says who is here, not 'Gestemd 0'."""
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app)
        await Phone.join(app)
        await until(pilot, lambda: text_of(app, "#counts") == "1 online")
        assert "Gestemd" not in screen_text(app).splitlines()[0]


async def test_an_open_question_counts_answers(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "g", "4", "enter", "o")
        assert text_of(app, "#counts").startswith("Antwoorden 0 van 0")


async def test_joining_closed_is_in_the_header_and_a_notice(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app)
        assert "aanmelden dicht" not in screen_text(app).splitlines()[0]
        await pilot.press("l")
        await pilot.pause()
        assert app.session.locked
        assert "aanmelden dicht" in screen_text(app).splitlines()[0]
        assert any("Aanmelden is dicht" in n.message for n in app._notifications)
        await pilot.press("l")
        await pilot.pause()
        assert "aanmelden dicht" not in screen_text(app).splitlines()[0]
        assert any("weer open" in n.message for n in app._notifications)


async def test_g_shows_the_items_to_choose_from(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "g")
        assert isinstance(app.screen, PickItem)
        shown = screen_text(app)
        for title in ("Welkom", "Een etentje na de inspraakavond", "Afsluiting"):
            assert title in shown
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert app.session.item_index == 2
        await pilot.press("g", "escape")
        assert app.session.item_index == 2 and isinstance(app.screen, ItemScreen)


async def test_ctrl_q_mid_evening_asks_first(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.is_running
        assert "stoppen" in text_of(app, "Confirm Static").lower()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("j")
        await until(pilot, lambda: not app.is_running)


async def test_the_command_palette_has_no_english_system_commands(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Stoppen" in titles and "Hulp" in titles
        for english in ("Quit", "Theme", "Screenshot", "Maximize", "Minimize", "Keys"):
            assert not any(english.lower() in title.lower() for title in titles), titles


async def test_80x24_shows_the_whole_header_and_footer(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SMALL) as pilot:
        await to_item(pilot, app, "n", "o", "l")
        lines = screen_text(app).splitlines()
        header, footer = lines[0].rstrip(), lines[-1].rstrip()
        assert len(header) < 80 and header.endswith("online"), header
        assert "Timer 01:0" not in header and "00:30" in header
        assert "aanmelden dicht" in header
        assert footer.endswith("f1 Hulp") and "e Afronden" in footer, footer
        await pilot.press("s", "l")
        await pilot.pause()
        header = screen_text(app).splitlines()[0].rstrip()
        assert header.endswith("te weinig stemmen (minder dan 3)"), header


def header_parts(app: WorkshopApp) -> list[str]:
    """The full text of every part of the status line that is displayed."""
    bar = app.screen.query_one("#status-bar")
    return [str(part.render()).strip() for part in bar.children if part.display]


async def test_80x24_header_fits_with_joining_closed_and_a_withheld_second_round(
    options: MakeOptions,
) -> None:
    """Joining closed and a withheld result together (also in the dilemma's second round):
    every part of the header is on screen whole, in its short form."""

    def check(phase: str) -> None:
        header = screen_text(app).splitlines()[0]
        parts = header_parts(app)
        assert parts == [phase, "01:00", "één scherm", "aanmelden dicht", "te weinig stemmen (<3)"]
        for part in parts:
            assert part in header, (part, header)
        assert header.rstrip().endswith("te weinig stemmen (<3)"), header

    app = app_with(options())
    async with app.run_test(size=SMALL) as pilot:
        await to_item(pilot, app, "n", "n", "o", "l", "s")
        check("Gesloten")
        for key in ("u", "h", "o", "s", "u"):
            await pilot.press(key)
            await pilot.pause()
        assert app.session.current_round.attempt == 2  # type: ignore[union-attr]
        check("Uitslag · 2e ronde")


async def test_80x24_trainer_panel_keeps_question_and_options_in_view(
    options: MakeOptions,
) -> None:
    app = app_with(options())
    async with app.run_test(size=SMALL) as pilot:
        await to_item(pilot, app, "n", "n", "d", "j")
        assert app.screen.query_one("#trainer-panel").display
        shown = screen_text(app)
        assert "Doorvragen" in shown  # the panel is open beside the room view
        for option in ("Ik ga, maar betaal", "Ik stel een gesprek", "Ik sla de", "Ik ga en meld"):
            assert option in shown, shown
        assert "Wat doe je?" in shown
        assert shown.splitlines()[-1].rstrip().endswith("f1 Hulp")


async def test_after_a_crash_the_unfinished_session_comes_first(options: MakeOptions) -> None:
    first = app_with(options())
    async with first.run_test(size=SIZE) as pilot:
        await to_item(pilot, first, "n", "n")  # stopped at item 3 of 5, never ended
        await first.shutdown()
    # The programme file's folder is among the decks, so the start screen can resume it.
    programme_folder = Path(str(options().programme)).parent
    extra = [*options().extra_decks, programme_folder]
    app = app_with(options(start_now=False, programme=None, extra_decks=extra))
    async with app.run_test(size=SIZE) as pilot:
        choices = app.screen.query_one("#programmes", OptionList)
        await until(pilot, lambda: choices.option_count > 0)
        top = str(choices.get_option_at_index(0).prompt)
        assert top.startswith("Verder met: Proefavond van 2026-11-30")
        assert "onderdeel 3 van 5" in top
        assert choices.highlighted == 0 and choices.has_focus
        # A new programme while one is unfinished: asked first; "no" changes nothing.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "onafgemaakte sessie (Proefavond)" in text_of(app, "Confirm Static")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.opened is None
        await pilot.press("up", "enter")  # resume
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert app.session.item_index == 2


async def test_a_broken_deck_is_written_on_the_start_screen(
    options: MakeOptions, write: WriteFile
) -> None:
    broken = write("kapot/deck.toml", 'id = "kapot"\nsoort = "quiz"\n')
    app = app_with(options(start_now=False, programme=None, extra_decks=[broken.parent]))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query_one("#start-problem").display)
        problem = text_of(app, "#start-problem")
        assert "kan zo niet starten" in problem and "kapot" in problem
        assert "kapot" in screen_text(app) and app.is_running


async def test_nothing_to_resume_is_written_on_the_start_screen(options: MakeOptions) -> None:
    app = app_with(options(programme=None, resume=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await until(pilot, lambda: app.screen.query_one("#start-problem").display)
        assert "kan zo niet starten" in text_of(app, "#start-problem")
        assert app.is_running


async def test_moderation_says_nothing_to_moderate_once_empty(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "g", "4", "enter", "o")
        phone = await Phone.join(app)
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        assert (await phone.send(type="text", round=round_id, text="Een idee"))["type"] == "ack"
        await until(pilot, lambda: bool(app.session.pending_texts()))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, ModerationScreen))
        assert "1 tekst wacht." in screen_text(app)  # one mirrored screen: hidden, singular
        await pilot.press("t", "j")
        await pilot.pause()
        shown = screen_text(app)
        assert "Niets te keuren" in shown and "Een idee" not in shown


async def test_a_adds_a_note_and_never_overwrites_the_last(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "n")
        index = app.session.item_index
        for note in ("eerste", "tweede"):
            await pilot.press("a", "j")  # one mirrored screen: the warning first
            await until(pilot, lambda: isinstance(app.screen, TextPrompt))
            assert app.screen.query_one(Input).value == ""  # never the old note
            await pilot.press(*note, "enter")
            await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert app.session.notes[index] == ["eerste", "tweede"]

        # Changing one is explicit: W lists them, E changes the highlighted one, its text
        # there to extend (not selected: typing adds, it does not replace).
        await pilot.press("w", "j")
        await until(pilot, lambda: isinstance(app.screen, NotesScreen))
        assert "1. eerste" in screen_text(app) and "2. tweede" in screen_text(app)
        await pilot.press("down", "e")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))
        assert app.screen.query_one(Input).value == "tweede"
        await pilot.press("!", "enter")
        await until(pilot, lambda: isinstance(app.screen, NotesScreen))
        assert app.session.notes[index] == ["eerste", "tweede!"]

        # Deleting asks first; "no" keeps it.
        await pilot.press("up", "x")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NotesScreen))
        assert app.session.notes[index] == ["eerste", "tweede!"]
        await pilot.press("x", "j")
        await until(pilot, lambda: app.session.notes.get(index) == ["tweede!"])
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))


async def test_export_defaults_to_the_documents_folder(
    options: MakeOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documenten"
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    app = app_with(options(export_dir=None))
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "e", "j")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))
        folder = documents / "workshop-verslagen"
        assert app.screen.query_one(Input).value == str(folder)
        await pilot.press("enter")
        await until(pilot, lambda: folder.is_dir() and any(folder.glob("verslag-*.md")))
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# Every item planned (the loader wants minutes on all once one has them), the first card
# closing by itself at zero, and a ten-minute break.
TIMED = (
    EVENING.replace("duur_minuten = 60", "duur_minuten = 90")
    .replace("[[onderdeel]]\n", "[[onderdeel]]\nminuten = 12\n")
    .replace("timer = 30\n", "timer = 30\ntimer_sluit = true\n")
    .replace(
        '[[onderdeel]]\nminuten = 12\nkaart = "open/idee"\n',
        '[[onderdeel]]\nsoort = "pauze"\ntitel = "Koffie"\nminuten = 10\n\n'
        '[[onderdeel]]\nminuten = 12\nkaart = "open/idee"\n',
    )
)


async def test_timer_sluit_closes_the_vote_at_zero_and_a_break_counts_down(
    options: MakeOptions, write: WriteFile
) -> None:
    now = [1000.0]
    programme = write("eigen-sessies/getimed.toml", TIMED)
    app = app_with(options(programme=str(programme), clock=lambda: now[0]))
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "n", "o")
        assert text_of(app, "#phase") == "Stemming open"
        now[0] += 29
        await pilot.pause(0.6)
        assert text_of(app, "#phase") == "Stemming open"  # one second left
        now[0] += 1
        await until(pilot, lambda: text_of(app, "#phase") == "Stemming gesloten")
        assert any("vanzelf gesloten" in n.message for n in app._notifications)

        # Without timer_sluit the dilemma stays open when its time is up.
        await pilot.press("n", "o")
        now[0] += 61
        await pilot.pause(1.2)
        assert text_of(app, "#phase") == "Stemming open"

        # The break: its ten minutes count down once the trainer starts the timer.
        await pilot.press("s", "n")
        await until(pilot, lambda: "Pauze" in text_of(app, "#phase"))
        assert "10:00" in text_of(app, "#timer")
        await pilot.press("t")
        now[0] += 60
        await until(pilot, lambda: "09:00" in text_of(app, "#timer"))
