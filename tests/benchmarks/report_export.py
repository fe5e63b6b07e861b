"""Benchmark: exporting the report of a 50-item session in every format.

Run:  .venv/bin/python tests/benchmarks/report_export.py

Builds a stored record of 50 card items (keuze and schaal, every third with a revote and a
shift, some withheld), then times build + render for each format (median of 20 runs) and
reports each as a ratio to plain JSON serialisation of the same record in the same process,
so the figures compare across machines. Also prints the size of each file.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from workshop.decks import load_checked
from workshop.summary import build_summary
from workshop.summary.export import RENDERERS

RUNS = 20


def record_with(items: int) -> dict[str, Any]:
    library = load_checked()
    refs = [
        card.ref for card in library.cards() if card.deck_id in ("dilemmakaarten", "vuistregels")
    ]
    record: dict[str, Any] = {
        "id": "20261130-bench0",
        "programme": "kandidatenavond",
        "title": "Benchmark",
        "day": "2026-11-30",
        "keep_until": "2027-11-30",
        "min_group": 3,
        "participants": 40,
        "ended": True,
        "items": [],
        "rounds": [],
        "notes": {},
        "agenda": ["Afspraak"] * 5,
    }
    round_id = 0
    for index in range(items):
        ref = refs[index % len(refs)]
        card = library.card(ref)
        keys = [str(v) for v in getattr(card.questions[0], "values", [])] or list(
            card.questions[0].keys  # type: ignore[union-attr]
        )
        revote = index % 3 == 0
        record["items"].append({"kind": "kaart", "ref": ref, "revote": revote})
        for attempt in (1, 2) if revote else (1,):
            round_id += 1
            if index % 7 == 6:
                result: dict[str, Any] = {"withheld": True}
            else:
                counts = {key: (index + n * attempt) % 11 for n, key in enumerate(keys)}
                result = {"counts": counts, "total": sum(counts.values())}
            entry: dict[str, Any] = {
                "id": round_id,
                "item": index,
                "attempt": attempt,
                "phase": "revealed",
                "result": result,
            }
            if attempt == 2:
                entry["shift"] = {"compared": 30, "changed": 6, "moves": [[keys[0], keys[1], 6]]}
            record["rounds"].append(entry)
        record["notes"][str(index)] = "Goed gesprek over de grens van wat kan."
    return record


def median_seconds(action: Any) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    library = load_checked()
    record = record_with(50)
    baseline = median_seconds(lambda: json.dumps(record))
    print(
        f"50 items, {len(record['rounds'])} rounds; baseline json.dumps(record): "
        f"{baseline * 1000:.2f} ms"
    )
    build = median_seconds(lambda: build_summary(record, library))
    print(f"build_summary: {build * 1000:.2f} ms = {build / baseline:.1f}x baseline")
    summary = build_summary(record, library)
    for name, render in RENDERERS.items():
        seconds = median_seconds(lambda render=render: render(summary))
        size = len(render(summary).encode("utf-8"))
        print(
            f"{name:>4}: {seconds * 1000:7.2f} ms = {seconds / baseline:6.1f}x baseline, "
            f"{size / 1024:7.1f} KiB"
        )


if __name__ == "__main__":
    main()
