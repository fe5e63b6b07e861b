"""Update a widget only when what it shows changes.

`Static.update` always asks Textual to lay out the whole screen anew, and the screens
refresh on every tick of the hub: during a round that is ten times a second, with thousands
of phones to serve on the same event loop. A refresh that changes nothing should cost
nothing, so the screens update through `show`, which remembers what each widget was given.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from textual.visual import VisualType
from textual.widgets import Static

_GIVEN: WeakKeyDictionary[Static, object] = WeakKeyDictionary()
_NOTHING = object()


def show(
    widget: Static, content: VisualType | Callable[[], VisualType], given: object = _NOTHING
) -> None:
    """Show `content` in `widget` unless it shows that already.

    Plain strings and `Text` compare by value. Anything else (a table, a group) is built
    from data: pass that data as `given` and `content` as a function that builds it, so it
    is built and shown only when the data changed."""
    key = content if given is _NOTHING else given
    if _GIVEN.get(widget, _NOTHING) == key:
        return
    _GIVEN[widget] = key
    widget.update(content() if callable(content) else content)
