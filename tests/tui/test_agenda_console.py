"""The agenda item from the trainer's keyboard: proposals from real phones, K puts the points
to the top-3 vote, the ranked result on the room screen, and R records wie, wat and wanneer."""

from __future__ import annotations

from tests.conftest import WriteFile
from tests.tui.conftest import SIZE, MakeOptions, Phone, app_with, text_of, until
from workshop.tui.screens.agenda_action import AgendaActionPrompt
from workshop.tui.screens.confirm import Confirm
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen

AGENDA_EVENING = """
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

PROPOSALS = ["Giftenregister bijhouden", "Nevenfuncties op de website", "Jaarlijks terugkijken"]


async def test_trainer_records_wie_wat_wanneer(options: MakeOptions, write: WriteFile) -> None:
    programme = write("eigen-sessies/agendavond.toml", AGENDA_EVENING)
    app = app_with(options(programme=str(programme)))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        phones = [await Phone.join(app) for _ in range(3)]
        await until(pilot, lambda: app.session.connected_count == 3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.press("n", "o")  # the agenda item: proposals open
        round_id = app.session.current_round.id
        for phone, text in zip(phones, PROPOSALS, strict=True):
            assert (await phone.send(type="text", round=round_id, text=text))["type"] == "ack"
        await pilot.press("s")
        for _, pending in app.session.pending_texts():
            assert app.run_command("moderate", text_id=pending.id, approve=True)

        await pilot.press("k")  # the top 3 of the approved points, open at once
        vote = app.session.current_round
        assert vote is not None and vote.attempt == 2 and vote.phase.value == "open"
        # The choice of points is not a revote: neither the header nor the room says so.
        await pilot.pause()
        assert "ronde" not in text_of(app, "#phase")  # neither "tweede" nor "2e ronde"
        assert text_of(app, "#room-phase") == "Stem nu op je telefoon"
        for phone, keys in zip(phones, (["B", "A"], ["B", "C"], ["B", "A", "C"]), strict=True):
            assert (await phone.send(type="vote", round=vote.id, choice=keys))["type"] == "ack"
        await until(pilot, lambda: app.session.current_round.voted == 3)
        await pilot.press("s", "u")
        await until(
            pilot, lambda: "Nevenfuncties op de website" in text_of(app, "#room-agenda-vote")
        )
        ranked = text_of(app, "#room-agenda-vote")
        assert ranked.index("Nevenfuncties") < ranked.index("Giftenregister")
        assert "3 keer gekozen" in ranked

        await pilot.press("r")
        if isinstance(app.screen, Confirm):  # one mirrored screen: the room would see this
            await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, AgendaActionPrompt))
        # The first ranked point without an action is proposed: point 2 (Nevenfuncties).
        assert app.screen.query_one("#action-number").value == "2"  # type: ignore[attr-defined]
        await pilot.press(*"fractievoorzitter", "enter")
        await pilot.press(*"zet ze online", "enter")
        await pilot.press(*"voor 1 maart", "enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        action = app.session.agenda_plans[1].actions[1]
        assert (action.wie, action.wat, action.wanneer) == (
            "fractievoorzitter",
            "zet ze online",
            "voor 1 maart",
        )
        await until(pilot, lambda: "fractievoorzitter" in text_of(app, "#room-agenda-vote"))
        assert "zet ze online · voor 1 maart" in text_of(app, "#room-agenda-vote")
        for phone in phones:
            await phone.ws.close()
