"""The integrity themes a dilemma or signal card can belong to."""

from __future__ import annotations

THEMES: dict[str, str] = {
    "belangenverstrengeling": "Belangenverstrengeling en stemmen",
    "nevenfuncties": "Nevenfuncties",
    "geschenken": "Geschenken, uitnodigingen en diensten",
    "informatie": "Vertrouwelijke en geheime informatie",
    "sociale-media": "Sociale media",
    "naasten": "Familie, vrienden en buren",
    "lobby-en-druk": "Lobby, druk en bedreiging",
    "ondermijning": "Ondermijning",
    "declaraties": "Declaraties en voorzieningen",
    "verboden-handelingen": "Verboden handelingen",
    "campagne": "Campagne en partijfinanciering",
    "na-de-politiek": "Na de politiek (draaideur)",
    "omgang": "Omgang in fractie en vergadering",
    "selectie": "Selectie van kandidaten",
}
"""Theme id (used in deck files) to the name a trainer reads."""

ZELFTEST_THEMES: dict[str, str] = {
    "nevenfuncties": "Nevenfuncties",
    "financien": "Financiën",
    "naasten": "Familie, vrienden en buren",
    "sociale-media": "Sociale media",
    "verleden": "Je verleden",
}
"""The themes of the zelftest's statements."""
