"""Benchmark: scrubbing free text with declared names, in memory and sealed (keyed hashes).

Run:  .venv/bin/python tests/benchmarks/scrub_names.py

Scrubs 200 texts of about 500 characters (a facilitator's note with name parts, an address,
an e-mail address and a phone number) three ways in the same process: without names (the
baseline), with 20 declared names in memory, and with the same names sealed as after a
`--hervat`. Reports the median time per text over 5 runs, and each as a ratio to the
baseline, so the figures compare across machines.
"""

from __future__ import annotations

import random
import statistics
import time

from workshop.engine.names import DeclaredNames
from workshop.engine.scrub import Scrubber

RUNS = 5
TEXTS = 200
FIRST = ["Pieter", "Anouk", "Éva", "Mohammed", "Fatima", "Kees", "Annelies", "Sanne", "Daan"]
LAST = ["Jansen", "de Boer", "van der Berg", "El Amrani", "Yilmaz", "Bakker", "ter Horst"]
WORDS = [
    "de",
    "raad",
    "besprak",
    "het",
    "voorstel",
    "over",
    "de",
    "subsidie",
    "en",
    "de",
    "fractie",
    "wil",
    "meer",
    "openheid",
    "over",
    "nevenfuncties",
    "giften",
    "en",
    "het",
    "register",
    "van",
    "belangen",
    "voor",
    "de",
    "volgende",
    "vergadering",
]


def texts(rng: random.Random) -> list[str]:
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    result = []
    for _ in range(TEXTS):
        words = rng.choices(WORDS, k=60)
        words[5] = rng.choice(names).split()[0]
        words[20] = rng.choice(LAST).split()[-1] + "s"
        words[30] = "Dorpsstraat 12"
        words[40] = "jan@example.nl"
        words[50] = "06-12345678"
        result.append(" ".join(words))
    return result


def median_seconds(scrubber: Scrubber, sample: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for text in sample:
            scrubber.scrub(text)
        times.append((time.perf_counter() - start) / len(sample))
    return statistics.median(times)


def main() -> None:
    rng = random.Random(5)
    sample = texts(rng)
    declared = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(20)]
    sealed = DeclaredNames(declared).sealed(b"k" * 32)
    base = median_seconds(Scrubber(), sample)
    rows = [
        ("no names (baseline)", base),
        ("20 names in memory", median_seconds(Scrubber(declared), sample)),
        ("20 names sealed (after --hervat)", median_seconds(Scrubber(sealed=sealed), sample)),
    ]
    for label, seconds in rows:
        print(f"{label:34} {seconds * 1e3:7.3f} ms per text   x{seconds / base:5.2f}")


if __name__ == "__main__":
    main()
