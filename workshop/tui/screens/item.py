"""The item view: what the room sees (the projector view), and beside it the trainer's console.

With a room screen connected (`workshop scherm`) this window is the trainer's own: the panel
with doorvragen, notes, waiting texts and the next item is open. On one mirrored screen the
room sees everything here, so private panels open only after a "zichtbaar voor de zaal"
warning, and waiting texts stay hidden until the trainer chooses to show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.decks.library import Library
from workshop.decks.model import Card, CardItem, FreeItem, OpenQuestion, Programme
from workshop.decks.render import trainer_sections
from workshop.engine.session import Phase, Round, Session, is_agenda
from workshop.i18n import t
from workshop.tui.projector import ProjectorView
from workshop.tui.widgets.countdown import Countdown
from workshop.tui.widgets.footer import ActionFooter
from workshop.tui.widgets.steady import show

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

TIMER_STEP = 15


class ItemScreen(Screen[None]):
    """One programme item at a time; the footer shows the keys that fit the phase."""

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the header drops what the room view already shows and the footer
    packs tighter, so 80x24 shows every key and the whole status."""

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
        Binding("b", "blackout", t("tui.key.blackout")),
        Binding("a", "note", t("tui.key.note"), show=False),
        Binding("w", "notes", t("tui.key.notes"), show=False),
        Binding("i", "agenda", t("tui.key.agenda"), show=False),
        Binding("k", "agenda_vote", t("tui.key.agenda_vote"), show=False),
        Binding("r", "agenda_action", t("tui.key.agenda_action"), show=False),
        Binding("c", "show_qr", t("tui.key.qr"), show=False),
        Binding("l", "toggle_lock", t("tui.key.lock"), show=False),
        Binding("e", "end", t("tui.key.end")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.workshop
        with Horizontal(id="status-bar"):
            yield Static("", id="progress", markup=False)
            yield Static("", id="phase", markup=False)
            yield Countdown(app.clock, lambda: app.session.timer, id="timer")
            yield Static("", id="mode", markup=False)
            yield Static(t("tui.item.locked"), id="lock", markup=False)
            yield Static("", id="counts", markup=False)
        with Horizontal(id="item-body"):
            yield ProjectorView(app.clock, id="room")
            with VerticalScroll(id="trainer-panel"):
                yield Static("", id="console-state", markup=False)
                yield Static("", id="next-item", markup=False)
                yield Static("", id="note", markup=False)
                yield Static("", id="trainer-text", markup=False)
        yield ActionFooter()

    def on_mount(self) -> None:
        self.ready = True
        self._shown_item = -1
        self._console_shown: bool | None = None
        self.refresh_state()
        self.set_interval(0.5, self.close_at_zero)

    def close_at_zero(self) -> None:
        """`timer_sluit = true`: once the running timer of an open vote reaches zero, the
        vote closes as if the trainer pressed S."""
        app = self.workshop
        session, item = app.session, app.session.item
        round_ = session.current_round
        if not (isinstance(item, CardItem) and item.close_at_zero):
            return
        timer = session.timer
        if round_ is None or round_.phase is not Phase.OPEN or timer.deadline is None:
            return
        if timer.left(app.clock()) == 0 and app.run_command("close_voting"):
            app.run_command("stop_timer")
            self.notify(t("tui.timer.closed"), timeout=8)

    def on_resize(self) -> None:
        footer = self.query_one(Footer)
        narrow = self.size.width < 100
        footer.compact = narrow
        footer.show_command_palette = not narrow  # Ctrl+P still works; F1 names it
        countdown = self.query_one("#timer", Countdown)
        countdown.labelled = not narrow
        countdown.show_timer()
        if self.ready:
            self._show_header()

    def on_screen_resume(self) -> None:
        if self.workshop.hub is None:
            return  # quitting: the hub has stopped, nothing more to show the room
        self.workshop.run_command("show_lobby", shown=False)

    # ------------------------------------------------------------------ view

    def refresh_state(self) -> None:
        app = self.workshop
        session = app.session
        console = app.console_mode
        if console != self._console_shown:
            # A room screen came or went: the console panel opens with it, closes without.
            self._console_shown = console
            self._show_panel(console)
        if session.item_index != self._shown_item:
            self._shown_item = session.item_index
            self.query_one("#trainer-text", Static).update(self._trainer_text(session))
            self.query_one("#next-item", Static).update(next_item_text(session))
        mode = self.query_one("#mode", Static)
        show(mode, self.mode_label())
        mode.set_class(console, "console")
        self.query_one("#timer", Countdown).show_timer()
        self._show_header()
        self.query_one("#room", ProjectorView).show(app.projector_state())
        show(self.query_one("#console-state", Static), console_state(session))
        show(self.query_one("#note", Static), notes_text(session.notes.get(session.item_index, [])))
        self.set_class(not console and session.blackout, "blackout")
        self.refresh_bindings()

    def _show_header(self) -> None:
        """The status line. When its parts would not fit side by side (at 80 columns with
        joining closed, a second round and a withheld result), the phase and the count take
        their short forms, so every part stays whole."""
        session = self.workshop.session
        round_ = session.current_round
        progress = t("tui.item.progress", n=session.item_index + 1, count=len(session.items))
        show(self.query_one("#progress", Static), progress)
        phase_label = self._phase_label(round_, session.item)
        counts = counts_text(session, round_)
        others = [str(self.query_one("#timer", Countdown).content), self.mode_label()]
        if session.locked:
            others.append(t("tui.item.locked"))
        if self.size.width < 100:  # narrow: the progress gives way (stylesheet)
            progress = ""
        parts = [progress, phase_label, counts, *others]
        wanted = sum(cell_len(part) + 2 for part in parts if part)  # with each one's padding
        if wanted > self.size.width:
            phase_label = self._phase_label(round_, session.item, short=True)
            counts = counts_text(session, round_, short=True)
        show(self.query_one("#phase", Static), phase_label)
        phase = round_.phase.value if round_ is not None else "free"
        self.query_one("#phase").set_classes(f"phase-{phase}")
        show(self.query_one("#counts", Static), counts)
        self.query_one("#lock").display = session.locked

    def mode_label(self) -> str:
        return t("tui.mode.console") if self.workshop.console_mode else t("tui.mode.single")

    def _trainer_text(self, session: Session) -> Text:
        card = session.card
        if card is None:
            return Text()
        return trainer_text(card) + reserve_text(session.programme, session.library)

    def _phase_label(self, round_: Round | None, item: Any, short: bool = False) -> str:
        if round_ is None:
            return t(f"tui.free.{item.kind.value}") if isinstance(item, FreeItem) else ""
        suffix = ".short" if short else ""
        label = t(f"tui.phase.{round_.phase.value}{suffix}")
        # The agenda item's second round is its choice of points, not a revote.
        revote = round_.attempt == 2 and not is_agenda(item)
        return f"{label} · {t('tui.item.revote' + suffix)}" if revote else label

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
            return round_ is not None or session.timer.seconds is not None  # a break counts too
        if action == "moderate":
            return bool(session.pending_texts())
        if action == "next":
            return session.item_index + 1 < len(session.items)
        if action == "previous":
            return session.item_index > 0
        if action == "trainer_panel":
            return session.card is not None or self.workshop.console_mode
        return True

    def action_open_voting(self) -> None:
        if self.workshop.run_command("open_voting"):
            self.workshop.run_command("start_timer")

    def action_close_voting(self) -> None:
        if self.workshop.run_command("close_voting"):
            self.workshop.run_command("stop_timer")

    def action_reveal(self) -> None:
        self.workshop.run_command("reveal")

    def action_revote(self) -> None:
        if self.workshop.run_command("revote"):
            self.workshop.run_command("start_timer")

    def action_next(self) -> None:
        self.workshop.run_command("next_item")

    def action_previous(self) -> None:
        self.workshop.run_command("previous_item")

    def action_go_to(self) -> None:
        from workshop.tui.screens.pick_item import PickItem

        def go(index: int | None) -> None:
            if index is not None and index != self.workshop.session.item_index:
                self.workshop.run_command("go_to", index=index)

        session = self.workshop.session
        titles = [item_title(session, index) for index in range(len(session.items))]
        self.app.push_screen(PickItem(titles, session.item_index), go)

    def action_timer(self) -> None:
        app = self.workshop
        running = app.session.timer.running(app.clock())
        app.run_command("stop_timer" if running else "start_timer")

    def action_timer_more(self) -> None:
        self.workshop.run_command("adjust_timer", delta=TIMER_STEP)

    def action_timer_less(self) -> None:
        self.workshop.run_command("adjust_timer", delta=-TIMER_STEP)

    def action_trainer_panel(self) -> None:
        if self.query_one("#trainer-panel").display:
            self._show_panel(False)
            return
        self.workshop.privately(lambda: self._show_panel(True))

    def _show_panel(self, shown: bool) -> None:
        """Open or close the trainer panel; the screen's class `-panel` lets a narrow room
        view make room for it (the stylesheet drops what the header already says)."""
        self.query_one("#trainer-panel").display = shown
        self.set_class(shown, "-panel")

    def action_moderate(self) -> None:
        from workshop.tui.screens.moderation import ModerationScreen

        self.app.push_screen(ModerationScreen(hidden=not self.workshop.console_mode))

    def action_blackout(self) -> None:
        self.workshop.run_command("set_blackout", blackout=not self.workshop.session.blackout)

    def action_note(self) -> None:
        """A new note on this item: an empty prompt; earlier notes stay as they are."""
        from workshop.tui.screens.prompt import TextPrompt

        def add(answer: str | None) -> None:
            if answer and answer.strip():
                self.workshop.run_command("save_note", text=answer)

        self.workshop.privately(lambda: self.app.push_screen(TextPrompt(t("tui.prompt.note")), add))

    def action_notes(self) -> None:
        """This item's notes, to change or delete one."""
        from workshop.tui.screens.notes import NotesScreen

        self.workshop.privately(lambda: self.app.push_screen(NotesScreen()))

    def action_agenda(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        def add(answer: str | None) -> None:
            if answer and answer.strip():
                self.workshop.run_command("add_agenda", text=answer)
                self.notify(t("tui.agenda.added", n=len(self.workshop.session.agenda)))

        self.workshop.privately(
            lambda: self.app.push_screen(TextPrompt(t("tui.prompt.agenda")), add)
        )

    def action_agenda_vote(self) -> None:
        """On an agenda item: put the approved points to the top-3 vote."""
        if self.workshop.run_command("start_agenda_vote"):
            self.workshop.run_command("start_timer")

    def action_agenda_action(self) -> None:
        """On an agenda item after the vote: record wie, wat and wanneer for a point."""
        from workshop.tui.screens.agenda_action import AgendaActionInput, AgendaActionPrompt

        session = self.workshop.session
        index = session.item_index
        plan = session.agenda_plans.get(index)
        if plan is None or not plan.points:
            self.notify(t("error.agenda_not_ready"), severity="warning")
            return
        choose = session.current_round
        ranked = [n for n, _, _ in plan.ranked(choose.result if choose else None)]
        waiting = [n for n in ranked if n not in plan.actions] or [0]

        def record(answer: AgendaActionInput | None) -> None:
            if answer is not None:
                self.workshop.run_command(
                    "set_agenda_action",
                    point=answer.number - 1,
                    wie=answer.wie,
                    wat=answer.wat,
                    wanneer=answer.wanneer,
                )

        prompt = AgendaActionPrompt(list(plan.points), waiting[0] + 1)
        self.workshop.privately(lambda: self.app.push_screen(prompt, record))

    def action_show_qr(self) -> None:
        from workshop.tui.screens.qr_overlay import QROverlay

        app = self.workshop
        code = app.opened.keys.code if app.opened else ""
        app.run_command("show_lobby", shown=True)
        self.app.push_screen(QROverlay(app.join_url(), code))

    def action_toggle_lock(self) -> None:
        locked = not self.workshop.session.locked
        if self.workshop.run_command("set_locked", locked=locked):
            self.notify(t("tui.lock.closed" if locked else "tui.lock.opened"), timeout=8)

    def action_end(self) -> None:
        from workshop.tui.screens.confirm import Confirm
        from workshop.tui.screens.summary import SummaryScreen

        def end(sure: bool | None) -> None:
            if sure and self.workshop.run_command("end"):
                self.app.push_screen(SummaryScreen())

        self.app.push_screen(Confirm(t("tui.confirm.end")), end)


def counts_text(session: Session, round_: Round | None, short: bool = False) -> str:
    """The header's count: votes (or answers to an open question) out of the phones here,
    and never a number for a closed round whose result was withheld. `short`: the narrow
    header's forms."""
    if round_ is not None and round_.result is not None and round_.result.suppressed:
        return t("tui.item.too_few.short" if short else "tui.item.too_few", k=session.min_group)
    if round_ is None:  # nothing to vote on (welcome, zelftest, break): who is here only
        return t("tui.item.online", connected=session.connected_count)
    voted = round_.voted
    question = session.question_at(round_.item_index)
    key = "tui.item.answers" if isinstance(question, OpenQuestion) else "tui.item.counts"
    return t(
        key + ".short" if short else key,
        # Out of the phones here now (a phone counts as a participant only once it
        # votes, so the participant count would always equal the votes).
        joined=max(session.connected_count, voted),
        connected=session.connected_count,
        voted=voted,
    )


def item_title(session: Session, index: int) -> str:
    """An item's title as the programme list shows it: the free item's, or its card's."""
    item = session.items[index]
    if isinstance(item, FreeItem):
        return item.title
    return session.library.card(item.card_ref).title


def notes_text(notes: list[str]) -> Text:
    """The trainer's notes on this item, numbered (W to change or delete one)."""
    text = Text()
    for number, note in enumerate(notes, start=1):
        text.append(t("tui.console.note", n=number, note=note) + "\n", style="italic")
    if notes:
        text.append(t("tui.console.notes_hint") + "\n", style="dim")
    return text


def console_state(session: Session) -> Text:
    """For the trainer: texts waiting, the agenda's length, whether the room screen is black."""
    text = Text()
    pending = len(session.pending_texts())
    if pending:
        text.append(t("tui.console.pending", n=pending) + "\n", style="bold")
    if session.agenda:
        text.append(t("tui.console.agenda", n=len(session.agenda)) + "\n")
    if session.blackout:
        text.append(t("tui.console.blackout") + "\n", style="bold")
    return text


def next_item_text(session: Session) -> Text:
    """A preview of the next item: its title and question, so the trainer can look ahead."""
    index = session.item_index + 1
    if index >= len(session.items):
        return Text(t("tui.console.last") + "\n", style="italic")
    item = session.items[index]
    if isinstance(item, FreeItem):
        title, question = item.title, None
    else:
        title = session.library.card(item.card_ref).title
        question = session.question_at(index)
    text = Text(t("tui.console.next", title=title) + "\n", style="bold")
    if question is not None:
        text.append(question.text + "\n", style="italic")
    return text.append("\n")


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
