"""A complete evening driven from the keyboard, with real phones on a real in-process hub."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.conftest import WriteFile
from tests.tui.conftest import (
    CODE,
    SIZE,
    URL,
    MakeOptions,
    Phone,
    app_with,
    screen_text,
    text_of,
    until,
)
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen
from workshop.tui.screens.moderation import ModerationScreen
from workshop.tui.screens.summary import SummaryScreen

HOSTILE = "[@click=app.quit]x[/] [bold red]rood <script>alert(1)</script>"


async def vote_all(app: object, phones: list[Phone], answers: str) -> None:
    session = app.session  # type: ignore[attr-defined]
    round_id = session.current_round.id
    for phone, answer in zip(phones, answers, strict=True):
        reply = await phone.send(type="vote", round=round_id, choice=answer)
        assert reply["type"] == "ack", reply


async def test_complete_evening(options: MakeOptions, tmp_path: Path) -> None:
    app = app_with(options(names=["Jan Jansen"]))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        assert text_of(app, "#room-url") == f"{URL}/j/{CODE}"

        phones = [await Phone.join(app) for _ in range(4)]
        await until(pilot, lambda: app.screen.query_one("#room-joined").value == "4")

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert text_of(app, "#room-title") == "Welkom"
        assert "Onderdeel 1 van 5" in text_of(app, "#progress")

        # Warming-up: open, four votes arrive, close, reveal.
        await pilot.press("n", "o")
        assert text_of(app, "#phase") == "Stemming open"
        await vote_all(app, phones, "ABBC")
        await until(pilot, lambda: "Gestemd 4 van 4" in text_of(app, "#counts"))
        assert not app.screen.query_one("#room-results").display  # blind until revealed
        await pilot.press("s", "u")
        results = text_of(app, "#room-results")
        assert "4 stemmen" in results
        assert "B" in results and "50%" in results

        # Dilemma with a revote after the discussion.
        await pilot.press("n")
        assert text_of(app, "#room-title") == "Een etentje na de inspraakavond"
        # One mirrored screen: the trainer panel opens only after the warning is confirmed.
        item_screen = app.screen
        await pilot.press("d")
        assert not item_screen.query_one("#trainer-panel").display
        assert "zichtbaar voor de zaal" in text_of(app, "Confirm Static").lower()
        await pilot.press("j")
        assert item_screen.query_one("#trainer-panel").display
        assert "Gemeentewet art. 14" in text_of(app, "#trainer-text")
        await pilot.press("o")
        await vote_all(app, phones, "AABB")
        await until(pilot, lambda: "Gestemd 4 van 4" in text_of(app, "#counts"))
        await pilot.press("s", "u", "h")
        # At 100 columns the second round's header takes its short forms, so all of it fits.
        assert "2e ronde" in text_of(app, "#phase")
        await vote_all(app, phones, "ACCB")
        await until(pilot, lambda: "Gestemd 4/4" in text_of(app, "#counts"))
        await pilot.press("s", "u")
        results = " ".join(text_of(app, "#room-results").split())  # undo line wrapping
        assert "Voor het gesprek" in results and "Na het gesprek" in results
        assert "2 deelnemers kozen na het gesprek anders" in results
        assert "van A naar C: 1" in results and "van B naar C: 1" in results

        # An open question: texts are moderated; the approved hostile one shows literally.
        await pilot.press("n", "o")
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        await phones[0].send(type="text", round=round_id, text=HOSTILE)
        await phones[1].send(type="text", round=round_id, text="Bel Jan Jansen: 06-12345678")
        await phones[2].send(type="text", round=round_id, text="Geen cadeaus aannemen")
        await until(pilot, lambda: len(app.session.pending_texts()) == 3)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, ModerationScreen))
        queue = app.screen.query_one("#queue", OptionList)
        prompts = [str(queue.get_option_at_index(i).prompt) for i in range(queue.option_count)]
        # One mirrored screen: only the count until the trainer chooses to show the texts.
        assert prompts == ["Tekst 1 (verborgen)", "Tekst 2 (verborgen)", "Tekst 3 (verborgen)"]
        await pilot.press("j")
        assert len(app.session.pending_texts()) == 3  # nothing approved unread
        await pilot.press("t")
        prompts = [str(queue.get_option_at_index(i).prompt) for i in range(queue.option_count)]
        assert prompts == [HOSTILE, "Bel [naam]: [telefoonnummer]", "Geen cadeaus aannemen"]
        await pilot.press("j")  # approve the first
        await pilot.press("x")  # reject the next
        await pilot.press("j")  # approve the last
        assert app.session.pending_texts() == []
        await pilot.press("escape")
        texts = " ".join(text_of(app, "#room-texts").split())  # undo line wrapping
        assert f"« {HOSTILE} »" in texts and "« Geen cadeaus aannemen »" in texts
        assert "[naam]" not in texts
        await pilot.click("#room-texts")  # the [@click=...] is text, not an action
        assert app.is_running

        # A note with personal data, scrubbed on save; an agenda item.
        await pilot.press("a", "j")  # behind the "zichtbaar voor de zaal" warning
        await pilot.press(*"Jan Jansen belt 0612345678 of mailt jan@example.nl", "enter")
        assert " ".join(text_of(app, "#note").split()).startswith(
            "Notitie 1: [naam] belt [telefoonnummer] of mailt [e-mailadres]"
        )
        await pilot.press("i", "j")
        await pilot.press(*"Giftenregister bijhouden", "enter")
        assert app.session.agenda == ["Giftenregister bijhouden"]

        # End, preview and export.
        await pilot.press("e", "j")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        # One mirrored screen: the room's end, never the report with the trainer's note.
        end = " ".join(screen_text(app).split())
        assert "Dank je wel" in end and "Giftenregister bijhouden" in end
        assert "Na het gesprek" in end
        assert "belt [telefoonnummer]" not in end and "Notitie" not in end
        await pilot.press("x", "enter")
        exported = tmp_path / "export" / f"verslag-{app.session.id}.md"
        await until(pilot, lambda: exported.exists())
        await until(pilot, lambda: str(exported) in text_of(app, "#export-path"))
        report = exported.read_text(encoding="utf-8")
        assert "Geen cadeaus aannemen" in report
        tokens = [phone.token for phone in phones]
        assert not any(token in report for token in tokens)
        assert "06-12345678" not in report and "Jan Jansen" not in report
        for phone in phones:
            await phone.ws.close()

    stored = (tmp_path / "data" / "sessies.json").read_text(encoding="utf-8")
    assert '"ended": true' in stored
    assert not any(token in stored for token in tokens)
    assert "Jan Jansen" not in stored and "12345678" not in stored


async def test_qr_overlay_and_help(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("enter", "c")
        assert text_of(app, "#overlay-url") == f"{URL}/j/{CODE}"
        await pilot.press("escape", "f1")
        keys = text_of(app, "#help-keys")
        for description in (
            "Stemming openen",
            "Uitslag tonen",
            "Herstemming",
            "Notitie",
            "Agendapunt",
            "Afronden",
            "Hulp",
            "Alle opdrachten zoeken",
        ):
            assert description in keys


async def test_refused_command_is_a_notice_not_a_crash(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("enter")
        assert app.run_command("reveal") is False
        await pilot.pause()
        assert app.is_running


async def test_start_screen_lists_programmes_with_kandidatenavond_first(
    options: MakeOptions,
) -> None:
    app = app_with(options(start_now=False, programme=None))
    async with app.run_test(size=SIZE) as pilot:
        programmes = app.screen.query_one("#programmes", OptionList)
        await until(pilot, lambda: programmes.option_count >= 3)
        assert programmes.get_option_at_index(0).id == "kandidatenavond"
        assert programmes.highlighted == 0 and programmes.has_focus
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        assert app.session.programme.id == "kandidatenavond"


async def test_english(options: MakeOptions) -> None:
    from workshop import i18n

    i18n.set_language("en")
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        assert "Scan the QR code" in text_of(app, ".room-label")


async def test_command_palette_offers_the_screen_keys(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("enter", "n")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Stemming openen" in titles and "Notitie" in titles and "Hulp" in titles
        assert "Uitslag tonen" not in titles  # not possible in this phase
        opener = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Stemming openen"
        )
        await opener.callback()
        await pilot.pause()
        assert text_of(app, "#phase") == "Stemming open"


async def test_moderation_keeps_the_highlight_on_the_text_read(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        first, second = await Phone.join(app), await Phone.join(app)
        await pilot.press("enter", "g")
        await pilot.press("4", "enter", "o")
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        await first.send(type="text", round=round_id, text="Eerste tekst")
        await second.send(type="text", round=round_id, text="Tweede tekst")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, ModerationScreen))
        await pilot.press("t", "down")  # the trainer shows the texts and reads the second
        await first.send(type="text", round=round_id, text="Nieuwe eerste tekst")
        await until(
            pilot,
            lambda: (
                [t.text for _, t in app.session.pending_texts()]
                == ["Tweede tekst", "Nieuwe eerste tekst"]
            ),
        )
        await pilot.pause(0.3)  # a broadcast tick rebuilds the queue
        await pilot.press("j")
        assert app.session.current_round.approved_texts == ["Tweede tekst"]  # type: ignore[union-attr]


async def test_a_broken_deck_is_reported_on_the_start_screen(
    options: MakeOptions, write: WriteFile
) -> None:
    broken = write("kapot/deck.toml", 'id = "kapot"\nsoort = "quiz"\n')
    app = app_with(options(start_now=False, programme=None, extra_decks=[broken.parent]))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(app._notifications))
        (notice,) = list(app._notifications)
        assert "kapot" in notice.message and notice.severity == "error"
        assert app.is_running


async def test_go_to_ignores_odd_digits(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("enter", "g", "²", "enter")
        await pilot.pause()
        assert app.is_running and app.session.item_index == 0
