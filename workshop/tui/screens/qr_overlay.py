"""The QR code over whatever is on screen, for latecomers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.i18n import t
from workshop.tui.widgets.big_code import BigCode
from workshop.tui.widgets.qr_view import QRCodeView


class QROverlay(ModalScreen[None]):
    DEFAULT_CSS = """
    QROverlay { align: center middle; }
    QROverlay > Vertical {
        width: 100%; height: 100%; background: $background; align: center middle;
    }
    QROverlay Static, QROverlay BigCode { width: auto; margin: 0 2; }
    """
    BINDINGS = [Binding("escape,c,enter", "close", t("tui.key.close_overlay"))]

    def __init__(self, url: str, code: str) -> None:
        super().__init__()
        self.url = url
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical():
            yield QRCodeView(self.url, id="overlay-qr")
            yield Static(self.url, id="overlay-url", markup=False)
            yield BigCode(self.code, id="overlay-code")

    def action_close(self) -> None:
        self.dismiss(None)
