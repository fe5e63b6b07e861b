"""The moderation queue: approve or reject open answers before anyone sees them."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class ModerationScreen(ModalScreen[None]):
    """Participant texts are shown as plain text: never as markup."""

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    DEFAULT_CSS = """
    ModerationScreen { align: center middle; }
    ModerationScreen > Vertical {
        width: 90%; height: 80%; padding: 1 2; border: thick $primary; background: $surface;
    }
    ModerationScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("j", "approve", t("tui.key.approve")),
        Binding("x", "reject", t("tui.key.reject")),
        Binding("t", "show_texts", t("tui.key.show_texts")),
        Binding("escape", "close", t("tui.key.close_overlay")),
    ]

    def __init__(self, hidden: bool = False) -> None:
        super().__init__()
        self.hidden = hidden
        """On one mirrored screen: show only how many texts wait until the trainer asks."""

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="moderation-title", markup=False)
            yield OptionList(id="queue")
            yield Static("", id="moderation-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_state()
        self.query_one("#queue", OptionList).focus()

    def refresh_state(self) -> None:
        queue = self.query_one("#queue", OptionList)
        # Keep the highlight on the same text, not the same row: the list may reorder while
        # the trainer reads, and J must approve what was read.
        current = None
        if queue.highlighted is not None and queue.option_count:
            current = queue.get_option_at_index(queue.highlighted).id
        queue.clear_options()
        pending = self.workshop.session.pending_texts()
        for number, (_, text) in enumerate(pending, start=1):
            shown = t("tui.moderation.hidden_row", n=number) if self.hidden else text.text
            queue.add_option(Option(Text(shown), id=str(text.id)))
        title = (
            t("tui.moderation.hidden", n=len(pending)) if self.hidden else t("tui.moderation.title")
        )
        self.query_one("#moderation-title", Static).update(title)
        ids = [str(text.id) for _, text in pending]
        if pending:
            queue.highlighted = ids.index(current) if current in ids else 0
        # Empty, the list would still fill the box and push the message out of sight.
        queue.display = bool(pending)
        empty = self.query_one("#moderation-empty", Static)
        empty.update("" if pending else t("tui.moderation.empty"))
        empty.display = not pending

    def _decide(self, approve: bool) -> None:
        queue = self.query_one("#queue", OptionList)
        if queue.highlighted is None:
            return
        option_id = queue.get_option_at_index(queue.highlighted).id
        if option_id is not None:
            self.workshop.run_command("moderate", text_id=int(option_id), approve=approve)

    def action_approve(self) -> None:
        self._decide(True)

    def action_reject(self) -> None:
        self._decide(False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Approving or rejecting needs the text read first; T only while texts are hidden."""
        if action in ("approve", "reject"):
            return not self.hidden
        if action == "show_texts":
            return self.hidden
        return True

    def action_show_texts(self) -> None:
        self.hidden = False
        self.refresh_state()
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(None)
