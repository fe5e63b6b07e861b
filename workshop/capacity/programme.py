"""The programme a capacity test runs: the same keuze question, once per vote round.

Written to the test's temporary folder, so it never shows up among the trainer's programmes.
The items are not blind: while a round is open the hub counts the votes live and sends the
distribution to every phone each tick, the most work a round can ask of it.
"""

from __future__ import annotations

from pathlib import Path

CARD = "warming-up/hoe-kwam-je-hier"
"""A built-in keuze card; option "A" is a valid answer."""
NAME = "capaciteitstest"


def programme_text(rounds: int) -> str:
    items = "".join(
        f'\n[[onderdeel]]\nkaart = "{CARD}"\nblind = false\nuitslag_op_telefoon = true\n'
        for _ in range(rounds)
    )
    return (
        'titel = "Capaciteitstest"\ndoelgroep = "Trainers"\nduur_minuten = 5\n'
        "\n[privacy]\nmin_groep = 3\nbewaartermijn_maanden = 1\n" + items
    )


def write_programme(folder: Path, rounds: int) -> Path:
    """Write the programme into `folder`; its path (PROGRAMMA for `workshop hub`)."""
    path = folder / f"{NAME}.toml"
    path.write_text(programme_text(rounds), encoding="utf-8")
    return path
