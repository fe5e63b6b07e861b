"""Shared fixtures: small deck and programme files written into a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from workshop import i18n

VALID_DECK = '''
id = "proef"
titel = "Proefdeck"
soort = "dilemma"
taal = "nl"

[[kaart]]
id = "proefkaart"
titel = "Een proefkaart"
thema = "geschenken"
lagen = ["gemeente"]
situatie = """
Je krijgt op het gemeentehuis een grote taart van een aannemer uit je dorp. Hij zegt dat \
het zomaar is, omdat je zo goed luistert. Volgende week stemt de raad over zijn bouwplan \
aan de rand van het dorp. Je collega's kijken je vragend aan. Je houdt erg van taart."""
doorvragen = ["Wat wil de aannemer?", "Wat zou de krant schrijven?"]
wat_als = ["Wat als het een bos bloemen is?"]
achtergrond = "Gemeentewet art. 14."
vuistregels = ["regels/krant"]

[[kaart.vraag]]
type = "keuze"
tekst = "Wat doe je?"
opties = [
  { sleutel = "A", tekst = "Opeten" },
  { sleutel = "B", tekst = "Teruggeven" },
  { sleutel = "C", tekst = "Melden" },
]
'''

VALID_RULES = """
id = "regels"
titel = "Regels"
soort = "vuistregel"
taal = "nl"

[[kaart]]
id = "krant"
titel = "Krantentest"
lagen = ["gemeente", "provincie", "waterschap"]
regel = "Doe niets wat je niet in de krant wilt lezen."
situatie = "Stel je voor dat wat je deed morgen in de krant staat. Kun je het dan rustig uitleggen aan je kiezers en je fractie?"
gespreksvraag = "Wanneer is dat lastig?"

[[kaart.vraag]]
type = "schaal"
tekst = "Hoe makkelijk is dit?"
min = 1
max = 5
label_min = "Moeilijk"
label_max = "Makkelijk"
"""

VALID_PROGRAMME = """
titel = "Proefavond"
doelgroep = "Kandidaten"
duur_minuten = 30

[privacy]
min_groep = 3
bewaartermijn_maanden = 6

[[onderdeel]]
soort = "welkom"
titel = "Welkom"

[[onderdeel]]
kaart = "proef/proefkaart"
herstemming = true
timer = 60
"""

WriteFile = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def dutch() -> None:
    """Every test starts in Dutch, whatever an earlier test chose."""
    i18n.set_language("nl")


@pytest.fixture
def write(tmp_path: Path) -> WriteFile:
    """Write a file (dedented) into the test's folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def valid_set(write: WriteFile) -> list[Path]:
    """A small, valid deck + rules deck + programme."""
    return [
        write("kaarten/proef.toml", VALID_DECK),
        write("kaarten/regels.toml", VALID_RULES),
        write("sessies/proefavond.toml", VALID_PROGRAMME),
    ]


OPEN_DECK = """
id = "open"
titel = "Open vragen"
soort = "warming-up"
taal = "nl"

[[kaart]]
id = "idee"
titel = "Een idee"
lagen = ["gemeente"]
situatie = "Noem één afspraak die je fractie zou moeten maken."

[[kaart.vraag]]
type = "open"
tekst = "Welke afspraak?"
"""

MULTI_DECK = """
id = "top"
titel = "Top drie"
soort = "warming-up"
taal = "nl"

[[kaart]]
id = "punten"
titel = "Waar werken we aan?"
lagen = ["gemeente"]
situatie = "Kies de punten die jullie eerst oppakken."

[[kaart.vraag]]
type = "meerkeuze"
tekst = "Kies je top 3."
max_keuzes = 3
opties = [
  { sleutel = "A", tekst = "Nevenfuncties bespreken" },
  { sleutel = "B", tekst = "Geschenkenregister bijhouden" },
  { sleutel = "C", tekst = "Aanspreekpunt kiezen" },
  { sleutel = "D", tekst = "Sociale media afspreken" },
  { sleutel = "E", tekst = "Jaarlijks terugkijken" },
]
"""

ENGINE_PROGRAMME = """
titel = "Motorproef"
doelgroep = "Tests"
duur_minuten = 60

[privacy]
min_groep = 3
bewaartermijn_maanden = 12

[[onderdeel]]
soort = "welkom"
titel = "Welkom"

[[onderdeel]]
kaart = "proef/proefkaart"
herstemming = true

[[onderdeel]]
kaart = "regels/krant"

[[onderdeel]]
kaart = "open/idee"

[[onderdeel]]
soort = "afsluiting"
titel = "Afsluiting"
"""


@pytest.fixture
def engine_paths(write: WriteFile) -> list[Path]:
    """Decks with a keuze, a schaal and an open question, and a programme using all three."""
    return [
        write("kaarten/proef.toml", VALID_DECK),
        write("kaarten/regels.toml", VALID_RULES),
        write("kaarten/open.toml", OPEN_DECK),
        write("sessies/motorproef.toml", ENGINE_PROGRAMME),
    ]
