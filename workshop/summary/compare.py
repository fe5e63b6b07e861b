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


@dataclass(frozen=True)
class AgendaPointHistory:
    """One agenda point and the sessions (in the order given) whose agenda held it."""

    point: str
    present: tuple[bool, ...]
    """Per session: was this point on its agenda (typed by the trainer or voted)?"""


def agenda_points(summary: Summary) -> list[str]:
    """A session's agenda: what the trainer typed, then the points of its agenda votes."""
    voted = [row.point for vote in summary.agenda_votes for row in vote.rows]
    return [*summary.agenda, *voted]


def agenda_history(summaries: list[Summary]) -> list[AgendaPointHistory]:
    """Every agenda point of the sessions (the same text, ignoring case and spacing, is one
    point), in order of first appearance, with the sessions it was on: did a point of an
    earlier evening come back?"""
    per_session = [
        {" ".join(point.casefold().split()) for point in agenda_points(summary)}
        for summary in summaries
    ]
    seen: dict[str, str] = {}
    for summary in summaries:
        for point in agenda_points(summary):
            seen.setdefault(" ".join(point.casefold().split()), point)
    return [
        AgendaPointHistory(point, tuple(key in points for points in per_session))
        for key, point in seen.items()
    ]


def render_agenda_history(summaries: list[Summary]) -> str:
    """A Markdown table: one row per agenda point, one column per session, and whether the
    point came back after the session it first appeared in."""
    history = agenda_history(summaries)
    if len(summaries) < 2 or not history:
        return ""
    header = [t("compare.agenda_point"), *(s.day for s in summaries), t("compare.came_back")]
    lines = [f"## {t('sessions.agenda')}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for entry in history:
        first = entry.present.index(True)
        back = any(entry.present[first + 1 :])
        cells = ["✓" if present else "—" for present in entry.present]
        returned = t("compare.yes") if back else t("compare.no")
        lines.append("| " + " | ".join([entry.point, *cells, returned]) + " |")
    return "\n".join(lines) + "\n"
