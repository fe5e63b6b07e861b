"""The join QR code, as large as its space allows."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from workshop.tui.qr import fitting_scale, qr_matrix, qr_text


class QRCodeView(Widget):
    """Draws `url` as a QR code, black on white, scaled to fit the widget."""

    DEFAULT_CSS = """
    QRCodeView { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def __init__(self, url: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.url = url
        self._side = len(qr_matrix(url)) if url else 0

    def set_url(self, url: str) -> None:
        """Draw another URL (the room's screen learns it from the hub)."""
        self.url = url
        self._side = len(qr_matrix(url)) if url else 0
        self.refresh()

    def scale(self) -> int:
        return fitting_scale(self._side, self.size.width, self.size.height)

    def render(self) -> Text:
        if not self.url:
            return Text()
        return qr_text(self.url, scale=self.scale())
