"""The lobby on the room's screen: the QR code as large as the window allows, the join URL,
the code in big unambiguous type, and how many phones are connected."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from workshop.i18n import t
from workshop.tui.widgets.big_code import BigCode
from workshop.tui.widgets.big_number import BigNumber
from workshop.tui.widgets.qr_view import QRCodeView
from workshop.tui.widgets.steady import show


class LobbyPane(Horizontal):
    def compose(self) -> ComposeResult:
        yield QRCodeView("", id="room-qr")
        with Vertical(id="room-lobby-side"):
            yield Static("", id="room-lobby-title", markup=False)
            yield Static(t("tui.lobby.scan"), classes="room-label", markup=False)
            yield Static("", id="room-url", markup=False)
            yield Static(t("tui.lobby.code"), classes="room-label", markup=False)
            yield BigCode("", id="room-code")
            yield Static(t("scherm.connected"), classes="room-label", markup=False)
            yield BigNumber("0", id="room-joined")
            yield Static("", id="room-lock", markup=False)

    def show(self, view: dict[str, Any]) -> None:
        join = view.get("join") or {}
        url, code = str(join.get("url", "")), str(join.get("code", ""))
        qr = self.query_one("#room-qr", QRCodeView)
        if qr.url != url:
            qr.set_url(url)
        show(self.query_one("#room-lobby-title", Static), view["session"]["title"])
        show(self.query_one("#room-url", Static), url)
        big = self.query_one("#room-code", BigCode)
        if big.code != code:
            big.code = code
            big.refresh(layout=True)
        self.query_one("#room-joined", BigNumber).update(str(view["connected"]))
        locked = view["session"]["locked"]
        show(self.query_one("#room-lock", Static), t("scherm.locked") if locked else "")
