"""A footer whose keys carry their action as a class, so a narrow screen can leave some out."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ActionFooter(Footer):
    """Textual's footer; each key gets the class `-action-<action>` (e.g. `-action-previous`)
    for the stylesheet (the key still works and stays in the help and the palette).

    Textual rebuilds a footer's keys whenever its screen refreshes its bindings; the item
    screen does that on every state update (ten times a second while a room votes), so the
    keys are rebuilt only when the keys shown, their labels or whether they work changed.
    """

    _shown: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class(f"-action-{widget.action.replace('.', '-')}")
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = tuple(
            (binding, self.app.get_key_display(binding), enabled, tip)
            for (_, binding, enabled, tip) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return  # the same keys as on screen now: nothing to rebuild
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the footer rebuilds with these keys
        super().bindings_changed(screen)
