"""Comparing sessions: for every card asked in more than one session, the distributions side
by side (for example two kandidatenavonden of the same party). Withheld rounds stay withheld.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.i18n import t
from workshop.summary.build import ItemSummary, RoundSummary, Summary


@dataclass(frozen=True)
class CardComparison:
    ref: str
    title: str
    question: str | None
    options: tuple[tuple[str, str], ...]
    rows: tuple[tuple[Summary, RoundSummary], ...]
    """(session, round) for every closed round of this card, session by session."""


def compare(summaries: list[Summary]) -> list[CardComparison]:
    """Cards that occur in at least two of the sessions, in order of first appearance."""
    seen: dict[str, list[tuple[Summary, ItemSummary]]] = {}
    for summary in summaries:
        for item in summary.items:
            if item.ref is not None:
                seen.setdefault(item.ref, []).append((summary, item))
    comparisons = []
    for ref, occurrences in seen.items():
        if len({summary.session_id for summary, _ in occurrences}) < 2:
            continue
        first = occurrences[0][1]
        rows = tuple(
            (summary, round_)
            for summary, item in occurrences
            for round_ in item.rounds
            if round_.closed
        )
        comparisons.append(CardComparison(ref, first.title, first.question, first.options, rows))
    return comparisons


def render_comparison(comparisons: list[CardComparison]) -> str:
    """A Markdown table per card: one row per session and round, one column per answer."""
    if not comparisons:
        return t("compare.none") + "\n"
    lines: list[str] = []
    for card in comparisons:
        keys = [key for key, _ in card.options]
        lines += [f"## {card.title} ({card.ref})", ""]
        if card.question:
            lines += [f"**{card.question}**", ""]
        header = [t("compare.session"), t("compare.round"), *keys, t("compare.total")]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for summary, round_ in card.rows:
            label = t("summary.round_" + str(round_.attempt))
            start = [f"{summary.day} ({summary.session_id})", label]
            if round_.withheld or round_.counts is None:
                cells = [t("results.withheld")] + [""] * (len(keys) - 1) + [""]
            else:
                counts = dict(round_.counts)
                cells = [
                    f"{counts.get(key, 0)} ({round_.percentage(counts.get(key, 0))}%)"
                    for key in keys
                ] + [str(round_.total)]
            lines.append("| " + " | ".join(start + cells) + " |")
        lines.append("")
    return "\n".join(lines)
