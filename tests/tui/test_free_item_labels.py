"""Every kind of free programme item has its header label in both catalogues: a zelftest or
agenda item once crashed the console (KeyError 'tui.free.zelftest') mid-evening."""

from __future__ import annotations

import pytest

from workshop.decks.model import FreeItemKind
from workshop.i18n import CATALOGUES


@pytest.mark.parametrize("kind", list(FreeItemKind), ids=str)
def test_every_free_item_kind_has_a_header_label(kind: FreeItemKind) -> None:
    for language, catalogue in CATALOGUES.items():
        assert catalogue.get(f"tui.free.{kind.value}"), (language, kind)
