"""The item view: the card (or free item) on the projector, voting, results and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.decks.library import Library
from workshop.decks.model import Card, CardItem, FreeItem, Programme
from workshop.decks.render import trainer_sections
from workshop.engine.session import Phase, Round
from workshop.i18n import t
from workshop.tui.widgets.countdown import Countdown
from workshop.tui.widgets.options_view import OptionsView
from workshop.tui.widgets.results import ResultsView

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

TIMER_STEP = 15


class ItemScreen(Screen[None]):
    """One programme item at a time; the footer shows the keys that fit the phase."""

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    # The footer shows the phase keys, moving on, the trainer panel, moderation and the end;
    # every other key is in the help screen (F1) and the command palette.
    BINDINGS = [
        Binding("o", "open_voting", t("tui.key.open")),
        Binding("s", "close_voting", t("tui.key.close")),
        Binding("u", "reveal", t("tui.key.reveal")),
        Binding("h", "revote", t("tui.key.revote")),
        Binding("right,n", "next", t("tui.key.next")),
        Binding("left,v", "previous", t("tui.key.previous")),
        Binding("g", "go_to", t("tui.key.go_to"), show=False),
        Binding("t", "timer", t("tui.key.timer"), show=False),
        Binding("plus", "timer_more", t("tui.key.timer_more"), show=False),
        Binding("minus", "timer_less", t("tui.key.timer_less"), show=False),
        Binding("d", "trainer_panel", t("tui.key.trainer")),
        Binding("m", "moderate", t("tui.key.moderate")),
        Binding("a", "note", t("tui.key.note"), show=False),
        Binding("i", "agenda", t("tui.key.agenda"), show=False),
        Binding("c", "show_qr", t("tui.key.qr"), show=False),
        Binding("l", "toggle_lock", t("tui.key.lock"), show=False),
        Binding("e", "end", t("tui.key.end")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-bar"):
            yield Static("", id="progress", markup=False)
            yield Static("", id="phase", markup=False)
            yield Static("", id="counts", markup=False)
            yield Countdown(self.workshop.clock, id="timer")
        with Horizontal(id="item-body"):
            with VerticalScroll(id="card"):
                yield Static("", id="item-title", markup=False)
                yield Static("", id="situation", markup=False)
                yield Static("", id="question", markup=False)
                yield OptionsView(id="options")
                yield ResultsView(id="results")
                yield Static("", id="note", markup=False)
            with VerticalScroll(id="trainer-panel"):
                yield Static("", id="trainer-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.query_one("#trainer-panel").display = False
        self._shown_item = -1
        self.refresh_state()

    # ------------------------------------------------------------------ view

    def refresh_state(self) -> None:
        session = self.workshop.session
        item = session.item
        card = session.card
        round_ = session.current_round
        if session.item_index != self._shown_item:
            self._shown_item = session.item_index
            self._show_item(item, card)
        self.query_one("#progress", Static).update(
            t("tui.item.progress", n=session.item_index + 1, count=len(session.items))
        )
        self.query_one("#phase", Static).update(self._phase_label(round_, item))
        phase = round_.phase.value if round_ is not None else "free"
        self.query_one("#phase").set_classes(f"phase-{phase}")
        voted = round_.voted if round_ is not None else 0
        self.query_one("#counts", Static).update(
            t(
                "tui.item.counts",
                # Out of the phones here now (a phone counts as a participant only once it
                # votes, so the participant count would always equal the votes).
                joined=max(session.connected_count, voted),
                connected=session.connected_count,
                voted=voted,
            )
        )
        self._show_results(card, round_)
        note = session.notes.get(session.item_index)
        self.query_one("#note", Static).update(
            Text(f"{t('sessions.note')}: {note}", style="italic") if note else ""
        )
        self.refresh_bindings()

    def _phase_label(self, round_: Round | None, item: Any) -> str:
        if round_ is None:
            return t(f"tui.free.{item.kind.value}") if isinstance(item, FreeItem) else ""
        label = t(f"tui.phase.{round_.phase.value}")
        return f"{label} · {t('tui.item.revote')}" if round_.attempt == 2 else label

    def _show_item(self, item: Any, card: Card | None) -> None:
        timer = self.query_one("#timer", Countdown)
        if isinstance(item, FreeItem):
            self.query_one("#item-title", Static).update(Text(item.title, style="bold"))
            self.query_one("#situation", Static).update(Text(item.text))
            self.query_one("#question", Static).update("")
            self.query_one("#options", OptionsView).show(None)
            self.query_one("#trainer-text", Static).update("")
            timer.set_seconds(None)
            return
        assert card is not None and isinstance(item, CardItem)
        self.query_one("#item-title", Static).update(Text(card.title, style="bold"))
        intro = Text(card.rule + "\n\n", style="bold") if card.rule else Text()
        self.query_one("#situation", Static).update(intro + Text(card.situation))
        question = card.questions[item.question_index]
        self.query_one("#question", Static).update(Text(question.text, style="bold"))
        self.query_one("#options", OptionsView).show(question)
        reserve = reserve_text(self.workshop.session.programme, self.workshop.session.library)
        self.query_one("#trainer-text", Static).update(trainer_text(card) + reserve)
        timer.set_seconds(item.timer_seconds)

    def _show_results(self, card: Card | None, round_: Round | None) -> None:
        view = self.query_one("#results", ResultsView)
        session = self.workshop.session
        if card is None or round_ is None:
            view.show(None, [], None, [])
            return
        question = session.question
        assert question is not None, "a card item always asks a question"
        rounds = session.rounds_of(session.item_index)
        if round_.phase is Phase.REVEALED and len(rounds) == 2:
            pairs = [(r.attempt, r.result) for r in rounds]
            view.show(question, pairs, rounds[1].shift, round_.approved_texts)
            return
        visible = session.visible_result(round_)
        shown = [(round_.attempt, visible)] if visible is not None else []
        view.show(question, shown, None, round_.approved_texts)

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that make sense now are shown in the footer."""
        session = self.workshop.session
        round_ = session.current_round
        phase = round_.phase if round_ is not None else None
        item = session.item
        if action == "open_voting":
            return phase is Phase.SHOWN
        if action == "close_voting":
            return phase is Phase.OPEN
        if action == "reveal":
            return phase is Phase.CLOSED
        if action == "revote":
            return (
                isinstance(item, CardItem)
                and item.revote
                and round_ is not None
                and round_.attempt == 1
                and phase in (Phase.CLOSED, Phase.REVEALED)
            )
        if action in ("timer", "timer_more", "timer_less"):
            return round_ is not None
        if action == "moderate":
            return bool(session.pending_texts())
        if action == "next":
            return session.item_index + 1 < len(session.items)
        if action == "previous":
            return session.item_index > 0
        if action == "trainer_panel":
            return session.card is not None
        return True

    def action_open_voting(self) -> None:
        if self.workshop.run_command("open_voting"):
            self.query_one("#timer", Countdown).start()

    def action_close_voting(self) -> None:
        if self.workshop.run_command("close_voting"):
            self.query_one("#timer", Countdown).stop()

    def action_reveal(self) -> None:
        self.workshop.run_command("reveal")

    def action_revote(self) -> None:
        if self.workshop.run_command("revote"):
            timer = self.query_one("#timer", Countdown)
            timer.set_seconds(timer.seconds)
            timer.start()

    def action_next(self) -> None:
        self.workshop.run_command("next_item")

    def action_previous(self) -> None:
        self.workshop.run_command("previous_item")

    def action_go_to(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        def go(answer: str | None) -> None:
            if answer and answer.strip().isdecimal():
                self.workshop.run_command("go_to", index=int(answer.strip()) - 1)

        count = len(self.workshop.session.items)
        self.app.push_screen(TextPrompt(t("tui.prompt.go_to", count=count)), go)

    def action_timer(self) -> None:
        timer = self.query_one("#timer", Countdown)
        if timer.running:
            timer.stop()
        else:
            timer.start()

    def action_timer_more(self) -> None:
        self.query_one("#timer", Countdown).adjust(TIMER_STEP)

    def action_timer_less(self) -> None:
        self.query_one("#timer", Countdown).adjust(-TIMER_STEP)

    def action_trainer_panel(self) -> None:
        panel = self.query_one("#trainer-panel")
        panel.display = not panel.display

    def action_moderate(self) -> None:
        from workshop.tui.screens.moderation import ModerationScreen

        self.app.push_screen(ModerationScreen())

    def action_note(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        session = self.workshop.session
        current = session.notes.get(session.item_index, "")

        def save(answer: str | None) -> None:
            if answer is not None:
                self.workshop.run_command("save_note", text=answer)

        self.app.push_screen(TextPrompt(t("tui.prompt.note"), current), save)

    def action_agenda(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        def add(answer: str | None) -> None:
            if answer and answer.strip():
                self.workshop.run_command("add_agenda", text=answer)
                self.notify(t("tui.agenda.added", n=len(self.workshop.session.agenda)))

        self.app.push_screen(TextPrompt(t("tui.prompt.agenda")), add)

    def action_show_qr(self) -> None:
        from workshop.tui.screens.qr_overlay import QROverlay

        app = self.workshop
        code = app.opened.keys.code if app.opened else ""
        self.app.push_screen(QROverlay(app.join_url(), code))

    def action_toggle_lock(self) -> None:
        self.workshop.run_command("set_locked", locked=not self.workshop.session.locked)

    def action_end(self) -> None:
        from workshop.tui.screens.confirm import Confirm
        from workshop.tui.screens.summary import SummaryScreen

        def end(sure: bool | None) -> None:
            if sure and self.workshop.run_command("end"):
                self.app.push_screen(SummaryScreen())

        self.app.push_screen(Confirm(t("tui.confirm.end")), end)


def trainer_text(card: Card) -> Text:
    """Doorvraagvragen, wat-als variations and the legal background, for the trainer only."""
    text = Text()
    for heading, entries in trainer_sections(card):
        if entries:
            text.append(f"{heading}\n", style="bold underline")
            for entry in entries:
                text.append(f"• {entry}\n")
            text.append("\n")
    return text


def reserve_text(programme: Programme, library: Library) -> Text:
    """The programme's reserve cards (title and reference), for the trainer only."""
    text = Text()
    if not programme.reserve:
        return text
    text.append(f"{t('tui.trainer.reserve')}\n", style="bold underline")
    for ref in programme.reserve:
        try:
            title = library.card(ref).title
        except KeyError:
            title = ref
        text.append(f"• {title} ({ref})\n")
    return text
