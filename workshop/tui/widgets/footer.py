"""A footer whose keys carry their action as a class, so a narrow screen can leave some out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ActionFooter(Footer):
    """Textual's footer; each key gets the class `-action-<action>` (e.g. `-action-previous`)
    for the stylesheet (the key still works and stays in the help and the palette)."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class(f"-action-{widget.action.replace('.', '-')}")
            yield widget
